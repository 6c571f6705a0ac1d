"""catalog.selectors.product_list: OCOP filters and sort orders, with exact product lists."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog.models import Product
from catalog.selectors import ProductFilters, Sort, product_list
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import product_certificate_set
from tests.factories import (
    HANOI,
    THANH_HOA,
    WARD_BA_DINH,
    WARD_BIM_SON,
    WARD_DONG_QUANG,
    CategoryFactory,
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    StockRecordFactory,
)

pytestmark = pytest.mark.django_db


def _pks(filters: ProductFilters) -> list[int]:
    return list(product_list(filters=filters).values_list("pk", flat=True))


@pytest.fixture
def catalogue():
    """Seven products; creation days make "newest" predictable (p7 newest)."""
    bim_son = ProducerFactory(name="HTX Bỉm Sơn", slug="htx-bim-son", ward_code=WARD_BIM_SON)
    other = ProducerFactory(name="HTX Đông Quang", slug="htx-dong-quang", ward_code=WARD_DONG_QUANG)

    p = {}
    p[1] = ProductFactory(title="Chè lam", producer=bim_son, origin_ward_code=WARD_BIM_SON,
                          stockrecord__price=Decimal("50000"))
    p[2] = ProductFactory(title="Nem chua", producer=bim_son, origin_ward_code=WARD_BIM_SON,
                          stockrecord__price=Decimal("120000"))
    p[3] = ProductFactory(title="Nước mắm", producer=other, origin_ward_code=WARD_DONG_QUANG,
                          stockrecord__price=Decimal("85000"))
    p[4] = ProductFactory(title="Rượu", producer=other, origin_ward_code=WARD_DONG_QUANG,
                          stockrecord__price=Decimal("300000"))
    p[5] = ProductFactory(title="Bánh cuốn Hà Nội", origin_province_code=HANOI, origin_ward_code=WARD_BA_DINH,
                          stockrecord__price=Decimal("85000"))
    p[6] = ProductFactory(title="Mật ong chưa có giá", producer=other, origin_ward_code=WARD_DONG_QUANG,
                          stockrecord=None)
    p[7] = ProductFactory(title="Gạo", producer=bim_son, origin_ward_code=WARD_BIM_SON,
                          stockrecord__price=Decimal("120000"))
    hidden = ProductFactory(title="Sản phẩm ẩn", is_public=False, producer=bim_son, origin_ward_code=WARD_BIM_SON)

    CertificateFactory(product=p[1], stars=3)
    CertificateFactory(product=p[2], stars=4)
    CertificateFactory(product=p[3], stars=5)
    CertificateFactory(product=p[4], stars=4, expired=True)
    CertificateFactory(product=p[5], stars=4, revoked=True)
    CertificateFactory(product=p[7], stars=4)
    CertificateFactory(product=hidden, stars=4)

    base = timezone.now() - datetime.timedelta(days=30)
    for n, product in p.items():
        Product.objects.filter(pk=product.pk).update(date_created=base + datetime.timedelta(days=n))
    Product.objects.filter(pk=hidden.pk).update(date_created=base + datetime.timedelta(days=20))
    return {"products": {n: x.pk for n, x in p.items()}, "bim_son": bim_son, "other": other}


def test_no_filter_lists_public_products_newest_first(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters()) == [p[7], p[6], p[5], p[4], p[3], p[2], p[1]]


def test_valid_star_is_annotated_expired_and_revoked_have_none(catalogue):
    p = catalogue["products"]

    stars = dict(product_list(filters=ProductFilters()).values_list("pk", "ocop_stars"))

    assert stars == {p[1]: 3, p[2]: 4, p[3]: 5, p[4]: None, p[5]: None, p[6]: None, p[7]: 4}


def test_star_filter_excludes_expired_and_revoked_certificates(catalogue):
    p = catalogue["products"]

    # given p4 (expired 4★) and p5 (revoked 4★), when filtering 4★, then only valid 4★ products come back
    assert _pks(ProductFilters(stars=(4,))) == [p[7], p[2]]
    assert _pks(ProductFilters(stars=(4, 5))) == [p[7], p[3], p[2]]
    assert _pks(ProductFilters(stars=(3,))) == [p[1]]


def test_certificate_expiring_today_still_counts_and_yesterday_does_not(catalogue):
    p = catalogue["products"]
    today = timezone.localdate()
    Certificate.objects.filter(product_id=p[2]).update(valid_until=today)
    Certificate.objects.filter(product_id=p[7]).update(valid_until=today - datetime.timedelta(days=1))
    for pk in (p[2], p[7]):  # written behind the services' back: rewrite the badge as they would
        product_certificate_set(product=Product.objects.get(pk=pk), certificate=Certificate.objects.get(product_id=pk))

    assert _pks(ProductFilters(stars=(4,))) == [p[2]]


def test_province_filter(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(province_code=HANOI)) == [p[5]]
    assert _pks(ProductFilters(province_code=THANH_HOA)) == [p[7], p[6], p[4], p[3], p[2], p[1]]


def test_ward_filter(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(ward_code=WARD_BIM_SON)) == [p[7], p[2], p[1]]
    assert _pks(ProductFilters(province_code=THANH_HOA, ward_code=WARD_DONG_QUANG)) == [p[6], p[4], p[3]]
    # a ward of another province under Thanh Hóa matches nothing
    assert _pks(ProductFilters(province_code=THANH_HOA, ward_code=WARD_BA_DINH)) == []


def test_producer_filter(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(producer_id=catalogue["bim_son"].pk)) == [p[7], p[2], p[1]]
    assert _pks(ProductFilters(producer_id=catalogue["other"].pk, stars=(5,))) == [p[3]]


def test_price_range_is_inclusive_and_skips_unpriced(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(price_min=Decimal("85000"), price_max=Decimal("120000"))) == [p[7], p[5], p[3], p[2]]
    assert _pks(ProductFilters(price_min=Decimal("120001"))) == [p[4]]
    assert _pks(ProductFilters(price_max=Decimal("49999"))) == []


def test_sort_price_ascending_puts_unpriced_last(catalogue):
    p = catalogue["products"]

    # ties on price are broken by pk
    assert _pks(ProductFilters(sort=Sort.PRICE_ASC)) == [p[1], p[3], p[5], p[2], p[7], p[4], p[6]]


def test_sort_price_descending_puts_unpriced_last(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(sort=Sort.PRICE_DESC)) == [p[4], p[2], p[7], p[3], p[5], p[1], p[6]]


def test_sort_by_stars_uses_valid_stars_then_newest(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(sort=Sort.STARS_DESC)) == [p[3], p[7], p[2], p[1], p[6], p[5], p[4]]


def test_unknown_sort_falls_back_to_newest(catalogue):
    p = catalogue["products"]

    assert _pks(ProductFilters(sort="cheapest-first")) == [p[7], p[6], p[5], p[4], p[3], p[2], p[1]]


def test_category_filter_includes_the_listed_categories_only(catalogue):
    p = catalogue["products"]
    drinks = CategoryFactory(name="Đồ uống")
    food = CategoryFactory(name="Thực phẩm")
    Product.objects.get(pk=p[4]).categories.add(drinks)
    Product.objects.get(pk=p[3]).categories.add(food)
    Product.objects.get(pk=p[1]).categories.add(food, drinks)

    assert _pks(ProductFilters(category_ids=(drinks.pk,))) == [p[4], p[1]]
    assert _pks(ProductFilters(category_ids=(drinks.pk, food.pk))) == [p[4], p[3], p[1]]


def test_price_is_the_first_stock_record(catalogue):
    p = catalogue["products"]
    product = Product.objects.get(pk=p[1])
    StockRecordFactory(product=product, price=Decimal("1000"))

    row = product_list(filters=ProductFilters()).get(pk=p[1])

    assert row.price == Decimal("50000")
