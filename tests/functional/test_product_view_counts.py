"""Product page views are counted without a database write per request, and reach the analytics in batches."""

import uuid

import pytest
import redis
from django.db import DEFAULT_DB_ALIAS, connections
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from catalog import view_counts
from catalog.tasks import product_views_flush
from tests.factories import ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

ProductRecord = get_model("analytics", "ProductRecord")
UserProductView = get_model("analytics", "UserProductView")
UserRecord = get_model("analytics", "UserRecord")

REDIS_URL = "redis://127.0.0.1:6379/7"
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def memory_counter(settings):
    settings.PRODUCT_VIEWS_REDIS_URL = ""
    settings.PRODUCT_VIEWS_BATCH = 1000
    view_counts.view_counter.cache_clear()
    yield view_counts.view_counter()
    view_counts.view_counter.cache_clear()


@pytest.fixture
def redis_counter(settings, monkeypatch):
    """The Redis counter on a key of its own (parallel test processes share the Redis database)."""
    settings.PRODUCT_VIEWS_REDIS_URL = REDIS_URL
    counter = view_counts.RedisViewCounter(REDIS_URL, key=f"test:product-views:{uuid.uuid4().hex}")
    monkeypatch.setattr(view_counts, "view_counter", lambda: counter)
    yield counter
    counter.client.delete(counter.key, counter.flushing_key, f"{counter.key}:lock")


def _views(client, product, times: int) -> list[str]:
    """GET the product page ``times`` times; answer the SQL statements that wrote."""
    with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as queries:
        for _ in range(times):
            assert client.get(product.get_absolute_url()).status_code == 200
    return [query["sql"] for query in queries.captured_queries if query["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.usefixtures("memory_counter")
def test_product_views_write_nothing_until_the_flush_adds_them_up(client):
    honey, tea = ProductFactory(title="Mật ong rừng"), ProductFactory(title="Chè búp")

    writes = _views(client, honey, 5) + _views(client, tea, 2)

    assert writes == []
    assert ProductRecord.objects.count() == 0
    assert product_views_flush() == 7
    assert dict(ProductRecord.objects.values_list("product__title", "num_views")) == {"Mật ong rừng": 5, "Chè búp": 2}
    assert product_views_flush() == 0  # nothing pending: nothing written twice
    _views(client, honey, 1)
    assert product_views_flush() == 1
    assert ProductRecord.objects.get(product=honey).num_views == 6


@pytest.mark.usefixtures("memory_counter")
def test_a_signed_in_shopper_s_views_write_no_per_user_rows(client):
    product = ProductFactory()
    client.force_login(UserFactory())
    client.get("/shop/basket/")  # the shopper's first page opens their basket (one write, once)

    assert _views(client, product, 3) == []
    assert product_views_flush() == 3
    assert (UserProductView.objects.count(), UserRecord.objects.count()) == (0, 0)
    assert ProductRecord.objects.get(product=product).num_views == 3


def test_a_full_batch_in_process_flushes_at_once(client, memory_counter, settings):
    product = ProductFactory()
    memory_counter.batch = 3

    _views(client, product, 2)
    assert ProductRecord.objects.count() == 0
    _views(client, product, 1)  # the third view fills the batch: the (in-process) task runs

    assert ProductRecord.objects.get(product=product).num_views == 3


def test_views_counted_in_redis_keep_existing_counters_and_drop_deleted_products(client, redis_counter):
    kept, gone = ProductFactory(), ProductFactory()
    ProductRecord.objects.create(product=kept, num_views=10, num_basket_additions=4)

    assert _views(client, kept, 3) + _views(client, gone, 2) == []
    assert redis_counter.client.hgetall(redis_counter.key) == {str(kept.pk).encode(): b"3", str(gone.pk).encode(): b"2"}
    gone.delete()

    assert product_views_flush() == 3
    record = ProductRecord.objects.get(product=kept)
    assert (record.num_views, record.num_basket_additions) == (13, 4)
    assert redis_counter.client.exists(redis_counter.key, redis_counter.flushing_key) == 0


def test_counts_survive_a_flush_that_fails_and_are_written_once_by_the_next(client, redis_counter, monkeypatch):
    product = ProductFactory()
    _views(client, product, 4)

    def broken_bulk_create(*args, **kwargs):
        raise redis.ConnectionError("database write failed")  # any error inside the transaction

    monkeypatch.setattr(ProductRecord.objects, "bulk_create", broken_bulk_create)
    with pytest.raises(redis.ConnectionError):
        product_views_flush()
    monkeypatch.undo()
    monkeypatch.setattr(view_counts, "view_counter", lambda: redis_counter)
    _views(client, product, 1)  # a view after the failed flush waits for the one after

    assert ProductRecord.objects.count() == 0
    assert product_views_flush() == 4  # what the failed flush had taken aside
    assert product_views_flush() == 1
    assert ProductRecord.objects.get(product=product).num_views == 5


def test_only_one_flush_runs_at_a_time(client, redis_counter):
    product = ProductFactory()
    _views(client, product, 2)
    held = redis_counter.flush_lock()

    assert product_views_flush() == 0
    held.release()
    assert product_views_flush() == 2
