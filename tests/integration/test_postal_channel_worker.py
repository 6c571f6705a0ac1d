"""A real Celery worker on Redis pushes 1,000 listing changes to the postal channel's double, killed mid-run.

Given about 300 listed products of six producers and the double of the partner API answering 500 to every
9th batch, 429 (Retry-After: 1) to every 13th and 503 through an outage, 1,000 listing changes made by our
own code paths (stock records' and products' save(), producers opting out and in, photos deleted and
added, a few products deleted) in transactions of ten, and the worker SIGKILLed mid-run and replaced by a
new one: when nothing is pending, the channel holds exactly the listed products, each with the content
push_item gives now, nothing is parked, and no deleted product was upserted after its last delete.
The test process plays Celery beat (the sweep, every second).

PostgreSQL only (the worker shares the test database) and Redis (OUTBOX_TEST_BROKER_URL, database 5;
the worker's cache in database 6).
"""

from __future__ import annotations

import os
import random
import time
import uuid
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.db import connection, transaction
from django.utils import translation
from oscar.core.loading import get_model

from catalog.models import Product
from marketplace.channels.models import ChannelListing
from marketplace.channels.push import TOPIC, push_item
from marketplace.channels.selectors import listed_products
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.tasks import outbox_sweep
from marketplace.producers.models import Producer
from tests.factories import ProducerFactory, ProductFactory, ProductImageFactory

from .channels.postal_double import PostalChannelDouble
from .worker_process import (
    broker_publishing,
    redis_or_skip,
    wait_for,
    worker_environment,
    worker_kill,
    worker_processes,
)

pytestmark = [
    pytest.mark.postgres,
    # Both modules' Celery workers use the same Redis broker: never run them at once (pytest -n, --dist loadgroup).
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a worker process shares the database"),
]

StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")

CACHE_URL = os.environ.get("POSTAL_TEST_CACHE_URL", "redis://127.0.0.1:6379/6")
SITE = "https://ocop.thanhhoa.test"
PRODUCERS = 6
PRODUCTS_PER_PRODUCER = 50
CHANGES = 1000
TRANSACTION_SIZE = 10
KILL_AFTER = 400  # changes committed before the first worker is killed
RESTART_AFTER = 700  # changes committed (with no worker running) before the second starts
DELETE_AT = {150, 350, 550, 750, 950}  # changes that delete a product


@pytest.fixture
def broker():
    """This process publishes to Redis instead of running tasks eagerly; the worker's cache starts and ends empty."""
    cache_client = redis_or_skip(CACHE_URL)
    cache_client.flushdb()
    with broker_publishing() as client:
        yield client
    cache_client.flushdb()


@pytest.fixture
def channel(settings):
    """The partner API's double, and this process configured to write the push's messages for it."""
    with PostalChannelDouble() as double:
        settings.POSTAL_CHANNEL_URL = double.url
        settings.POSTAL_CHANNEL_TOKEN = double.token
        settings.POSTAL_CHANNEL_REQUESTS_PER_SECOND = 0
        settings.SITE_BASE_URL = SITE
        yield double


@pytest.fixture
def workers(channel):
    """Start Celery workers draining with the push's own handler; every one is SIGKILLed at teardown."""
    env = worker_environment(
        settings_module="tests.integration.channels.worker_settings",
        POSTAL_CHANNEL_URL=channel.url,
        POSTAL_CHANNEL_TOKEN=channel.token,
        POSTAL_CHANNEL_REQUESTS_PER_SECOND="0",
        POSTAL_CHANNEL_BATCH_SIZE="10",
        POSTAL_CHANNEL_TIMEOUT_SECONDS="3",
        SITE_BASE_URL=SITE,
        POSTAL_TEST_MEDIA_ROOT=str(django_settings.MEDIA_ROOT),
        POSTAL_TEST_CACHE_URL=CACHE_URL,
        POSTAL_TEST_CACHE_PREFIX=f"postal-worker-test-{uuid.uuid4().hex[:8]}",
    )
    with worker_processes(env=env, name="postal-test") as start:
        yield start


# --- the catalogue and its changes ------------------------------------------------------------------------------


def _catalogue_make() -> list[int]:
    """Six opted-in producers with 50 listed products each (one photo, 10 in stock); answer the products' ids."""
    ids = []
    for _ in range(PRODUCERS):
        producer = ProducerFactory(postal_channel_opt_in=True)
        for start in range(0, PRODUCTS_PER_PRODUCER, TRANSACTION_SIZE):
            with transaction.atomic():
                for _ in range(start, start + TRANSACTION_SIZE):
                    product = ProductFactory(producer=producer)
                    ProductImageFactory(product=product)
                    ids.append(product.pk)
    return ids


