"""Fixtures of the HTTP tests: a shopper, a product to buy, signed-in clients, a fixed day."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from tests.factories import (
    PASSWORD,
    CertificateFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)

from .shop import Shopper


@pytest.fixture
def shopper():
    return Shopper()


@pytest.fixture
def search_shelf(search_index_listening):
    """Nine indexed products to search (tests/search.py), by short name."""
    from tests.search import search_index_drain, search_shelf_make

    shelf = search_shelf_make()
    search_index_drain()
    return shelf


@pytest.fixture
def product(db):
    """A 4★ fish sauce from Thanh Hóa: 125.000 ₫, 500 g, 10 in stock, with a photo."""
    product = ProductFactory(title="Nước mắm Đông Hải", weight_grams=500,
                             stockrecord__num_in_stock=10, stockrecord__price=125000)
    ProductImageFactory(product=product)
    CertificateFactory(product=product, stars=4)
    return product


@pytest.fixture
def client_for(db):
    """Sign a user in on a browser session of their own that enforces CSRF: ``client_for(people.chair)``."""

    def sign_in(user) -> Client:
        client = Client(enforce_csrf_checks=True)
        assert client.login(username=user.username, password=PASSWORD)
        return client

    return sign_in


@pytest.fixture
def staff_client(db):
    """A session of an Oscar superuser (the shop and CMS dashboards)."""
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def saturday_28_november_2026():
    """Stop the clock at 09:00 in Hà Nội on Saturday 28 November 2026 (``usefixtures`` it)."""
    with time_machine.travel(datetime.datetime(2026, 11, 28, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False):
        yield
