"""The shop's search page (/shop/search/) on nine indexed products (tests/search.py): ranking, facets, chips,
pages, the empty and unavailable answers, and hostile query strings."""

import html
import re

import pytest
from django.contrib.auth import get_user_model

from marketplace.search_index import views as search_views
from tests.search import SEARCH_QUERIES, WARD_HAC_THANH, WARD_SAM_SON

from .shop import elements

pytestmark = pytest.mark.django_db

SEARCH = "/shop/search/"


def _names(response, shelf) -> list[str]:
    by_id = {product.pk: name for name, product in shelf.items()}
    return [by_id[product.pk] for product in response.context["products"]]


def _facet(response, param) -> list[tuple[str, str, int, bool]]:
    for block in response.context["facets"]:
        if block.param == param:
            return [(option.value, option.label, option.count, option.checked) for option in block.options]
    return []


def _chips(response) -> list[tuple[str, str]]:
    return [(chip.label, chip.url) for chip in response.context["chips"]]


@pytest.mark.parametrize(("query", "expected"), [
    ("mat ong", ["mat_ong", "phan_hoa"]),
    ("mật ong", ["mat_ong", "phan_hoa"]),
    ("nuoc mam", ["nuoc_mam_ca_com", "nuoc_mam_ca_trich", "mam_tom"]),
    ("nước mắm", ["nuoc_mam_ca_com", "nuoc_mam_ca_trich", "mam_tom"]),
    ("nem chua", ["nem_chua_tui", "nem_chua_la_oi", "gio_lua"]),
])
def test_the_products_named_by_the_query_come_first(client, search_shelf, query, expected):
    response = client.get(SEARCH, {"q": query})

    assert response.status_code == 200
    assert _names(response, search_shelf)[:len(expected)] == expected


def test_the_page_shows_the_shops_product_cards_in_hit_order(client, search_shelf):
    response = client.get(SEARCH, {"q": "nuoc mam"})

    cards = [a["href"] for a in elements(response.content, css_class="ocop-card__image")]
    assert cards == [search_shelf[name].get_absolute_url()
                     for name in ("nuoc_mam_ca_com", "nuoc_mam_ca_trich", "mam_tom")]
    assert response.context["paginator"].count == 3


def test_facets_count_the_results_and_narrow_them(client, search_shelf):
    bien_xanh = search_shelf["nuoc_mam_ca_com"].producer
    hoang_thanh = search_shelf["mam_tom"].producer

    everything = client.get(SEARCH, {"q": "nuoc mam"})
    assert _facet(everything, "stars") == [("5", "5 sao", 1, False), ("4", "4 sao", 1, False), ("3", "3 sao", 1, False)]
    assert _facet(everything, "producer") == [
        (str(bien_xanh.pk), "Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", 2, False),
        (str(hoang_thanh.pk), "Hợp tác xã Chế biến hải sản Hoằng Thanh", 1, False),
    ]
    assert _facet(everything, "price") == [("duoi-100k", "Dưới 100.000 ₫", 1, False),
                                           ("100k-200k", "100.000 ₫ – 200.000 ₫", 1, False),
                                           ("200k-500k", "200.000 ₫ – 500.000 ₫", 1, False)]
    assert everything.context["in_stock_count"] == 3

    narrowed = client.get(SEARCH, {"q": "nuoc mam", "producer": str(bien_xanh.pk)})
    assert _names(narrowed, search_shelf) == ["nuoc_mam_ca_com", "nuoc_mam_ca_trich"]
    assert _facet(narrowed, "stars") == [("5", "5 sao", 1, False), ("4", "4 sao", 1, False)]
    assert _facet(narrowed, "producer") == [(str(bien_xanh.pk), "Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", 2, True)]
    assert _facet(narrowed, "ward") == [(str(WARD_SAM_SON), "Phường Sầm Sơn", 2, False)]


