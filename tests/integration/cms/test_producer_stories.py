"""Producer stories: the index at /chuyen-nguoi-lam-ocop/, a story with its producer's public products, and the
story on the producer's shop page (and only there)."""

import re

import pytest
from wagtail.models import Page
from wagtail.rich_text import RichText

from marketplace.cms.models import (
    HomePage,
    NewsIndexPage,
    ProducerStoryIndexPage,
    ProducerStoryPage,
)
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"'):html.index("</main>")]


def _product_titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="ocop-card__title">\s*<a [^>]*>([^<]*)</a>', html)


@pytest.fixture
def story_index():
    return ProducerStoryIndexPage.objects.get(url_path="/home/chuyen-nguoi-lam-ocop/")


@pytest.fixture
def story_make(story_index):
    def make(*, producer, title="Nem chua giữ vị phố cũ", slug="nem-chua", publish=True, **fields):
        story = ProducerStoryPage(title=title, slug=slug, producer=producer, live=False, **fields)
        story_index.add_child(instance=story)
        revision = story.save_revision()
        if publish:
            revision.publish()
        story.refresh_from_db()
        return story

    return make


def test_the_story_index_lives_under_the_home_page_and_tree_rules(client, story_index):
    home = HomePage.objects.get()
    assert story_index.get_parent().specific == home
    assert (story_index.url, story_index.live, story_index.title) == (
        "/chuyen-nguoi-lam-ocop/", True, "Chuyện người làm OCOP")
    assert client.get("/chuyen-nguoi-lam-ocop/").status_code == 200

    # A story goes under the story index only; the index under the home page only, once
    assert ProducerStoryPage.can_exist_under(story_index) is True
    assert ProducerStoryPage.can_exist_under(home) is False
    assert ProducerStoryPage.can_exist_under(NewsIndexPage.objects.get()) is False
    assert ProducerStoryIndexPage.can_exist_under(home) is True
    assert ProducerStoryIndexPage.can_exist_under(Page.objects.get(depth=1)) is False
    assert ProducerStoryIndexPage.can_create_at(home) is False  # max_count = 1, already there
    assert ProducerStoryIndexPage.allowed_subpage_models() == [ProducerStoryPage]
    assert ProducerStoryPage.allowed_subpage_models() == []


def test_a_story_shows_only_its_producers_public_products(client, story_make):
    producer = ProducerFactory(name="Hợp tác xã Nem chua Hạc Thành", slug="htx-nem-chua-hac-thanh")
    five_star = ProductFactory(producer=producer, title="Nem chua túi 50 cái", stockrecord__price=125000)
    CertificateFactory(product=five_star, stars=5)
    ProductFactory(producer=producer, title="Nem chua lá ổi", stockrecord__price=60000)
    ProductFactory(producer=producer, title="Nem chua chưa bán", is_public=False)
    ProductFactory(title="Nước mắm của chủ thể khác")
    story_make(producer=producer, summary="Mười hai hộ giữ vị phố cũ.",
               body=[("paragraph", RichText("<p>Gói bằng lá chuối, lá ổi.</p>"))])

    response = client.get("/chuyen-nguoi-lam-ocop/nem-chua/")
    main = _main(response)

    assert response.status_code == 200
    assert '<h1 class="news-article__title">Nem chua giữ vị phố cũ</h1>' in main
    assert '<p class="news-article__summary">Mười hai hộ giữ vị phố cũ.</p>' in main
    assert "<p>Gói bằng lá chuối, lá ổi.</p>" in main
    assert main.count('href="/shop/producers/htx-nem-chua-hac-thanh/"') == 2  # its name and the shop button
    # Its public products only, best star first, as the shop's cards with today's price
    assert [p.title for p in response.context["products"]] == ["Nem chua túi 50 cái", "Nem chua lá ổi"]
    assert _product_titles(main) == ["Nem chua túi 50 cái", "Nem chua lá ổi"]
    assert "125.000\xa0₫" in main and "60.000\xa0₫" in main
    assert "Nem chua chưa bán" not in main and "Nước mắm của chủ thể khác" not in main


def test_the_story_appears_on_its_producers_shop_page_and_not_on_another(client, story_make):
    producer = ProducerFactory(name="Hợp tác xã Nem chua Hạc Thành", slug="htx-nem-chua-hac-thanh")
    other = ProducerFactory(name="Hợp tác xã Cói Nga Sơn", slug="htx-coi-nga-son")
    story_make(producer=producer, summary="Mười hai hộ giữ vị phố cũ.")
    story_make(producer=producer, title="Bản nháp về nem chua", slug="nhap", publish=False)

    own = _main(client.get("/shop/producers/htx-nem-chua-hac-thanh/"))
    another = _main(client.get("/shop/producers/htx-coi-nga-son/"))

    assert '<h2 class="h5" id="producer-stories-title">Chuyện người làm OCOP</h2>' in own
    assert re.findall(r'<h3 class="news-card__title"><a href="([^"]*)">([^<]*)</a>', own) == [
        ("/chuyen-nguoi-lam-ocop/nem-chua/", "Nem chua giữ vị phố cũ")]
    assert "Bản nháp về nem chua" not in own
    assert "producer-stories" not in another and "Nem chua giữ vị phố cũ" not in another
    assert other.pk != producer.pk


def test_the_index_lists_published_stories_newest_first(client, story_make):
    producer = ProducerFactory()
    story_make(producer=producer, title="Chuyện thứ nhất", slug="mot")
    story_make(producer=producer, title="Chuyện thứ hai", slug="hai")
    story_make(producer=producer, title="Chuyện chưa duyệt", slug="ba", publish=False)

    main = _main(client.get("/chuyen-nguoi-lam-ocop/"))

    assert re.findall(r'<h3 class="news-card__title"><a href="[^"]*">([^<]*)</a>', main) == [
        "Chuyện thứ hai", "Chuyện thứ nhất"]


def test_a_draft_story_is_not_reachable_anonymously(client, story_make):
    story_make(producer=ProducerFactory(), publish=False)

    assert client.get("/chuyen-nguoi-lam-ocop/nem-chua/").status_code == 404
