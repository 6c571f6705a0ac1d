"""The demo's English pages: loaded by `manage.py load_demo_data` through wagtail-localize, once and only once."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from marketplace.cms.models import HomePage, NewsArticlePage, ProgrammePage
from marketplace.cms.translations import page_untranslated_texts
from marketplace.demo import programme_data, translations_data
from marketplace.demo.translations import english_texts

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_english_home_news_and_programme_pages_in_english(client):
    # When the demo is loaded into an empty database
    call_command("load_demo_data", "--no-images", stdout=StringIO())

    # Then the home page, the news index, the three programme pages and three articles have live English versions
    assert HomePage.objects.filter(locale__language_code="en", live=True).count() == 1
    home = client.get("/en/")
    assert (home.status_code, home.context["page"].title) == (200, "Thanh Hóa OCOP Marketplace")
    # with the hero and its buttons in English too, nothing of the Vietnamese home left untranslated but its slug
    assert home.context["page"].hero_title == "Specialities of Thanh Hóa, OCOP certified"
    assert [link.value["label"] for link in home.context["page"].hero_links] == [
        "Shop OCOP products", "How do products earn their stars?", "Check a certificate"]
    vi_home = HomePage.objects.get(locale__language_code="vi")
    assert page_untranslated_texts(page=vi_home, language="en") == [vi_home.slug]
    assert sorted(ProgrammePage.objects.live().filter(locale__language_code="en").values_list("title", flat=True)) == [
        "How a product earns its stars", "The New Rural Development programme", "The OCOP programme"]

    # And the page on stars is in English at the Vietnamese page's path under /en/, its live figures included
    stars = client.get("/en/chuong-trinh-ocop/san-pham-duoc-gan-sao-nhu-the-nao/")
    html = stars.content.decode()
    assert (stars.status_code, stars.context["page"].locale.language_code) == (200, "en")
    assert re.findall(r'cms-timeline__step-title">([^<]*)<', html) == [
        "The producer files a dossier with the commune or ward", "The commune or ward checks it and puts it forward",
        "The provincial council scores", "3 and 4 stars are recognised", "5 stars are recognised",
        "Certificates expire",
    ]
    assert re.findall(r'cms-figure__label">([^<]*)<', html) == [
        "3-star products on sale", "4-star products on sale", "5-star products on sale"]

    # And every text of the English programme pages and articles is translated (the slugs stay Vietnamese)
    for page in [*ProgrammePage.objects.filter(locale__language_code="vi"),
                 *NewsArticlePage.objects.filter(locale__language_code="vi", slug__in=translations_data.ARTICLES)]:
        assert page_untranslated_texts(page=page, language="en") == [page.slug], page.slug

    # And the English news lists the three English articles only, newest first
    news = client.get("/en/tin-tuc/")
    assert [article.title for article in news.context["articles"]] == [
        "Thanh Hóa certifies new OCOP products in its first round of 2026",
        "Thanh Hóa OCOP Fair 2026 brings together more than 200 stands",
        "How to check an OCOP certificate with its QR code",
    ]
    assert news.context["page"].title == "News"

    # When it is loaded again, nothing changes
    again = StringIO()
    call_command("load_demo_data", "--no-images", stdout=again)
    assert "Demo data loaded: 0 rows created, 0 updated." in again.getvalue()
    assert NewsArticlePage.objects.filter(locale__language_code="en").count() == 3


def test_an_english_page_whose_blocks_differ_from_the_vietnamese_is_refused():
    spec = programme_data.PROGRAMMES[0]
    english = translations_data.EnglishPage(title="New rural areas", intro="", body=(("p", "Only one paragraph."),))

    with pytest.raises(ValueError, match="does not have the blocks of 'Chương trình Nông thôn mới'"):
        english_texts(title=spec.title, intro=spec.intro, body=spec.body, english=english)
