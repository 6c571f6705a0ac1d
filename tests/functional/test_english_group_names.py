"""English pages name the OCOP product groups and sets in English; Vietnamese pages keep the official names."""

import html
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from catalog.models import ProductGroup, ProductSet
from catalog.selectors import NAVIGATION_CACHE_KEY
from catalog.services import category_tree_sync
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

MENU_GROUP = re.compile(
    r'class="site-menu__group-link" href="([^"]+)">\s*<span class="site-menu__code">([^<]+)</span>\s*([^<]+?)\s*</a>'
)
MENU_SETS = re.compile(r'<ul class="site-menu__sets">(.*?)</ul>', re.S)
LINK = re.compile(r'<a href="([^"]+)">([^<]+)</a>')
BREADCRUMB = re.compile(r'<li class="breadcrumb-item[^"]*"[^>]*>\s*(?:<a href="[^"]*">)?([^<]+?)\s*<')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
HEADING = re.compile(r"<h1>(.*?)</h1>", re.S)
HOME_GROUP = re.compile(r'<span class="home-groups__name">([^<]+)</span>')

FISH_SAUCE_EN = "Fermented soybean sauce, fish sauce and other liquid condiments"
FISH_SAUCE_VI = "Tương, nước mắm, gia vị dạng lỏng khác"


@pytest.fixture
def tree():
    """The category tree mirroring the 6 groups and 26 sets, as the demo loads it."""
    category_tree_sync()
    return {"food": ProductGroup.objects.get(code="I"), "fish_sauce": ProductSet.objects.get(number=9)}


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def _menu(page: str) -> dict[str, list[str]]:
    """The product menu as {group name: [set names]}."""
    groups = [name for _url, _code, name in MENU_GROUP.findall(page)]
    sets = [[name for _url, name in LINK.findall(block)] for block in MENU_SETS.findall(page)]
    assert len(groups) == len(sets)
    return dict(zip(groups, sets, strict=True))


def _breadcrumbs(page: str) -> list[str]:
    return [crumb.strip() for crumb in BREADCRUMB.findall(page)]


def _shop_name(language: str) -> str:
    with translation.override(language):
        return str(settings.OSCAR_SHOP_NAME)


def _title(page: str) -> str:
    return " ".join(TITLE.search(page).group(1).split())


def _heading(page: str) -> str:
    return " ".join(HEADING.search(page).group(1).split())


def test_english_catalogue_menu_names_every_group_and_set_in_english(client, tree):
    # when the English catalogue is shown
    menu = _menu(_page(client, "/en/shop/catalogue/"))

    # then the menu holds exactly the English names, in the official order
    assert list(menu) == [
        "Food", "Beverages", "Medicinal herbs and herbal products", "Handicrafts", "Ornamental plants and animals",
        "Community-based tourism, eco-tourism and tourist sites",
    ]
    assert menu["Beverages"] == [
        "White spirits", "Other alcoholic beverages", "Natural mineral water and bottled drinking water",
        "Other non-alcoholic beverages",
    ]
    assert menu["Handicrafts"] == ["Household and decorative handicrafts", "Textiles and garments"]
    assert [name for names in menu.values() for name in names] == list(
        ProductSet.objects.order_by("group__position", "number").values_list("name_en", flat=True)
    )


def test_vietnamese_menu_keeps_the_official_names(client, tree):
    menu = _menu(_page(client, "/shop/catalogue/"))

    assert list(menu) == [
        "Thực phẩm", "Đồ uống", "Dược liệu và sản phẩm từ dược liệu", "Thủ công mỹ nghệ", "Sinh vật cảnh",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
    ]
    assert menu["Thủ công mỹ nghệ"] == ["Thủ công mỹ nghệ gia dụng, trang trí", "Vải, may mặc"]


