"""English pages: the English locale (Vietnamese exists since Wagtail's first migration) and the right to translate.

The editorial groups (migration 0007) may submit pages for translation (wagtail-localize's
``submit_translation``); the English page tree itself is made by translating the home page, and takes the
Vietnamese tree's page permissions and workflow then (``marketplace.cms.translations``).
"""

from django.db import migrations

ENGLISH = "en"
EDITORIAL_GROUPS = ("Biên tập viên", "Kiểm duyệt viên", "Người xuất bản")


def _submit_translation_permission(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"},
    )
    return permission


def create_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    english, _ = Locale.objects.get_or_create(language_code=ENGLISH)
    permission = _submit_translation_permission(apps)
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.add(permission)
    # A database migrated back and forth may hold an English home page already: it gets the Vietnamese home
    # page's rights and workflow again (migration 0007 gives them to the Vietnamese one only).
    homes = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage")
    source = homes.exclude(locale=english).order_by("path").first()
    for target in homes.filter(locale=english) if source is not None else ():
        for row in GroupPagePermission.objects.filter(page=source):
            GroupPagePermission.objects.get_or_create(group_id=row.group_id, page=target,
                                                      permission_id=row.permission_id)
        workflow_page = WorkflowPage.objects.filter(page=source).first()
        if workflow_page is not None:
            WorkflowPage.objects.get_or_create(page=target, defaults={"workflow_id": workflow_page.workflow_id})


def remove_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Group = apps.get_model("auth", "Group")
    permission = _submit_translation_permission(apps)
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.remove(permission)
    # The locale stays while English pages use it (Page.locale is PROTECT): Wagtail owns the locales, and a
    # database taken back to an older layout keeps its pages.
    if not Page.objects.filter(locale__language_code=ENGLISH).exists():
        Locale.objects.filter(language_code=ENGLISH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_site_settings_trust_pages"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]
    operations = [migrations.RunPython(create_english_locale, remove_english_locale)]
