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
    Locale.objects.get_or_create(language_code=ENGLISH)
    permission = _submit_translation_permission(apps)
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.add(permission)


def remove_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    Group = apps.get_model("auth", "Group")
    permission = _submit_translation_permission(apps)
    for group in Group.objects.filter(name__in=EDITORIAL_GROUPS):
        group.permissions.remove(permission)
    if Page.objects.filter(locale__language_code=ENGLISH).exists():
        # Deleting the locale would orphan the English pages (Page.locale is PROTECT): delete them in the admin first.
        raise RuntimeError("English pages exist: delete the English page tree before removing the English locale.")
    Locale.objects.filter(language_code=ENGLISH).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0008_site_settings_trust_pages"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]
    operations = [migrations.RunPython(create_english_locale, remove_english_locale)]