class Changes:
    """Listing changes through the models' save() and delete(), chosen by a seeded random generator."""

    def __init__(self, product_ids: list[int]):
        self.random = random.Random(20261201)
        self.alive = list(product_ids)
        self.deleted: list[int] = []
        self.made = 0

    def make(self, count: int) -> None:
        """Commit ``count`` more changes, ten per transaction."""
        last = self.made + count
        while self.made < last:
            with transaction.atomic():
                for _ in range(min(TRANSACTION_SIZE, last - self.made)):
                    self._one(self.made)
                    self.made += 1
            time.sleep(0.01)

    def make_private(self, product_ids: list[int]) -> None:
        """Make these products private, one change each, in one transaction."""
        with transaction.atomic():
            for pk in product_ids:
                if pk in self.alive:
                    product = Product.objects.get(pk=pk)
                    product.is_public = False
                    product.save()
                    self.made += 1

    def _one(self, n: int) -> None:
        if n in DELETE_AT:
            pk = self.alive.pop(self.random.randrange(len(self.alive)))
            Product.objects.get(pk=pk).delete()
            self.deleted.append(pk)
            return
        pk = self.random.choice(self.alive)
        roll = self.random.random()
        if roll < 0.35:
            record = StockRecord.objects.get(product_id=pk)
            record.price = Decimal(self.random.randrange(50, 300) * 1000)
            record.save()
        elif roll < 0.65:
            record = StockRecord.objects.get(product_id=pk)
            record.num_in_stock = self.random.choice([0, *range(1, 30)])
            record.save()
        elif roll < 0.75:
            product = Product.objects.get(pk=pk)
            product.title = f"Đặc sản Thanh Hóa {n}"
            product.save()
        elif roll < 0.84:
            product = Product.objects.get(pk=pk)
            product.is_public = not product.is_public
            product.save()
        elif roll < 0.91:
            image = ProductImage.objects.filter(product_id=pk).order_by("pk").first()
            if image is not None:
                image.delete()
            else:
                ProductImageFactory(product=Product.objects.get(pk=pk))
        elif roll < 0.99:
            ProductImageFactory(product=Product.objects.get(pk=pk), display_order=self.random.randrange(1, 4))
        else:
            producer = Producer.objects.get(pk=Product.objects.values_list("producer_id", flat=True).get(pk=pk))
            producer.postal_channel_opt_in = not producer.postal_channel_opt_in
            producer.save()


class Beat:
    """Celery beat played by the test: the outbox sweep, at most once a second however often it is called."""

    def __init__(self):
        self.last = 0.0

    def __call__(self) -> None:
        if time.monotonic() - self.last >= 1.0:
            self.last = time.monotonic()
            outbox_sweep.delay()


def _describe(messages) -> list:
    return [(m.key, m.attempts, m.available_at, m.last_error, bool(m.claim_token)) for m in messages[:10]]


def test_the_channel_ends_with_exactly_our_listings_after_failures_and_a_killed_worker(broker, channel, workers):
    pending = OutboxMessage.objects.filter(topic=TOPIC, status=OutboxMessage.Status.PENDING)
    beat = Beat()
    channel.fail_every, channel.limit_every, channel.retry_after = 9, 13, "1"

    # Given a worker, 300 listed products, and the first changes committed while it pushes
    first = workers()
    product_ids = _catalogue_make()
    changes = Changes(product_ids)
    changes.make(250)
    assert wait_for(lambda: len(channel.upserts) >= 50, timeout=60, every=0.5, tick=beat), (
        f"the first worker delivered {len(channel.upserts)} upserts in {channel.batches} batches "
        f"{channel.answers}; pending: {_describe(pending)}")
    # and an outage of the channel, then a slow channel, while more changes are committed
    channel.fail_next(503, times=6, headers={"Retry-After": "1"}, body={"message": "maintenance"})
    channel.delay = 0.3
    changes.make(KILL_AFTER - 250)

    # When the worker is killed mid-run, with batches on the wire that the channel applies all the same
    arrived = len(channel.arrivals)
    assert wait_for(lambda: len(channel.arrivals) >= arrived + 2, timeout=30, every=0.02, tick=beat), (
        f"the first worker stopped ({channel.answers}); pending: {_describe(pending)}")
    time.sleep(0.1)
    worker_kill(first)
    channel.delay = 0
    pending_at_kill = pending.count()
    batches_at_kill = channel.batches
    in_flight = [int(key) for key in pending.filter(claim_token__isnull=False).values_list("key", flat=True)]
    assert in_flight, "the kill caught no batch on the wire"

    # and the products of the batches it had on the wire are made private (what the channel may hold is unknown)
    changes.make_private(in_flight)

    # and more changes are committed while no worker runs, then a new worker starts for the rest
    changes.make(RESTART_AFTER - KILL_AFTER)
    workers()
    changes.make(CHANGES - changes.made)
    assert changes.made == CHANGES

    # Then, with the beat's sweep every second, everything drains
    drained = wait_for(lambda: not pending.exists(), timeout=120, every=1.0, tick=beat)
    assert drained, f"still pending: {_describe(pending)}"

    assert pending_at_kill > 0
    assert batches_at_kill < channel.batches
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PARKED).count() == 0
    # the channel holds exactly the listed products, each with the content push_item gives now
    with translation.override(django_settings.LANGUAGE_CODE):
        expected = {f"SP-{product.pk}": push_item(product) for product in listed_products()}
    assert 100 < len(expected) < len(product_ids)  # the changes delisted some, not all
    assert set(channel.listings) == set(expected)
    assert {key: item["content_hash"] for key, item in channel.listings.items()} == {
        key: item["content_hash"] for key, item in expected.items()}
    assert channel.listings == expected
    assert set(ChannelListing.objects.filter(on_channel=True).values_list("listing_id", flat=True)) == set(expected)
    # no deleted product came back: the last change the channel took for each is a delete (or none at all)
    assert len(changes.deleted) == len(DELETE_AT)
    assert [pk for pk in changes.deleted if channel.last_event(f"SP-{pk}") not in ("delete", None)] == []
    # the failures really happened: 500s, 429s and the outage's 503s were answered and retried
    assert {500, 429, 503} <= set(channel.answers)
