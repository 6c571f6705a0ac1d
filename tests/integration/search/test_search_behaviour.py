"""The behaviour every search backend must have, on the same 15 products (see conftest.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.changes import PRODUCT_CHANGED
from catalog.models import Product
from marketplace.outbox.registry import outbox_subscribers, outbox_unsubscribe
from marketplace.search_index import api
from marketplace.search_index.documents import TOPIC
from marketplace.search_index.models import ReindexCheckpoint
from marketplace.search_index.types import FacetValue, SearchFilters, Sort
from ocop_rating.certificates.services import certificates_expire_due

from .conftest import WARD_HAC_THANH, WARD_HOANG_THANH, WARD_SAM_SON, drain, indexed_ids

pytestmark = pytest.mark.django_db


def top(catalogue, query, n=3, **kwargs) -> list[str]:
    return catalogue.names(api.search(query, **kwargs).product_ids[:n])


@pytest.mark.parametrize(("query", "expected"), [
    ("mật ong", ["mat_ong", "phan_hoa"]),  # the title, then the producer (and "ong" in the title)
    ("mat ong", ["mat_ong", "phan_hoa"]),
    ("MẬT ONG", ["mat_ong", "phan_hoa"]),
    ("nem chua", ["nem_chua_tui", "nem_chua_la_oi"]),
    ("nem chua thanh hoa", ["nem_chua_tui", "nem_chua_la_oi"]),
    ("nuoc mam", ["nuoc_mam_ca_com", "nuoc_mam_ca_trich", "mam_tom"]),
    ("keo lac", ["keo_lac"]),
    ("chieu coi nga son", ["chieu_coi"]),
    ("banh gai", ["banh_gai"]),
    ("bien xanh", ["nuoc_mam_ca_com", "nuoc_mam_ca_trich"]),  # a producer's name
    ("hạc thành", ["nem_chua_tui", "gio_lua", "nem_chua_la_oi"]),  # in the title first, then the commune
])
def test_queries_with_and_without_diacritics_find_the_right_products_first(catalogue, query, expected):
    assert top(catalogue, query, n=len(expected)) == expected


def test_a_query_with_its_tones_ranks_the_exact_word_before_the_other_tones(catalogue):
    result = api.search("mắm")

    assert set(catalogue.names(result.product_ids[:3])) == {"mam_tom", "nuoc_mam_ca_com", "nuoc_mam_ca_trich"}
    assert set(catalogue.names(result.product_ids[3:])) == {"mam_dau_nanh", "mam_tre"}  # "mam" finds all five
    assert top(catalogue, "mầm", n=1) == ["mam_dau_nanh"]
    assert top(catalogue, "mâm", n=1) == ["mam_tre"]


def test_facets_count_the_results(catalogue):
    result = api.search("nuoc mam")

    assert result.total == 3
    facets = result.facets
    assert facets.stars == [FacetValue(5, "5", 1), FacetValue(4, "4", 1), FacetValue(3, "3", 1)]
    assert [(v.label, v.count) for v in facets.set] == [("Tương, nước mắm, gia vị dạng lỏng khác", 3)]
    assert [(v.value, v.count) for v in facets.ward] == [(WARD_SAM_SON, 2), (WARD_HOANG_THANH, 1)]
    assert [(v.label, v.count) for v in facets.producer] == [
        ("Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", 2), ("Hợp tác xã Chế biến hải sản Hoằng Thanh", 1),
    ]
    assert [(v.value, v.count) for v in facets.province] == [(38, 3)]
    assert [(v.value, v.count) for v in facets.price] == [("duoi-100k", 1), ("100k-200k", 1), ("200k-500k", 1)]
    assert facets.in_stock == 3


def test_filters_narrow_the_results_and_their_facets(catalogue):
    four_stars = api.search("", filters=SearchFilters(stars=(4,)), sort=Sort.PRICE_ASC)
    assert catalogue.names(four_stars.product_ids) == ["nem_chua_tui", "nuoc_mam_ca_trich", "mat_ong", "chieu_coi"]
    assert [(v.value, v.count) for v in four_stars.facets.stars] == [(4, 4)]

    cheap_in_hac_thanh = api.search("", filters=SearchFilters(ward_codes=(WARD_HAC_THANH,), price_bands=("duoi-100k",)))
    assert sorted(catalogue.names(cheap_in_hac_thanh.product_ids)) == ["nem_chua_la_oi", "nem_chua_tui"]

    in_stock = api.search("coi", filters=SearchFilters(in_stock=True))
    assert catalogue.names(in_stock.product_ids) == ["chieu_coi", "mam_tre"]


def test_everything_listed_is_indexed_and_a_hidden_product_never_found(catalogue):
    assert indexed_ids() == {product.pk for name, product in catalogue.products.items() if name != "_hidden"}
    assert api.search("").total == 15
    assert "_hidden" not in catalogue.names(api.search("thử nghiệm").product_ids)


def test_suggestions_complete_a_word_being_typed(catalogue):
    assert [s.title for s in api.suggest("nem ch")] == ["Nem chua Hạc Thành túi 50 cái", "Nem chua lá ổi hộp 30 cái"]
    assert [s.title for s in api.suggest("mat")] == ["Mật ong hoa rừng Bá Thước chai 500 ml",
                                                     "Kẹo lạc mật mía thanh 300 g"]
    assert len(api.suggest("c")) == 8
    assert api.suggest("   ") == []


@pytest.mark.postgres
def test_a_typo_still_finds_the_product_on_postgresql(catalogue):
    assert top(catalogue, "nuoc mamm", n=2) == ["nuoc_mam_ca_com", "nuoc_mam_ca_trich"]
    assert top(catalogue, "mat ongg", n=1) == ["mat_ong"]


def test_an_expired_certificate_drops_the_star_the_day_it_ends(catalogue):
    assert [(v.value, v.count) for v in api.search("ong rung").facets.stars] == [(4, 1)]

    with time_machine.travel(timezone.localdate() + datetime.timedelta(days=3), tick=False):
        # Before the daily task has run, the index already stops counting the star (it keeps the last day).
        assert api.search("ong rung").facets.stars == []
        assert certificates_expire_due(today=timezone.localdate()) == 1
        drain()
        four_stars = api.search("ong rung", filters=SearchFilters(stars=(4,)))
        assert "mat_ong" not in catalogue.names(four_stars.product_ids)

    # The index forgot the badge: back to today, when it would still show, no star is counted.
    assert api.search("ong rung").facets.stars == []


def test_a_price_change_and_a_stock_out_reach_the_index_through_the_outbox(catalogue):
    record = catalogue["gio_lua"].stockrecords.get()
    record.price = Decimal(600_000)
    record.save()
    assert api.search("", filters=SearchFilters(price_bands=("tu-500k",))).total == 0  # not delivered yet

    drain()
    assert catalogue.names(api.search("", filters=SearchFilters(price_bands=("tu-500k",))).product_ids) == ["gio_lua"]

    record.num_in_stock = 0
    record.save()
    drain()
    assert api.search("gio lua").facets.in_stock == 0
    assert api.search("gio lua", filters=SearchFilters(in_stock=True)).total == 0


def test_a_product_taken_off_sale_or_deleted_leaves_the_index(catalogue):
    product = catalogue["banh_gai"]
    product.is_public = False
    product.save()
    drain()
    assert "banh_gai" not in catalogue.names(api.search("banh gai").product_ids)

    catalogue["keo_lac"].delete()
    drain()
    assert "keo_lac" not in catalogue.names(api.search("keo lac").product_ids)
    assert api.search("").total == 13


def test_a_reindex_interrupted_after_a_chunk_resumes_after_it(catalogue, backend):
    api.remove_products(product.pk for product in catalogue.products.values())
    ids = sorted(product.pk for product in catalogue.products.values())

    def crash(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        api.reindex(chunk_size=5, progress=crash)
    assert ReindexCheckpoint.objects.get(backend=backend).last_product_id == ids[4]
    assert api.search("").total == 5

    seen = []
    report = api.reindex(chunk_size=5, resume=True, progress=lambda done, total: seen.append((done, total)))

    assert (report.resumed_after, report.products, report.indexed) == (ids[4], 11, 10)  # one of them is hidden
    assert seen == [(5, 11), (10, 11), (11, 11)]
    assert api.search("").total == 15
    assert ReindexCheckpoint.objects.get(backend=backend).finished_at is not None
    assert api.reindex(resume=True).resumed_after == 0  # a finished run starts again


def test_the_reindex_command_reports_and_refuses_a_bad_chunk_size(catalogue, capsys):
    api.remove_products([catalogue["cam_say"].pk])  # lost
    Product.objects.filter(pk=catalogue["keo_lac"].pk).update(is_public=False)  # hidden without a signal

    call_command("search_reindex", "--chunk-size", "4", verbosity=0)

    assert "Search index rebuilt: 16 products read, 14 indexed, 1 removed." in capsys.readouterr().out
    assert api.search("").total == 14
    assert catalogue["cam_say"].pk in indexed_ids()

    with pytest.raises(CommandError, match="--chunk-size must be at least 1"):
        call_command("search_reindex", "--chunk-size", "0")


@pytest.mark.parametrize("query", [
    "x" * 10_000,
    "'; DROP TABLE search_index_searchdocument; --",
    'title:(mắm OR "nem") AND stars:[3 TO 5]~2 && !|| \\ * ? % _',
    "!!! ??? ...",
])
def test_hostile_queries_answer_a_normal_page(catalogue, query):
    result = api.search(query, page=3)

    assert result.page == 1
    assert result.total == len(result.hits) <= 24
    assert api.search("").total == 15


def test_pages_and_unknown_filter_values_never_fail(catalogue):
    past_the_end = api.search("", page=999, per_page=4)
    assert (past_the_end.page, past_the_end.num_pages, len(past_the_end.hits)) == (4, 4, 3)

    assert api.search("", filters=SearchFilters(producer_ids=(999_999,))).total == 0
    assert api.search("", filters=SearchFilters(price_bands=("khong-co",))).total == 15
    assert api.search("mat ong", sort="bogus").product_ids == api.search("mat ong").product_ids


def test_the_app_subscribes_the_index_to_every_product_change():
    outbox_unsubscribe(PRODUCT_CHANGED, TOPIC)
    assert TOPIC not in outbox_subscribers(PRODUCT_CHANGED)
    apps.get_app_config("search_index").ready()
    assert TOPIC in outbox_subscribers(PRODUCT_CHANGED)
