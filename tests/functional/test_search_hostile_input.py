"""Whatever a query string holds, the search page and the suggestions answer without a server error."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

SEARCH_PARAMS = ("q", "stars", "group", "set", "province", "ward", "producer", "price", "in_stock", "sort", "page")

# Any text a URL can carry (lone surrogates cannot be encoded by the client at all), plus the syntax of SQL,
# Lucene/Elasticsearch query strings and PostgreSQL tsquery, and the sizes that break naive code.
hostile_text = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300),
    st.sampled_from([
        "' OR 1=1 --", '"; DROP TABLE search_index_searchdocument; --', "title:mật~2 AND NOT ong", "*:*", "\\",
        "nước & mắm | !ong", "mắm:*", "<->", "(((", "%", "_", "\x00", "\x1b[31m", "\u202e", "a" * 10_000,
        "9" * 40, "-1", "1e309", "NaN", "٣", "duoi-100k", "price-asc",
    ]),
)
query_strings = st.dictionaries(st.sampled_from(SEARCH_PARAMS), st.lists(hostile_text, min_size=1, max_size=3),
                                max_size=5)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=query_strings)
def test_the_search_page_never_answers_a_server_error(search_shelf, query):
    response = Client().get("/shop/search/", query)

    assert response.status_code < 500, query


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=st.lists(hostile_text, max_size=2))
def test_the_suggestions_never_answer_a_server_error(search_shelf, q):
    response = Client().get("/shop/search/suggest/", {"q": q})

    assert response.status_code < 500, q
    if response.status_code == 200:
        assert isinstance(response.json(), list)
