"""Query counts pinned: the catalogue (listed through the search index) costs the same for 20 and 100 products
per page, filtered or not."""

from collections import Counter

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
)
from tests.search import SEARCH_QUERIES, search_index_drain

pytestmark = pytest.mark.django_db

CATALOGUE = "/shop/catalogue/"
# An anonymous visitor, menu cached, thumbnails generated: the search index's count, page of hits and facet counts
# (SEARCH_QUERIES); the groups' and sets' names in the page's language; then the page's products, their images,
# their stock records.
CATALOGUE_QUERIES = SEARCH_QUERIES + 5
# The same page right after a cache flush (deploy, restart, eviction): + product groups and sets of the menu,
# + the Wagtail site and its settings of the footer (marketplace.cms.trust.selectors.site_chrome; none configured here).
CATALOGUE_QUERIES_COLD = CATALOGUE_QUERIES + 4
# Product, images, stock records, categories, options, attributes, review count, recommendations + products
# (the view is counted outside the database: catalog.view_counts).
PRODUCT_PAGE_QUERIES = 9


@pytest.fixture
def hundred_products(search_index_listening):
    """110 indexed products from 10 producers, each with a photo, a stock record and a valid certificate."""
    producers = [ProducerFactory() for _ in range(10)]
    products = []
    for n in range(110):
        product = ProductFactory(producer=producers[n % 10], stockrecord__num_in_stock=5 + n)
        ProductImageFactory(product=product)
        CertificateFactory(product=product, stars=3 + n % 3)
        products.append(product)
    search_index_drain()
    return products


def _queries(client, url, data=None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data)
    assert response.status_code == 200, url
    return [q["sql"] for q in captured.captured_queries]


def _explain(queries: list[str]) -> str:
    lines = [f"{len(queries)} queries; repeated:"]
    lines += [f"  ×{count}: {sql[:400]}" for sql, count in Counter(queries).most_common() if count > 1]
    lines += ["all:"] + [f"  {sql[:400]}" for sql in queries]
    return "\n".join(lines)


def _warm(client, *requests):
    for data in requests:
        _queries(client, CATALOGUE, data)


def test_catalogue_costs_the_same_for_20_and_100_products_per_page(client, hundred_products):
    # given both page sizes rendered once (thumbnails generated, menu cached)
    _warm(client, {"per_page": 20}, {"per_page": 100})

    # when each is rendered again
    small = _queries(client, CATALOGUE, {"per_page": 20})
    large = _queries(client, CATALOGUE, {"per_page": 100})

    # then both cost the same, pinned number of queries
    report = f"20 per page:\n{_explain(small)}\n\n100 per page:\n{_explain(large)}"
    assert (len(small), len(large)) == (CATALOGUE_QUERIES, CATALOGUE_QUERIES), report


def test_catalogue_after_a_cache_flush_costs_the_same_for_20_and_100(client, hundred_products):
    # given thumbnails generated once, then the cache flushed (a deploy or restart)
    _warm(client, {"per_page": 100}, {"per_page": 100, "page": 2})
    cache.clear()
    small = _queries(client, CATALOGUE, {"per_page": 20})
    cache.clear()
    large = _queries(client, CATALOGUE, {"per_page": 100})

    report = f"20 per page:\n{_explain(small)}\n\n100 per page:\n{_explain(large)}"
    assert (len(small), len(large)) == (CATALOGUE_QUERIES_COLD, CATALOGUE_QUERIES_COLD), report


def test_filtered_catalogue_costs_the_same(client, hundred_products):
    query = {"stars": "4", "province": "38", "sort": "price-asc"}
    _warm(client, {"per_page": 20, **query}, {"per_page": 100, **query})

    small = _queries(client, CATALOGUE, {"per_page": 20, **query})
    large = _queries(client, CATALOGUE, {"per_page": 100, **query})

    report = f"20 per page:\n{_explain(small)}\n\n100 per page:\n{_explain(large)}"
    assert (len(small), len(large)) == (CATALOGUE_QUERIES, CATALOGUE_QUERIES), report


def test_product_page_query_count(client, hundred_products):
    product = hundred_products[0]
    cold = _queries(client, product.get_absolute_url())

    warm = _queries(client, product.get_absolute_url())

    assert len(warm) == PRODUCT_PAGE_QUERIES, _explain(warm)
    assert len(cold) <= 20, _explain(cold)
