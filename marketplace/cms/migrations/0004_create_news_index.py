from django.db import migrations

TITLE = "Tin tức"
SLUG = "tin-tuc"
INTRO = "Tin về chương trình Mỗi xã một sản phẩm (OCOP) của tỉnh Thanh Hóa: hội chợ, sản phẩm mới công nhận, chuyện người làm OCOP."


def create_news_index(apps, schema_editor):
    """Put the news index at /tin-tuc/ (a stable public URL) under the home page, if the home page exists."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    NewsIndexPage = apps.get_model("cms", "NewsIndexPage")
    home = Page.objects.filter(depth=2, content_type__app_label="cms", content_type__model="homepage").first()
    if home is None or Page.objects.filter(depth=3, path__startswith=home.path, slug=SLUG).exists():
        return
    # Treebeard's API is not available to historical models: append the child by hand.
    last = Page.objects.filter(depth=3, path__startswith=home.path).order_by("-path").first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    path = home.path + _base36(step).rjust(4, "0")
    content_type, _ = ContentType.objects.get_or_create(model="newsindexpage", app_label="cms")
    NewsIndexPage.objects.create(
        title=TITLE, draft_title=TITLE, slug=SLUG, content_type=content_type, path=path, depth=3, numchild=0,
        url_path=f"{home.url_path}{SLUG}/", intro=INTRO, locale_id=home.locale_id, live=True,
        show_in_menus=True,
    )
    Page.objects.filter(pk=home.pk).update(numchild=home.numchild + 1)


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text or "0"


def remove_news_index(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    NewsIndexPage = apps.get_model("cms", "NewsIndexPage")
    for news_index in NewsIndexPage.objects.all():
        if Page.objects.filter(path__startswith=news_index.path, depth__gt=news_index.depth).exists():
            continue  # it has articles: leave it
        parent = Page.objects.get(path=news_index.path[:-4])
        news_index.delete()
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild - 1)


class Migration(migrations.Migration):
    dependencies = [("cms", "0003_news_categories_index_and_articles")]
    operations = [migrations.RunPython(create_news_index, remove_news_index)]
