"""The header box's suggestions (/shop/search/suggest/?q=): JSON, at most 8, cached a minute, never an error."""

import pytest

from tests.factories import ProductFactory
from tests.search import search_index_drain

pytestmark = pytest.mark.django_db

SUGGEST = "/shop/search/suggest/"


def test_suggestions_are_titles_and_product_addresses(client, search_shelf):
    response = client.get(SUGGEST, {"q": "nem"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == [
        {"title": "Nem chua Hạc Thành túi 50 cái", "url": search_shelf["nem_chua_tui"].get_absolute_url()},
        {"title": "Nem chua lá ổi hộp 30 cái", "url": search_shelf["nem_chua_la_oi"].get_absolute_url()},
    ]


def test_suggestions_match_without_diacritics_while_typing(client, search_shelf):
    assert [item["title"] for item in client.get(SUGGEST, {"q": "mat o"}).json()] == [
        "Mật ong hoa rừng Bá Thước chai 500 ml"]


def test_english_pages_suggest_english_addresses(client, search_shelf):
    [item] = client.get("/en" + SUGGEST, {"q": "mat o"}).json()

    assert item["url"].startswith("/en/shop/catalogue/")


def test_at_most_eight_suggestions(client, search_index_listening):
    for number in range(10):
        ProductFactory(title=f"Mật ong rừng chai {number + 1}")
    search_index_drain()

    assert len(client.get(SUGGEST, {"q": "mat ong"}).json()) == 8


@pytest.mark.parametrize("query", [{}, {"q": ""}, {"q": "   "}, {"q": "n" * 10_000}, {"q": "mật " * 60}])
def test_blank_or_too_long_queries_suggest_nothing(client, search_shelf, query):
    response = client.get(SUGGEST, query)

    assert response.status_code == 200
    assert response.json() == []


def test_suggestions_are_cached_a_minute_per_language(client, search_shelf):
    response = client.get(SUGGEST, {"q": "nem"})

    assert set(response["Cache-Control"].split(", ")) == {"public", "max-age=60"}
    assert "Accept-Language" in [value.strip() for value in response["Vary"].split(",")]


def test_suggestions_are_only_read(client, search_shelf):
    assert client.post(SUGGEST, {"q": "nem"}).status_code == 405
