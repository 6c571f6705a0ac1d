"""The Elasticsearch backend through the real client against the fake server: answers read, writes sent, errors."""

from __future__ import annotations

import datetime
import logging
import socket
from decimal import Decimal

import pytest

from marketplace.search_index import api
from marketplace.search_index.backends import backend_get
from marketplace.search_index.documents import ProductDocument
from marketplace.search_index.types import (
    Facets,
    FacetValue,
    SearchHit,
    SearchUnavailable,
    Suggestion,
)

from .conftest import recorded

ALIAS = "ocop-test-products"


def _document(product_id: int, title: str, **changes) -> ProductDocument:
    values = dict(  # noqa: C408 - reads as the keyword arguments it is
        product_id=product_id, title=title, set_name="Tương, nước mắm, gia vị dạng lỏng khác",
        group_name="Thực phẩm", producer_name="Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", province_name="Tỉnh Thanh Hóa",
        ward_name="Phường Sầm Sơn", description="Ủ chượp 12 tháng.", badge_stars=5,
        badge_until=datetime.date(2027, 5, 14), group_id=2, set_id=9, province_code=38, ward_code=16531,
        producer_id=5, price=Decimal(120_000), in_stock=True,
        date_created=datetime.datetime(2026, 3, 1, 8, 0, tzinfo=datetime.UTC),
    )
    return ProductDocument(**{**values, **changes})


def test_a_search_answer_becomes_hits_total_and_facets(fake_es):
    fake_es.search_responses.append(recorded("response_nuoc_mam"))

    result = api.search("nuoc mam")

    assert result.hits == [
        SearchHit(product_id=101, title="Nước mắm cá cơm 40 độ đạm chai 1 lít", score=1993.0),
        SearchHit(product_id=102, title="Nước mắm cá trích can 2 lít", score=1993.0),
        SearchHit(product_id=103, title="Mắm tôm Hoằng Thanh hũ 500 g", score=482.0),
    ]
    assert (result.total, result.page, result.per_page) == (3, 1, 24)
    assert result.facets == Facets(
        stars=[FacetValue(5, "5", 1), FacetValue(4, "4", 1), FacetValue(3, "3", 1)],
        group=[FacetValue(2, "Đồ uống và thực phẩm chế biến", 3)],
        set=[FacetValue(9, "Tương, nước mắm, gia vị dạng lỏng khác", 3)],
        province=[FacetValue(38, "Tỉnh Thanh Hóa", 3)],
        ward=[FacetValue(16531, "Phường Sầm Sơn", 2), FacetValue(16000, "Xã Hoằng Thanh", 1)],
        producer=[FacetValue(6, "", 1), FacetValue(5, "Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", 1),
                  FacetValue(7, "Hợp tác xã Chế biến hải sản Hoằng Thanh", 1)],
        price=[FacetValue("duoi-100k", "Dưới 100.000 ₫", 1), FacetValue("100k-200k", "100.000 ₫ – 200.000 ₫", 1),
               FacetValue("200k-500k", "200.000 ₫ – 500.000 ₫", 1)],
        in_stock=2,
    )


def test_nothing_indexed_yet_is_an_empty_page(fake_es):
    result = api.search("mat ong", page=5)

    assert (result.hits, result.total, result.page, result.facets) == ([], 0, 1, Facets())
    # every word, then with typos, then any word: one request each, none for the page (there is none)
    assert len(fake_es.requests_to("POST", f"/{ALIAS}/_search")) == 3
    assert fake_es.requests_to("POST", f"/{ALIAS}/_search")[0].query == {
        "ignore_unavailable": "true", "allow_no_indices": "true",
    }


def test_a_page_past_the_last_asks_again_for_the_last(fake_es):
    fake_es.search_responses += [recorded("response_nuoc_mam"), recorded("response_nuoc_mam")]

    result = api.search("nuoc mam", page=9, per_page=2)

    first, again = fake_es.requests_to("POST", f"/{ALIAS}/_search")
    assert (first.body["from"], again.body["from"], again.body["size"]) == (16, 2, 2)
    assert (result.page, result.num_pages) == (2, 2)


def test_a_page_beyond_the_result_window_is_not_asked(fake_es):
    fake_es.search_responses.append(recorded("response_nuoc_mam") | {
        "hits": {**recorded("response_nuoc_mam")["hits"], "total": {"value": 50_000, "relation": "eq"}},
    })

    result = api.search("", page=100_000, per_page=100)

    (request,) = fake_es.requests_to("POST", f"/{ALIAS}/_search")
    assert (request.body["from"], request.body["size"], result.page) == (9_900, 100, 100)


def test_suggestions_read_the_titles(fake_es):
    fake_es.search_responses.append(recorded("response_nuoc_mam"))

    assert api.suggest("nuoc m", limit=3) == [
        Suggestion(101, "Nước mắm cá cơm 40 độ đạm chai 1 lít"), Suggestion(102, "Nước mắm cá trích can 2 lít"),
        Suggestion(103, "Mắm tôm Hoằng Thanh hũ 500 g"),
    ]
    assert api.suggest("!!! ...") == []  # no word: nothing asked
    assert len(fake_es.requests_to("POST", f"/{ALIAS}/_search")) == 1


