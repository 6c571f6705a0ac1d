"""What the Elasticsearch backend sends, captured by the fake server and compared with recorded bodies.

No Elasticsearch server can run on the development machines: these pin the index definition and the queries
(reviewed once by reading them, then held exactly). Rewrite them with RECORD_ES_BODIES=1 after a deliberate change.
"""

from __future__ import annotations

import copy

import pytest

from marketplace.search_index import api
from marketplace.search_index.types import SearchFilters, Sort

from .conftest import assert_recorded, recorded

FILTERS = SearchFilters(stars=(4, 5), group_ids=(3,), set_ids=(9, 8), province_codes=(38,), ward_codes=(16531,),
                        producer_ids=(12,), price_bands=("duoi-100k", "khong-co", "tu-500k"), in_stock=True)


def _found(total: int) -> dict:
    response = copy.deepcopy(recorded("response_nuoc_mam"))
    response["hits"]["total"]["value"] = total
    return response


def _search_bodies(fake_es) -> list[dict]:
    return [request.body for request in fake_es.requests_to("POST", "/ocop-test-products/_search")]


def test_the_index_has_the_vietnamese_analysers_and_the_mapping(fake_es):
    api.remove_products([1])  # a first write creates the first index behind the alias

    created = fake_es.requests_to("PUT", "/ocop-test-products-20261128033000000000")
    assert len(created) == 1
    assert_recorded("index", created[0].body)
    analysis = created[0].body["settings"]["analysis"]
    assert analysis["char_filter"]["vi_stroke"] == {"type": "mapping", "mappings": ["đ => d", "Đ => D"]}
    assert created[0].body["aliases"] == {"ocop-test-products": {}}


@pytest.mark.parametrize(("name", "query"), [("search_plain", "nước mắm"), ("search_folded", "nuoc mam")])
def test_a_query_with_or_without_tones(fake_es, name, query):
    fake_es.search_responses.append(_found(3))

    api.search(query)

    assert_recorded(name, _search_bodies(fake_es)[0])


def test_every_filter_goes_in_filter_context_and_unknown_price_bands_are_dropped(fake_es):
    fake_es.search_responses.append(_found(3))

    api.search("nem chua", filters=FILTERS)

    assert_recorded("search_every_filter", _search_bodies(fake_es)[0])


@pytest.mark.parametrize("sort", Sort.CHOICES)
def test_each_sort(fake_es, sort):
    fake_es.search_responses += [_found(3), _found(3)]

    api.search("mat ong", sort=sort)
    api.search("", sort=sort)

    query_body, browse_body = _search_bodies(fake_es)
    assert_recorded(f"sort_{sort}", {"query": query_body["sort"], "browse": browse_body["sort"],
                                     "track_scores": query_body.get("track_scores", False)})


def test_a_page_is_asked_from_its_first_hit(fake_es):
    fake_es.search_responses.append(_found(100))

    result = api.search("", page=3, per_page=12)

    body = _search_bodies(fake_es)[0]
    assert (body["from"], body["size"], body["track_total_hits"]) == (24, 12, True)
    assert body["query"] == {"match_all": {}}
    assert (result.page, result.num_pages) == (3, 9)


def test_no_product_with_every_word_tries_typos_then_any_word(fake_es):
    fake_es.search_responses += [_found(0), _found(0), _found(0)]

    api.search("nuoc mamm")

    every_word, typos, any_word = _search_bodies(fake_es)
    assert_recorded("search_typos", typos)
    assert every_word["query"]["bool"]["filter"][0] == {"bool": {"must": [
        {"prefix": {"search_text": {"value": "nuoc"}}}, {"prefix": {"search_text": {"value": "mamm"}}},
    ]}}
    assert any_word["query"]["bool"]["filter"][0]["bool"]["minimum_should_match"] == 1
    assert any_word["query"]["bool"]["filter"][0]["bool"]["should"] == typos["query"]["bool"]["filter"][0]["bool"]["must"]


def test_a_suggestion_is_a_phrase_on_the_edge_ngrams(fake_es):
    api.suggest("Nem Ch")

    assert_recorded("suggest", _search_bodies(fake_es)[0])
