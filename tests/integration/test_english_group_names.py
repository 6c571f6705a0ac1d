"""The English names of the 6 OCOP product groups and 26 product sets: the data, the one rule that picks a
name for the active language, the categories that mirror them, the portals' choices and the data migration."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.utils import translation

from catalog.models import Category, ProductGroup, ProductSet, localized_name
from catalog.selectors import NAVIGATION_CACHE_KEY, navigation_groups
from catalog.services import category_tree_sync
from marketplace.producers.portal.listings.forms import ProductForm
from ocop_rating.dossiers.forms import product_set_choices
from tests.factories import UserFactory

GROUPS_EN = [
    ("I", "Food"),
    ("II", "Beverages"),
    ("III", "Medicinal herbs and herbal products"),
    ("IV", "Handicrafts"),
    ("V", "Ornamental plants and animals"),
    ("VI", "Community-based tourism, eco-tourism and tourist sites"),
]
SETS_EN = [
    "Fresh vegetables, tubers, fruit and nuts",
    "Fresh meat, aquatic products, eggs and milk",
    "Rice, cereals and other pre-processed grains",
    "Honey, other syrups and other agricultural food products",
    "Fast food",
    "Processed rice and cereal products",
    "Processed vegetables, tubers, fruit and nuts",
    "Processed meat, aquatic products, eggs, milk, honey and other agricultural food products",
    "Fermented soybean sauce, fish sauce and other liquid condiments",
    "Other seasonings (salt, shallots, garlic, pepper...)",
    "Fresh and processed tea",
    "Tea products from other plants",
    "Coffee and cocoa products",
    "White spirits",
    "Other alcoholic beverages",
    "Natural mineral water and bottled drinking water",
    "Other non-alcoholic beverages",
    "Functional foods, herbal medicines and traditional medicines",
    "Cosmetics with herbal ingredients",
    "Essential oils and other medicinal herbs",
    "Household and decorative handicrafts",
    "Textiles and garments",
    "Flowers",
    "Ornamental plants",
    "Ornamental animals",
    "Community-based tourism, eco-tourism and tourist sites",
]


def _english_names() -> dict[str, list]:
    return {
        "groups": list(ProductGroup.objects.order_by("position").values_list("code", "name_en")),
        "sets": list(ProductSet.objects.order_by("number").values_list("name_en", flat=True)),
        "categories": sorted(Category.objects.exclude(ocop_group=None, ocop_set=None).values_list("pk", "name_en")),
    }


@pytest.mark.django_db
def test_every_group_and_set_has_its_english_name_distinct_from_the_vietnamese():
    assert list(ProductGroup.objects.order_by("position").values_list("code", "name_en")) == GROUPS_EN
    assert list(ProductSet.objects.order_by("number").values_list("name_en", flat=True)) == SETS_EN
    for name, name_en in [*ProductGroup.objects.values_list("name", "name_en"),
                          *ProductSet.objects.values_list("name", "name_en")]:
        assert name_en.strip() and name_en != name, (name, name_en)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "Food"), ("en-gb", "Food"), ("EN-US", "Food"), ("vi", "Thực phẩm"), ("fr", "Thực phẩm"),
])
def test_the_name_follows_the_language(language, expected):
    assert localized_name(name="Thực phẩm", name_en="Food", language=language) == expected


def test_the_name_follows_the_active_language_and_falls_back_to_vietnamese():
    with translation.override("en"):
        assert localized_name(name="Thực phẩm", name_en="Food") == "Food"
        assert localized_name(name="Danh mục mới", name_en="") == "Danh mục mới"
    assert localized_name(name="Thực phẩm", name_en="Food") == "Thực phẩm"


@pytest.mark.django_db
def test_groups_and_sets_print_in_the_active_language():
    fish_sauce = ProductSet.objects.select_related("group").get(number=9)

    with translation.override("en"):
        assert (str(fish_sauce), str(fish_sauce.group)) == (
            "9. Fermented soybean sauce, fish sauce and other liquid condiments", "I. Food")
    assert (str(fish_sauce), str(fish_sauce.group)) == ("9. Tương, nước mắm, gia vị dạng lỏng khác", "I. Thực phẩm")
    assert fish_sauce.localized_name("en") == "Fermented soybean sauce, fish sauce and other liquid condiments"


@pytest.mark.django_db
def test_portal_set_choices_are_named_in_the_active_language():
    with translation.override("en"):
        dossier_choices = dict(product_set_choices()[1:])
        listing_labels = [label for value, label in ProductForm().fields["ocop_set"].choices if value]

    assert [option for _pk, option in dossier_choices["IV. Handicrafts"]] == [
        "21. Household and decorative handicrafts", "22. Textiles and garments"]
    assert listing_labels == SETS_EN
    vietnamese_labels = [label for value, label in ProductForm().fields["ocop_set"].choices if value]
    assert vietnamese_labels == list(ProductSet.objects.order_by("number").values_list("name", flat=True))


@pytest.mark.django_db
def test_the_category_tree_mirrors_the_english_names():
    # given the tree synced once
    category_tree_sync()
    beverages = ProductGroup.objects.select_related("category").get(code="II")
    assert (beverages.category.name, beverages.category.name_en) == ("Đồ uống", "Beverages")
    navigation_groups()

    # when a group's English name changes and the tree is synced again
    ProductGroup.objects.filter(pk=beverages.pk).update(name_en="Drinks")
    category_tree_sync()

    # then its category and the menu follow, and nothing else moved
    beverages.category.refresh_from_db()
    assert (beverages.category.name, beverages.category.name_en) == ("Đồ uống", "Drinks")
    assert cache.get(NAVIGATION_CACHE_KEY) is None
    with translation.override("en"):
        assert [group["name"] for group in navigation_groups()][:2] == ["Food", "Drinks"]
        assert beverages.category.display_name == "Drinks"
        assert beverages.category.get_meta_title() == "Drinks"
    assert beverages.category.display_name == "Đồ uống"
    assert Category.objects.count() == 32


@pytest.mark.django_db
def test_a_category_without_english_name_keeps_its_vietnamese_name_and_meta_title():
    category = Category.add_root(name="Quà Tết", meta_title="Quà Tết xứ Thanh")

    with translation.override("en"):
        assert (category.display_name, category.get_meta_title()) == ("Quà Tết", "Quà Tết xứ Thanh")


@pytest.mark.django_db
def test_django_admin_lists_both_names_and_saving_renames_the_category():
    category_tree_sync()
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    flowers = ProductSet.objects.select_related("group", "category").get(number=23)

    listing = client.get("/django-admin/catalogue/productset/").content.decode()
    response = client.post(f"/django-admin/catalogue/productset/{flowers.pk}/change/", {
        "number": "23", "code": "V.1", "group": str(flowers.group_id), "name": "Hoa", "name_en": "Cut flowers",
        "category": str(flowers.category_id),
    })
    refused = client.post(f"/django-admin/catalogue/productset/{flowers.pk}/change/", {
        "number": "23", "code": "V.1", "group": str(flowers.group_id), "name": "Hoa", "name_en": "",
        "category": str(flowers.category_id),
    })

    assert "<td class=\"field-name_en\">Textiles and garments</td>" in listing
    assert "<td class=\"field-name\">Vải, may mặc</td>" in listing
    assert response.status_code == 302
    flowers.category.refresh_from_db()
    assert flowers.category.name_en == "Cut flowers"
    assert refused.status_code == 200 and "name_en" in refused.context["adminform"].form.errors
    assert ProductSet.objects.get(pk=flowers.pk).name_en == "Cut flowers"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_english_names_migration_goes_back_and_forth():
    # given the tree synced, so categories carry English names too
    category_tree_sync()
    before = _english_names()
    assert before["groups"] == GROUPS_EN and len(before["categories"]) == 32
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("catalogue")

    # when the data migration is undone
    MigrationExecutor(connection).migrate([("catalogue", "0040_english_name_columns")])

    # then every English name is empty again
    names = _english_names()
    assert {name for _code, name in names["groups"]} == {""}
    assert set(names["sets"]) == {""}
    assert {name for _pk, name in names["categories"]} == {""}

    # and when it is applied again, every name is back
    MigrationExecutor(connection).migrate(latest)
    assert _english_names() == before
