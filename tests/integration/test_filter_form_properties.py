"""Property-based: the catalogue filter form takes any query string without raising, and what it lets
through stays in range and selects products without a database error (SQLite and PostgreSQL)."""

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.forms import PRICE_LIMIT, ProductFilterForm
from catalog.selectors import Sort, product_list
from marketplace.core.divisions import province_name, ward_name
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

FIELDS = ("stars", "province", "ward", "producer", "price_min", "price_max", "sort", "page", "other")
# Plausible values mixed with anything: digits of every script, numbers in every notation, NUL, long text.
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet="0123456789²³¹١٢٣１２３８-+.eE", max_size=25),
    st.sampled_from(["38", "16378", "4", "5", "price-asc", "stars-desc", "htx-dong-son", "NaN", "-Infinity",
                     "1e999999", "-0", "9999999999", "10000000000", "\x00", "x" * 10_000]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
)
query_strings = st.lists(st.tuples(st.sampled_from(FIELDS), values), max_size=8)


@pytest.fixture
def catalogue(db):
    """Two products of one producer in Đông Sơn, one certified 4★."""
    producer = ProducerFactory(slug="htx-dong-son")
    first = ProductFactory(producer=producer, stockrecord__price=125000)
    ProductFactory(producer=producer, stockrecord__price=80000)
    CertificateFactory(product=first, stars=4)
    return producer


def _query(pairs) -> QueryDict:
    query = QueryDict(mutable=True)
    for name, value in pairs:
        query.appendlist(name, value)
    return query


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(pairs=query_strings)
def test_any_query_string_is_validated_without_raising_and_filters_stay_in_range(catalogue, pairs):
    # given any query string
    form = ProductFilterForm(_query(pairs))
    # when it is validated and turned into filters
    valid = form.is_valid()
    filters = form.to_filters()
    # then what comes out is in range, or nothing when the form is invalid
    if not valid:
        assert form.errors
        assert filters.stars == () and filters.province_code is None and filters.price_min is None
    assert set(filters.stars) <= {3, 4, 5}
    assert filters.province_code is None or province_name(filters.province_code)
    assert filters.ward_code is None or ward_name(filters.ward_code)
    assert filters.producer_id in (None, catalogue.pk)
    for price in (filters.price_min, filters.price_max):
        assert price is None or (0 <= price <= PRICE_LIMIT and price == price.to_integral_value())
    assert filters.sort in Sort.ORDERING
    # and selecting products with them never fails on the database
    assert len(list(product_list(filters=filters))) <= 2


def test_an_invalid_query_string_lists_errors_and_filters_nothing(catalogue):
    # given a query string that is wrong in every field
    form = ProductFilterForm(_query([("stars", "６"), ("province", "３８"), ("producer", "a b"),
                                     ("price_min", "1e999999"), ("sort", "{{ 7*7 }}")]))
    # then each field says why, and the filters are the unfiltered default
    assert not form.is_valid()
    assert sorted(form.errors) == ["price_min", "producer", "province", "sort", "stars"]
    assert form.errors["price_min"] == ["Giá không được vượt quá 9.999.999.999 ₫."]
    assert (form.to_filters().stars, form.to_filters().price_min, form.to_filters().sort) == ((), None, Sort.NEWEST)