def test_values_of_one_facet_are_alternatives_and_facets_combine(client, search_shelf):
    either = client.get(SEARCH, {"q": "nuoc mam", "stars": ["5", "3"]})
    assert _names(either, search_shelf) == ["nuoc_mam_ca_com", "mam_tom"]

    cheap_in_hac_thanh = client.get(SEARCH, {"ward": str(WARD_HAC_THANH), "price": "duoi-100k", "sort": "price-asc"})
    assert _names(cheap_in_hac_thanh, search_shelf) == ["nem_chua_la_oi", "nem_chua_tui"]

    in_stock = client.get(SEARCH, {"q": "ong", "in_stock": "1"})
    assert "phan_hoa" not in _names(in_stock, search_shelf)
    assert "phan_hoa" in _names(client.get(SEARCH, {"q": "ong"}), search_shelf)


def test_active_filters_are_chips_that_remove_themselves(client, search_shelf):
    four_stars_in_stock = client.get(SEARCH, {"q": "nuoc mam", "stars": "4", "in_stock": "1", "sort": "price-asc"})

    assert _chips(four_stars_in_stock) == [
        ("4 sao", "/shop/search/?q=nuoc+mam&in_stock=1&sort=price-asc"),
        ("Còn hàng", "/shop/search/?q=nuoc+mam&stars=4&sort=price-asc"),
    ]
    assert four_stars_in_stock.context["clear_filters_url"] == "/shop/search/?q=nuoc+mam"
    assert [a["href"] for a in elements(four_stars_in_stock.content, css_class="ocop-chip")] == [
        "/shop/search/?q=nuoc+mam&in_stock=1&sort=price-asc",
        "/shop/search/?q=nuoc+mam&stars=4&sort=price-asc",
    ]
    assert _chips(client.get(SEARCH, {"q": "nuoc mam"})) == []


def test_a_chosen_value_the_results_no_longer_count_stays_ticked(client, search_shelf):
    nem_chua = search_shelf["nem_chua_tui"].producer

    response = client.get(SEARCH, {"q": "nuoc mam", "producer": str(nem_chua.pk)})

    assert response.context["products"] == []
    assert _facet(response, "producer") == [(str(nem_chua.pk), "Hợp tác xã Nem chua Hạc Thành", 0, True)]
    assert _chips(response) == [("Hợp tác xã Nem chua Hạc Thành", "/shop/search/?q=nuoc+mam")]


def test_a_page_past_the_last_shows_the_last_page(client, search_shelf):
    last = client.get(SEARCH, {"page": "99", "per_page": "2"})
    first = client.get(SEARCH, {"page": "not-a-number", "per_page": "2"})

    assert last.status_code == first.status_code == 200
    assert (last.context["page_obj"].number, last.context["paginator"].num_pages) == (5, 5)
    assert len(last.context["products"]) == 1
    assert first.context["page_obj"].number == 1
    assert [a["href"] for a in elements(first.content, rel="next")] == ["?per_page=2&page=2"]


