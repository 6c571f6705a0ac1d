"""The catalogue over HTTP: query-string filters, sorting, paging and bad filter input."""

from decimal import Decimal

import pytest

from tests.factories import (
    HANOI,
    WARD_BA_DINH,
    WARD_BIM_SON,
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db

CATALOGUE = "/shop/catalogue/"


def _listed(response) -> list[int]:
    assert response.status_code == 200
    return [product.pk for product in response.context["products"]]


@pytest.fixture
def shelf():
    bim_son = ProducerFactory(name="HTX Bỉm Sơn", slug="htx-bim-son", ward_code=WARD_BIM_SON)
    cheap = ProductFactory(title="Chè lam", producer=bim_son, origin_ward_code=WARD_BIM_SON,
                           stockrecord__price=Decimal("45000"))
    middle = ProductFactory(title="Nem chua", stockrecord__price=Decimal("90000"))
    dear = ProductFactory(title="Bánh cuốn", origin_province_code=HANOI, origin_ward_code=WARD_BA_DINH,
                          stockrecord__price=Decimal("250000"))
    CertificateFactory(product=cheap, stars=3)
    CertificateFactory(product=middle, stars=4)
    CertificateFactory(product=dear, stars=5)
    return {"cheap": cheap.pk, "middle": middle.pk, "dear": dear.pk, "producer": bim_son}


def test_filters_from_the_query_string(client, shelf):
    assert _listed(client.get(CATALOGUE, {"stars": ["3", "5"], "sort": "price-asc"})) == [shelf["cheap"], shelf["dear"]]
    assert _listed(client.get(CATALOGUE, {"province": str(HANOI)})) == [shelf["dear"]]
    assert _listed(client.get(CATALOGUE, {"province": "38", "ward": str(WARD_BIM_SON)})) == [shelf["cheap"]]
    assert _listed(client.get(CATALOGUE, {"producer": "htx-bim-son"})) == [shelf["cheap"]]
    assert _listed(client.get(CATALOGUE, {"price_min": "45000", "price_max": "90000", "sort": "price-desc"})) == [
        shelf["middle"], shelf["cheap"],
    ]
    assert _listed(client.get(CATALOGUE, {"sort": "stars-desc"})) == [shelf["dear"], shelf["middle"], shelf["cheap"]]


def test_producer_page_lists_only_their_products(client, shelf):
    response = client.get("/shop/producers/htx-bim-son/")

    assert _listed(response) == [shelf["cheap"]]
    assert "HTX Bỉm Sơn" in response.content.decode()


def test_unknown_producer_page_is_404(client):
    assert client.get("/shop/producers/khong-ton-tai/").status_code == 404


def test_inverted_price_range_is_reported_in_vietnamese(client, shelf):
    response = client.get(CATALOGUE, {"price_min": "100000", "price_max": "50000"})

    assert response.status_code == 200
    assert response.context["filter_form"].errors == {"price_max": ["Giá đến phải lớn hơn hoặc bằng giá từ."]}
    assert "Giá đến phải lớn hơn hoặc bằng giá từ." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [{"stars": "9"}, {"price_min": "rẻ"}, {"province": "abc"}, {"ward": "-1"}, {"per_page": "nhiều"},
     {"sort": "'; DROP TABLE"}, {"producer": "khong-ton-tai"}],
)
def test_nonsense_filters_never_break_the_page(client, shelf, query):
    response = client.get(CATALOGUE, query)

    assert response.status_code == 200


def test_page_size_is_capped_and_pages_past_the_end_are_404(client, shelf):
    assert len(_listed(client.get(CATALOGUE, {"per_page": "1"}))) == 1
    assert client.get(CATALOGUE, {"per_page": "1", "page": "3"}).status_code == 200
    assert client.get(CATALOGUE, {"per_page": "1", "page": "4"}).status_code == 404
    assert client.get(CATALOGUE, {"per_page": "1000"}).context["paginator"].per_page == 100
