"""The catalogue over HTTP, listed through the product search: facets from the query string, sorting, paging
and bad filter input (dropped, as on the search page)."""

from decimal import Decimal

import pytest

from catalog.models import ProductSet
from catalog.services import category_tree_sync
from tests.factories import (
    HANOI,
    WARD_BA_DINH,
    WARD_BIM_SON,
    CategoryFactory,
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
)
from tests.search import search_index_drain

pytestmark = pytest.mark.django_db

CATALOGUE = "/shop/catalogue/"


def _listed(response) -> list[int]:
    assert response.status_code == 200
    return [product.pk for product in response.context["products"]]


@pytest.fixture
def shelf(search_index_listening):
    bim_son = ProducerFactory(name="HTX Bỉm Sơn", slug="htx-bim-son", ward_code=WARD_BIM_SON)
    cheap = ProductFactory(title="Chè lam", producer=bim_son, origin_ward_code=WARD_BIM_SON,
                           stockrecord__price=Decimal("45000"))
    middle = ProductFactory(title="Nem chua", stockrecord__price=Decimal("90000"))
    dear = ProductFactory(title="Bánh cuốn", origin_province_code=HANOI, origin_ward_code=WARD_BA_DINH,
                          stockrecord__price=Decimal("250000"))
    CertificateFactory(product=cheap, stars=3)
    CertificateFactory(product=middle, stars=4)
    CertificateFactory(product=dear, stars=5)
    search_index_drain()
    return {"cheap": cheap.pk, "middle": middle.pk, "dear": dear.pk, "producer": bim_son}


def test_filters_from_the_query_string(client, shelf):
    assert _listed(client.get(CATALOGUE, {"stars": ["3", "5"], "sort": "price-asc"})) == [shelf["cheap"], shelf["dear"]]
    assert _listed(client.get(CATALOGUE, {"province": str(HANOI)})) == [shelf["dear"]]
    assert _listed(client.get(CATALOGUE, {"province": "38", "ward": str(WARD_BIM_SON)})) == [shelf["cheap"]]
    assert _listed(client.get(CATALOGUE, {"producer": str(shelf["producer"].pk)})) == [shelf["cheap"]]
    assert _listed(client.get(CATALOGUE, {"price": ["duoi-100k"], "sort": "price-desc"})) == [
        shelf["middle"], shelf["cheap"],
    ]
    assert _listed(client.get(CATALOGUE, {"sort": "stars-desc"})) == [shelf["dear"], shelf["middle"], shelf["cheap"]]
    assert _listed(client.get(CATALOGUE)) == [shelf["dear"], shelf["middle"], shelf["cheap"]]  # newest first


def test_the_catalogue_has_the_search_pages_facets(client, shelf):
    response = client.get(CATALOGUE, {"stars": "4"})

    assert [block.param for block in response.context["facets"]] == [
        "stars", "group", "set", "province", "ward", "producer", "price"]
    assert [(chip.label, chip.url) for chip in response.context["chips"]] == [("4 sao", CATALOGUE)]
    assert [value for value, _label in response.context["form"].fields["sort"].choices] == [
        "newest", "price-asc", "price-desc", "stars-desc"]


def test_producer_page_lists_only_their_products(client, shelf):
    response = client.get("/shop/producers/htx-bim-son/")

    assert _listed(response) == [shelf["cheap"]]
    assert "HTX Bỉm Sơn" in response.content.decode()
    # the producer is the page itself: no producer facet, no chip to remove it
    assert "producer" not in [block.param for block in response.context["facets"]]
    assert response.context["chips"] == []


def test_unknown_producer_page_is_404(client):
    assert client.get("/shop/producers/khong-ton-tai/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [{"stars": "9"}, {"price": "rẻ"}, {"province": "abc"}, {"ward": "-1"}, {"per_page": "nhiều"},
     {"sort": "'; DROP TABLE"}, {"producer": "khong-ton-tai"}, {"group": "0"}, {"set": "x"}, {"in_stock": "?"}],
)
def test_nonsense_filters_are_dropped(client, shelf, query):
    response = client.get(CATALOGUE, query)

    assert len(_listed(response)) == 3
    assert response.context["chips"] == []


def test_page_size_is_capped_and_pages_past_the_end_show_the_last(client, shelf):
    assert len(_listed(client.get(CATALOGUE, {"per_page": "1"}))) == 1
    assert _listed(client.get(CATALOGUE, {"per_page": "1", "page": "3"})) == [shelf["cheap"]]
    assert _listed(client.get(CATALOGUE, {"per_page": "1", "page": "4"})) == [shelf["cheap"]]
    assert client.get(CATALOGUE, {"per_page": "1000"}).context["result"].per_page == 100


def test_a_category_page_lists_its_group_or_set(client, search_index_listening):
    # given the category tree mirroring the groups and sets, and products of two sets of the food group
    category_tree_sync()
    fish_sauce, honey = ProductSet.objects.get(number=9), ProductSet.objects.get(number=4)
    fish = ProductFactory(title="Nước mắm cá cơm", ocop_set=fish_sauce)
    sweet = ProductFactory(title="Mật ong rừng", ocop_set=honey)
    search_index_drain()

    # when the set's page and its group's page are shown
    set_page = client.get(fish_sauce.category.get_absolute_url())
    group_page = client.get(fish_sauce.group.category.get_absolute_url())

    # then the set page lists its product without a set facet; the group page both, with the set facet
    assert _listed(set_page) == [fish.pk]
    assert "set" not in [block.param for block in set_page.context["facets"]]
    assert set_page.context["chips"] == []
    assert _listed(group_page) == [sweet.pk, fish.pk]
    assert [(o.label, o.count) for b in group_page.context["facets"] if b.param == "set" for o in b.options] == [
        (honey.name, 1), (fish_sauce.name, 1)]


def test_a_category_mirroring_no_group_or_set_lists_its_own_products(client, search_index_listening):
    gifts = CategoryFactory(name="Quà Tết")
    boxed = ProductFactory(title="Hộp quà nem chua")
    boxed.categories.add(gifts)
    ProductFactory(title="Nước mắm")
    search_index_drain()

    response = client.get(gifts.get_absolute_url())

    assert _listed(response) == [boxed.pk]
    assert "filter_form" in response.context