def test_no_result_says_so_with_advice_and_echoes_the_query(client, search_shelf):
    response = client.get(SEARCH, {"q": "xe máy điện"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    assert "Không tìm thấy sản phẩm nào cho «xe máy điện»" in response.content.decode()
    assert "Hãy kiểm tra chính tả" in response.content.decode()


def test_the_query_is_escaped_wherever_it_is_echoed(client, search_shelf):
    hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>'

    response = client.get(SEARCH, {"q": hostile})

    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page
    assert html.escape(hostile) in page
    assert [i["value"] for i in elements(page, id="site-search-q")] == [hostile]


def test_the_page_is_not_for_search_engines(client, search_shelf):
    response = client.get(SEARCH, {"q": "nem chua"})

    page = response.content.decode()
    assert [m["content"] for m in elements(page, name="robots")] == ["noindex"]
    assert re.search(r"<title>\s*Tìm kiếm «nem chua» \|", page)


@pytest.mark.parametrize("query", [
    {"stars": ["6", "0", "-4", "4.5", "٤", "４", "1e1", ""]},
    {"group": ["abc", "-1", "99999999999999999999", "1 OR 1=1", "0x10"]},
    {"set": ["999999999", "'; DROP TABLE catalogue_product; --", "\u202e9"]},
    {"province": ["9999", "38.0", "%00"]},
    {"ward": ["1", "abc", "16531)"]},
    {"producer": ["999999", "bien-xanh", "../../etc/passwd"]},
    {"price": ["free", "duoi-100k'", "DUOI-100K", "100k-200k\n"]},
    {"in_stock": ["maybe"], "sort": ["price-asc; DROP", "-pk", "__class__"]},
    {"page": ["-3"]}, {"page": ["99999999999999999999999"]}, {"page": ["1.5"]},
    {"q": ["*:*", "title:(mật OR ong)~2", "\\", "%", "_", "' OR '1'='1", "AND OR NOT", "((("]},
])
def test_hostile_parameters_are_dropped_not_errors(client, search_shelf, query):
    response = client.get(SEARCH, query)

    assert response.status_code == 200
    if "q" not in query:
        assert response.context["paginator"].count == 9  # every unusable filter dropped: the whole shelf
        assert _chips(response) == []


def test_filter_values_naming_nothing_are_dropped(client, search_shelf):
    response = client.get(SEARCH, {"q": "nem chua", "producer": "987654", "set": "987654", "group": "987654",
                                   "ward": "987654", "province": "987654"})

    assert _names(response, search_shelf) == ["nem_chua_tui", "nem_chua_la_oi", "gio_lua"]
    assert _chips(response) == []


def test_anonymous_and_signed_in_shoppers_see_the_same_results(client, search_shelf):
    anonymous = client.get(SEARCH, {"q": "nem chua"})
    client.force_login(get_user_model().objects.create_user("khach", "khach@example.com", "x"))
    signed_in = client.get(SEARCH, {"q": "nem chua"})

    assert anonymous.status_code == signed_in.status_code == 200
    assert _names(anonymous, search_shelf) == _names(signed_in, search_shelf) == [
        "nem_chua_tui", "nem_chua_la_oi", "gio_lua"]


def test_english_pages_name_groups_and_sets_in_english(client, search_shelf):
    response = client.get("/en/shop/search/", {"q": "nem chua"})

    assert response.status_code == 200
    group = search_shelf["nem_chua_tui"].ocop_set.group
    assert _facet(response, "group") == [(str(group.pk), group.name_en, 3, False)]


def test_an_unavailable_search_backend_is_a_clear_503(client, search_shelf, monkeypatch):
    def down(*args, **kwargs):
        raise search_views.api.SearchUnavailable("connection refused: http://127.0.0.1:9200")

    monkeypatch.setattr(search_views.api, "search", down)

    response = client.get(SEARCH, {"q": "nem chua"})

    assert response.status_code == 503
    assert "Tìm kiếm đang tạm ngừng. Vui lòng thử lại sau ít phút." in response.content.decode()


def test_the_search_page_costs_a_fixed_number_of_queries(client, search_shelf, django_assert_num_queries):
    client.get(SEARCH, {"q": "nuoc mam"})  # warm the session, site and menu caches

    with django_assert_num_queries(QUERIES_PER_SEARCH_PAGE):
        client.get(SEARCH, {"q": "nuoc mam", "producer": str(search_shelf["mam_tom"].producer_id)})
    with django_assert_num_queries(QUERIES_PER_SEARCH_PAGE):
        client.get(SEARCH, {"q": "ong", "producer": str(search_shelf["mat_ong"].producer_id)})


# The search (SEARCH_QUERIES), the facet labels' names and the page's products, images and stock records.
QUERIES_PER_SEARCH_PAGE = SEARCH_QUERIES + 6
