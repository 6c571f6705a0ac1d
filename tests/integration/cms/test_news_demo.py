"""The demo's news: loaded by `manage.py load_demo_data`, published under /tin-tuc/, once and only once."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from marketplace.cms.models import NewsArticlePage, NewsCategory
from marketplace.demo import news_data

pytestmark = pytest.mark.django_db


def test_demo_news_is_published_across_four_categories_with_product_cards(client):
    # When the demo is loaded into an empty database
    call_command("load_demo_data", "--no-images", stdout=StringIO())

    # Then its 14 articles are published under the news index, across the four categories (in Vietnamese; three
    # of them also in English, under the English news index)
    articles = NewsArticlePage.objects.live().public().filter(locale__language_code="vi")
    assert articles.count() == len(news_data.ARTICLES) == 14
    assert sorted(NewsCategory.objects.values_list("name", flat=True)) == [
        "Chuyện người làm OCOP", "Hội chợ – triển lãm", "Thông báo", "Tin OCOP"]
    assert Counter(articles.values_list("categories__slug", flat=True)) == {
        "chuyen-nguoi-lam-ocop": 5, "hoi-cho-trien-lam": 4, "thong-bao": 3, "tin-ocop": 4}
    assert {article.url_path.rsplit("/", 2)[0] for article in articles} == {"/home/tin-tuc"}

    # And the index shows the newest twelve, then two on the second page
    first, second = client.get("/tin-tuc/"), client.get("/tin-tuc/", {"page": 2})
    assert [a.title for a in first.context["articles"]][:2] == [
        "Mời đăng ký gian hàng Phiên chợ OCOP Tết Đinh Mùi 2027",
        "Thanh Hóa công nhận thêm sản phẩm OCOP đợt 1 năm 2026",
    ]
    assert (len(first.context["articles"]), len(second.context["articles"])) == (12, 2)

    # And an article embeds the demo product's card at today's price
    fair = client.get("/tin-tuc/hoi-cho-ocop-thanh-hoa-2026/")
    html = fair.content.decode()
    assert fair.status_code == 200
    assert html.count('<div class="cms-block cms-product">') == 2
    assert "Nem chua Hạc Thành túi 50 cái" in html and "125.000\xa0₫" in html

    # When it is loaded again, nothing changes
    again = StringIO()
    call_command("load_demo_data", "--no-images", stdout=again)
    assert "Demo data loaded: 0 rows created, 0 updated." in again.getvalue()
    assert NewsArticlePage.objects.filter(locale__language_code="vi").count() == 14
