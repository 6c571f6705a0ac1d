from django.db import migrations

# (model, slug, title, intro): the stable public URLs /chuyen-nguoi-lam-ocop/ and /su-kien/.
INDEXES = (
    (
        "producerstoryindexpage", "chuyen-nguoi-lam-ocop", "Chuyện người làm OCOP",
        "Những hợp tác xã, hộ sản xuất và doanh nghiệp đứng sau các sản phẩm OCOP của Thanh Hóa.",
    ),
    (
        "eventindexpage", "su-kien", "Sự kiện",
        "Hội chợ, phiên chợ và triển lãm sản phẩm OCOP: sự kiện sắp diễn ra trước, sự kiện đã qua sau.",
    ),
)


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text or "0"


def create_indexes(apps, schema_editor):
    """Put the producer stories and the events under the home page, if the home page exists (as 0004 does)."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    if home is None:
        return
    for model_name, slug, title, intro in INDEXES:
        Model = apps.get_model("cms", model_name)
        if Page.objects.filter(depth=3, path__startswith=home.path, slug=slug).exists():
            continue
        # Treebeard's API is not available to historical models: append the child by hand.
        last = Page.objects.filter(depth=3, path__startswith=home.path).order_by("-path").first()
        step = int(last.path[-4:], 36) + 1 if last else 1
        content_type, _ = ContentType.objects.get_or_create(model=model_name, app_label="cms")
        Model.objects.create(
            title=title, draft_title=title, slug=slug, content_type=content_type,
            path=home.path + _base36(step).rjust(4, "0"), depth=3, numchild=0,
            url_path=f"{home.url_path}{slug}/", intro=intro, locale_id=home.locale_id, live=True,
            show_in_menus=True,
        )
        home.numchild += 1
        Page.objects.filter(pk=home.pk).update(numchild=home.numchild)


def remove_indexes(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    for model_name, _slug, _title, _intro in INDEXES:
        for index_page in apps.get_model("cms", model_name).objects.all():
            if Page.objects.filter(path__startswith=index_page.path, depth__gt=index_page.depth).exists():
                continue  # it has children: leave it
            parent = Page.objects.get(path=index_page.path[:-4])
            index_page.delete()
            Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild - 1)


class Migration(migrations.Migration):
    dependencies = [("cms", "0005_programme_story_event_pages")]
    operations = [migrations.RunPython(create_indexes, remove_indexes)]
