"""Fixtures shared by every kind of test; factories live in tests/factories.py."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.utils import translation
from hypothesis import settings as hypothesis_settings

# No example database written into the checkout; no deadline (CI machines are shared and slow).
hypothesis_settings.register_profile("ocop", database=None, deadline=None)
hypothesis_settings.load_profile("ocop")


ONCE_MARKERS = ("e2e", "postgres")


def pytest_collection_modifyitems(config, items):
    """Slow browser, concurrency and migration tests run once, in the PostgreSQL pass (not on SQLite too).

    Every transactional test also restores the serialized database: one that does not leaves the content types
    that the flush's post_migrate recreates, and the next serialized test's restore then collides with them.
    """
    from django.db import connection

    unserialized = [item.nodeid for item in items if (marker := item.get_closest_marker("django_db"))
                    and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback")]
    if unserialized:
        raise pytest.UsageError("django_db(transaction=True) needs serialized_rollback=True: " + ", ".join(unserialized))
    if connection.vendor == "postgresql":
        return
    once = pytest.mark.skip(reason="runs once, in the PostgreSQL pass")
    for item in items:
        if any(item.get_closest_marker(name) for name in ONCE_MARKERS):
            item.add_marker(once)


def pytest_configure(config):
    # WhiteNoise looks for collected static files, which tests do not need.
    config.addinivalue_line("filterwarnings", "ignore:No directory at:UserWarning")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start each test with an empty cache (the menu and Oscar's category slugs are cached)."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese():
    """Run each test in Vietnamese, the source language, whatever an earlier test left active."""
    with translation.override("vi"):
        yield


@pytest.fixture(autouse=True)
def _search_index_not_listening():
    """Keep the search index's outbox topic (always on in the product) out of tests that do not ask for it.

    Otherwise every product save in every test would queue a ``search.product`` message, changing the outbox
    contents and query counts those tests pin; tests/integration/search subscribes it again.
    """
    from catalog.changes import PRODUCT_CHANGED
    from marketplace.outbox.registry import outbox_subscribe, outbox_unsubscribe
    from marketplace.search_index.documents import TOPIC

    outbox_unsubscribe(PRODUCT_CHANGED, TOPIC)
    yield
    outbox_subscribe(PRODUCT_CHANGED, TOPIC)


@pytest.fixture
def search_index_listening(db):
    """The search index listening to product changes, as in the product; ``tests.search.search_index_drain()``
    delivers what was queued (on_commit never fires in a test rolled back at its end)."""
    from catalog.changes import PRODUCT_CHANGED
    from marketplace.outbox.registry import outbox_subscribe, outbox_unsubscribe
    from marketplace.search_index.documents import TOPIC

    outbox_subscribe(PRODUCT_CHANGED, TOPIC)
    yield
    outbox_unsubscribe(PRODUCT_CHANGED, TOPIC)


@pytest.fixture
def sunday_15_march_2026():
    """Stop the clock at 10:00 in Hà Nội on Sunday 15 March 2026 (``usefixtures`` it)."""
    with time_machine.travel(datetime.datetime(2026, 3, 15, 3, 0, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def people(db):
    """One user per rating role (tests/rating.py), plus an outsider and a spare council member."""
    from tests.rating import people_make

    return people_make()


@pytest.fixture
def rating_product(people):
    """A fish sauce (sheet #9) of a producer in Đông Sơn whose staff is ``people.producer``."""
    from tests.rating import rating_product_make

    return rating_product_make(people)


SHOP_BANK_ACCOUNT = {
    "VIETQR_BANK_BIN": "970436", "VIETQR_ACCOUNT_NUMBER": "0123456789", "VIETQR_ACCOUNT_NAME": "HTX CHO OCOP THANH HOA",
}


@pytest.fixture
def shop_bank_account(settings):
    """Bank transfer by VietQR on offer: the shop's account at Vietcombank (BIN 970436)."""
    for name, value in SHOP_BANK_ACCOUNT.items():
        setattr(settings, name, value)
    return SHOP_BANK_ACCOUNT