def test_home_pages_name_the_groups_in_their_language(client, tree):
    vietnamese, english = _page(client, "/"), _page(client, "/en/")

    assert list(_menu(vietnamese))[:2] == ["Thực phẩm", "Đồ uống"]
    assert list(_menu(english))[:2] == ["Food", "Beverages"]
    assert HOME_GROUP.findall(english) == list(ProductGroup.objects.values_list("name_en", flat=True))
    assert HOME_GROUP.findall(vietnamese) == list(ProductGroup.objects.values_list("name", flat=True))


def test_english_category_page_titles_and_breadcrumbs_in_english(client, tree):
    url = tree["fish_sauce"].category.get_absolute_url()

    # when the set's page is opened in English and in Vietnamese
    english_page, vietnamese_page = _page(client, f"/en{url}"), _page(client, url)

    # then each names the set and its group in its own language
    assert _title(english_page) == f"{FISH_SAUCE_EN} | {_shop_name('en')}"
    assert _heading(english_page) == FISH_SAUCE_EN
    assert _breadcrumbs(english_page) == ["Home", "Products", "Food", FISH_SAUCE_EN]
    assert FISH_SAUCE_VI not in english_page
    assert _title(vietnamese_page) == f"{FISH_SAUCE_VI} | {_shop_name('vi')}"
    assert _heading(vietnamese_page) == FISH_SAUCE_VI
    assert _breadcrumbs(vietnamese_page) == ["Trang chủ", "Sản phẩm", "Thực phẩm", FISH_SAUCE_VI]
    assert FISH_SAUCE_EN not in vietnamese_page


def test_english_group_page_uses_its_english_name_over_a_vietnamese_meta_title(client, tree):
    # given staff wrote a Vietnamese meta title for the group's category
    category = tree["food"].category
    category.meta_title = "Đặc sản thực phẩm xứ Thanh"
    category.save()

    url = category.get_absolute_url()

    english, vietnamese = _page(client, f"/en{url}"), _page(client, url)

    assert _title(english) == f"Food | {_shop_name('en')}"
    assert _title(vietnamese) == f"Đặc sản thực phẩm xứ Thanh | {_shop_name('vi')}"


def test_english_product_page_names_its_set_and_categories_in_english(client, tree):
    product = ProductFactory(title="Nước mắm Đông Hải")
    product.categories.add(tree["fish_sauce"].category)

    url = product.get_absolute_url()

    english, vietnamese = _page(client, f"/en{url}"), _page(client, url)

    assert _breadcrumbs(english) == ["Home", "Products", "Food", FISH_SAUCE_EN, "Nước mắm Đông Hải"]
    assert f"<td>{FISH_SAUCE_EN}</td>" in english
    assert FISH_SAUCE_VI not in english
    assert _breadcrumbs(vietnamese) == ["Trang chủ", "Sản phẩm", "Thực phẩm", FISH_SAUCE_VI, "Nước mắm Đông Hải"]
    assert f"<td>{FISH_SAUCE_VI}</td>" in vietnamese


def test_menu_cache_never_leaks_one_language_into_the_other(client, tree):
    # given a cold cache, the Vietnamese page fills it
    cache.clear()
    first = _menu(_page(client, "/shop/catalogue/"))
    cached = cache.get(NAVIGATION_CACHE_KEY)

    # when English and then Vietnamese pages are shown from that one entry
    with CaptureQueriesContext(connection) as english_queries:
        english = _menu(_page(client, "/en/shop/catalogue/"))
    with CaptureQueriesContext(connection) as vietnamese_queries:
        again = _menu(_page(client, "/shop/catalogue/"))

    # then each language gets its own names, and the cached tree neither changed nor was read from the database
    assert list(first)[0] == "Thực phẩm" and list(english)[0] == "Food" and list(again)[0] == "Thực phẩm"
    assert again == first
    assert cache.get(NAVIGATION_CACHE_KEY) == cached
    group_queries = [q["sql"] for q in (*english_queries.captured_queries, *vietnamese_queries.captured_queries)
                     if "catalogue_productgroup" in q["sql"] or "catalogue_productset" in q["sql"]]
    assert group_queries == []
