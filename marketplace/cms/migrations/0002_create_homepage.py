from django.db import migrations

TITLE = "Chợ OCOP Thanh Hóa"
INTRO = "Đặc sản mỗi xã một sản phẩm của xứ Thanh, được Hội đồng tỉnh đánh giá và công nhận hạng sao."


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    Locale = apps.get_model("wagtailcore", "Locale")

    # Wagtail's initial migration leaves a "Welcome to your new Wagtail site!" page: replace it.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="cms")
    locale = Locale.objects.order_by("pk").first()
    home = HomePage.objects.create(
        title=TITLE, draft_title=TITLE, slug="home", content_type=content_type,
        path="00010001", depth=2, numchild=0, url_path="/home/", intro=INTRO, locale=locale, live=True,
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name=TITLE)


class Migration(migrations.Migration):
    dependencies = [("cms", "0001_initial"), ("wagtailcore", "0094_alter_page_locale")]
    operations = [migrations.RunPython(create_homepage, migrations.RunPython.noop)]
