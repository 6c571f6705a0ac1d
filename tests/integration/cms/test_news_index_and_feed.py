"""The news index's pages and filters, and the RSS feed: exact lists of published articles only."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db


@pytest.fixture
def fourteen_articles(article_make, categories):
    """13 published articles on 1–13 November (odd days "Tin OCOP", even days "Hội chợ"), a draft and a scheduled one.

    Days 1–4 are also tagged "nem chua"; day 2 is tagged "mật ong" too.
    """
    news, fairs = categories
    for day in range(1, 14):
        tags = ["nem chua"] if day <= 4 else []
        if day == 2:
            tags.append("mật ong")
        article_make(title=f"Tin ngày {day:02d}", date=datetime.date(2026, 11, day),
                     categories=[news if day % 2 else fairs], tags=tags)
    article_make(title="Bản nháp", date=datetime.date(2026, 11, 20), categories=[news], tags=["nem chua"],
                 publish=False)
    article_make(title="Hẹn giờ", date=datetime.date(2026, 11, 21), categories=[news], tags=["nem chua"],
                 go_live_at=timezone.now() + datetime.timedelta(hours=2))


def _titles(response) -> list[str]:
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


def test_pages_hold_twelve_articles_newest_first(client, fourteen_articles):
    first = client.get("/tin-tuc/")
    second = client.get("/tin-tuc/", {"page": 2})

    assert _titles(first) == [f"Tin ngày {day:02d}" for day in range(13, 1, -1)]
    assert _titles(second) == ["Tin ngày 01"]
    assert first.context["paginator"].count == 13
    html = first.content.decode()
    assert "13 bài viết" in html and "Trang 1/2" in html and 'rel="next" href="?page=2"' in html
    assert '<link rel="canonical" href="http://testserver/tin-tuc/?page=2">' in second.content.decode()


@pytest.mark.parametrize("page", ["3", "0", "-1", "hai", "1.5"])
def test_a_page_number_that_is_not_a_page_is_not_found(client, fourteen_articles, page):
    response = client.get("/tin-tuc/", {"page": page})

    assert response.status_code == 404


def test_filter_by_category(client, fourteen_articles):
    response = client.get("/tin-tuc/", {"category": "hoi-cho-trien-lam"})

    assert _titles(response) == ["Tin ngày 12", "Tin ngày 10", "Tin ngày 08", "Tin ngày 06", "Tin ngày 04", "Tin ngày 02"]
    html = response.content.decode()
    assert 'aria-current="page">Hội chợ – triển lãm</a>' in html
    assert '<link rel="canonical" href="http://testserver/tin-tuc/?category=hoi-cho-trien-lam">' in html


def test_filter_by_tag_and_by_both(client, fourteen_articles):
    by_tag = client.get("/tin-tuc/", {"tag": "nem-chua"})
    by_both = client.get("/tin-tuc/", {"tag": "nem-chua", "category": "tin-ocop"})
    honey = client.get("/tin-tuc/", {"tag": "mật-ong"})

    assert _titles(by_tag) == ["Tin ngày 04", "Tin ngày 03", "Tin ngày 02", "Tin ngày 01"]
    assert _titles(by_both) == ["Tin ngày 03", "Tin ngày 01"]
    assert _titles(honey) == ["Tin ngày 02"]
    assert "Bài có từ khóa “nem chua”" in by_tag.content.decode()


def test_filters_travel_with_the_page_links(client, article_make, categories):
    for day in range(1, 15):
        article_make(title=f"Tin {day:02d}", date=datetime.date(2026, 10, day), categories=[categories[0]])

    response = client.get("/tin-tuc/", {"category": "tin-ocop"})

    assert 'rel="next" href="?category=tin-ocop&amp;page=2"' in response.content.decode()
    assert _titles(client.get("/tin-tuc/", {"category": "tin-ocop", "page": 2})) == ["Tin 02", "Tin 01"]


@pytest.mark.parametrize("query", [{"category": "khong-co"}, {"tag": "khong-co"}])
def test_an_unknown_category_or_tag_is_not_found(client, fourteen_articles, query):
    assert client.get("/tin-tuc/", query).status_code == 404


def test_a_category_without_articles_says_so(client, news_index):
    from marketplace.cms.models import NewsCategory

    NewsCategory.objects.create(name="Thông báo", slug="thong-bao")

    response = client.get("/tin-tuc/", {"category": "thong-bao"})

    assert _titles(response) == []
    assert "Chưa có bài viết nào." in response.content.decode()


def test_the_feed_is_rss_listing_published_articles_only(client, fourteen_articles):
    response = client.get("/tin-tuc/rss/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    rss = ET.fromstring(response.content)
    assert (rss.tag, rss.get("version")) == ("rss", "2.0")
    channel = rss.find("channel")
    assert channel.findtext("title") == "Tin tức"
    assert channel.findtext("link") == "http://testserver/tin-tuc/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [f"Tin ngày {day:02d}" for day in range(13, 0, -1)]
    newest = items[0]
    assert newest.findtext("link").startswith("http://testserver/tin-tuc/bai-")
    assert newest.findtext("category") == "Tin OCOP"
    assert newest.findtext("pubDate").startswith("Fri, 13 Nov 2026")


def test_the_feed_of_an_empty_news_is_still_well_formed(client, news_index):
    rss = ET.fromstring(client.get("/tin-tuc/rss/").content)

    assert rss.find("channel").findall("item") == []


def test_the_index_costs_the_same_queries_for_three_articles_as_for_twelve(
    client, article_make, categories, image_make, django_assert_num_queries,
):
    def add(count: int) -> None:
        for _ in range(count):
            article_make(title="Tin có ảnh", categories=categories, tags=["nem chua"], hero_image=image_make())

    add(3)
    client.get("/tin-tuc/")  # the first view draws the card renditions
    with django_assert_num_queries(INDEX_QUERIES):
        assert len(client.get("/tin-tuc/").context["articles"]) == 3

    add(9)
    client.get("/tin-tuc/")
    with django_assert_num_queries(INDEX_QUERIES):
        assert len(client.get("/tin-tuc/").context["articles"]) == 12


# Wagtail's site, routing (in the active language's tree, so its locale) and view restrictions (8); the page's
# translations and the private sections, for the language switch and hreflang (2); the count and the articles;
# the categories of the filter and of the cards; the breadcrumbs; the hero images and their renditions. None per
# article.
INDEX_QUERIES = 17