def test_the_first_write_creates_an_index_behind_the_alias_and_sends_ndjson(fake_es):
    backend = backend_get("elasticsearch")

    assert backend.upsert([_document(101, "Nước mắm cá cơm"), _document(102, "Mắm tôm", price=None,
                                                                         badge_stars=None, badge_until=None)]) == 2

    assert fake_es.alias_targets(ALIAS) == ["ocop-test-products-20261128033000000000"]
    (bulk,) = fake_es.requests_to("PUT", "/_bulk")
    assert bulk.query == {"refresh": "false"}
    assert bulk.body == [
        {"index": {"_index": ALIAS, "_id": "101"}},
        {"product_id": 101, "title": "Nước mắm cá cơm", "set_name": "Tương, nước mắm, gia vị dạng lỏng khác",
         "producer_name": "Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", "place": "Phường Sầm Sơn Tỉnh Thanh Hóa",
         "description": "Ủ chượp 12 tháng.", "group_name": "Thực phẩm", "province_name": "Tỉnh Thanh Hóa",
         "ward_name": "Phường Sầm Sơn", "group_id": 2, "set_id": 9, "province_code": 38, "ward_code": 16531,
         "producer_id": 5, "badge_stars": 5, "badge_until": "2027-05-14", "price": 120000, "in_stock": True,
         "date_created": "2026-03-01T08:00:00+00:00"},
        {"index": {"_index": ALIAS, "_id": "102"}},
        {"product_id": 102, "title": "Mắm tôm", "set_name": "Tương, nước mắm, gia vị dạng lỏng khác",
         "producer_name": "Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", "place": "Phường Sầm Sơn Tỉnh Thanh Hóa",
         "description": "Ủ chượp 12 tháng.", "group_name": "Thực phẩm", "province_name": "Tỉnh Thanh Hóa",
         "ward_name": "Phường Sầm Sơn", "group_id": 2, "set_id": 9, "province_code": 38, "ward_code": 16531,
         "producer_id": 5, "badge_stars": None, "badge_until": None, "price": None, "in_stock": True,
         "date_created": "2026-03-01T08:00:00+00:00"},
    ]


def test_decomposed_tones_are_sent_composed(fake_es):
    backend_get("elasticsearch").upsert([_document(7, "Me\u0302\u0300m tre")])

    assert fake_es.requests_to("PUT", "/_bulk")[0].body[1]["title"] == "Mềm tre"


def test_a_delete_counts_what_the_alias_held_and_a_refresh_is_asked_when_configured(fake_es, settings):
    backend = backend_get("elasticsearch")
    backend.upsert([_document(101, "Nước mắm"), _document(102, "Mắm tôm")])
    settings.ELASTICSEARCH_WRITE_REFRESH = "wait_for"

    assert backend.delete([102, 999]) == 1

    delete = fake_es.requests_to("PUT", "/_bulk")[-1]
    assert delete.query == {"refresh": "wait_for"}
    assert delete.body == [{"delete": {"_index": ALIAS, "_id": "102"}}, {"delete": {"_index": ALIAS, "_id": "999"}}]
    assert sorted(fake_es.indices["ocop-test-products-20261128033000000000"].documents) == ["101"]


def test_a_document_refused_by_the_cluster_raises_with_its_reason(fake_es, caplog):
    backend = backend_get("elasticsearch")
    backend.upsert([_document(101, "Nước mắm")])
    refusal = {"took": 1, "errors": True, "items": [{"index": {
        "_index": "ocop-test-products-20261128033000000000", "_id": "101", "status": 400,
        "error": {"type": "document_parsing_exception", "reason": "failed to parse field [price]"}}}]}
    fake_es.bulk_answer = refusal

    with pytest.raises(SearchUnavailable) as raised, caplog.at_level(logging.ERROR):
        backend.upsert([_document(101, "Nước mắm")])

    assert raised.value.detail == (
        "bulk: 1 refused: ocop-test-products-20261128033000000000/101: failed to parse field [price]"
    )
    assert str(raised.value) == "Tìm kiếm sản phẩm đang tạm gián đoạn. Xin vui lòng thử lại sau ít phút."
    assert "Elasticsearch refused 1 of 1 writes" in caplog.text


def test_a_server_error_is_search_unavailable_with_a_translated_message(fake_es, caplog):
    fake_es.fail_status = 503

    with pytest.raises(SearchUnavailable) as raised, caplog.at_level(logging.ERROR):
        api.search("mat ong")

    assert raised.value.detail == "search products: HTTP 503 unavailable"
    assert str(raised.value) == "Tìm kiếm sản phẩm đang tạm gián đoạn. Xin vui lòng thử lại sau ít phút."
    assert "Elasticsearch refused to search products: 503" in caplog.text
    with pytest.raises(SearchUnavailable):
        backend_get("elasticsearch").delete([1])  # writes too: the outbox retries them


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_refused_connection_is_search_unavailable(settings, caplog):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.PRODUCT_SEARCH_BACKEND = "elasticsearch"

    with pytest.raises(SearchUnavailable) as raised, caplog.at_level(logging.ERROR):
        api.suggest("nem")

    assert raised.value.detail.startswith("suggest products: Connection error caused by")
    assert "Elasticsearch unreachable (suggest products)" in caplog.text


def test_no_cluster_configured_is_search_unavailable(settings):
    settings.ELASTICSEARCH_URL = ""
    settings.PRODUCT_SEARCH_BACKEND = "elasticsearch"

    with pytest.raises(SearchUnavailable) as raised:
        api.search("nem")

    assert raised.value.detail == "ELASTICSEARCH_URL is not set"
