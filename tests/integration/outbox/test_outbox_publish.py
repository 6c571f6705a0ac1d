"""Publishing an event to the outbox topics subscribed to it, and the catalogue's product announcements.

Given two topics subscribed to one event, one of them switched off: a publish writes one message per key
to the enabled topic only, in the caller's transaction (a rollback leaves nothing), and outside a
transaction refuses. ``catalog.changes.products_changed`` writes nothing when no topic listens, and after
an autocommitted save writes its messages in a transaction of its own.
"""

import pytest
from django.db import connection, transaction

from catalog.changes import PRODUCT_CHANGED, products_changed
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.registry import outbox_subscribe, outbox_subscribers, outbox_unsubscribe
from marketplace.outbox.services import OutboxError, outbox_publish
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

EVENT = "test.thing"


@pytest.fixture
def switch():
    state = {"on": False}
    outbox_subscribe(EVENT, "test.listens")
    outbox_subscribe(EVENT, "test.switched", enabled=lambda: state["on"])
    yield state
    outbox_unsubscribe(EVENT, "test.listens")
    outbox_unsubscribe(EVENT, "test.switched")


def _messages():
    return sorted(OutboxMessage.objects.values_list("topic", "key", "payload"))


def test_a_publish_writes_one_message_per_key_to_each_enabled_subscriber(switch):
    with transaction.atomic():
        written = outbox_publish(event=EVENT, keys=[7, 3, 7], payload={"why": "price"})

    assert written == 2
    assert _messages() == [("test.listens", "3", {"why": "price"}), ("test.listens", "7", {"why": "price"})]

    switch["on"] = True
    assert outbox_subscribers(EVENT) == ["test.listens", "test.switched"]
    with transaction.atomic():
        assert outbox_publish(event=EVENT, keys=[3], payload={"why": "stock"}) == 2

    assert _messages() == [
        ("test.listens", "3", {"why": "stock"}), ("test.listens", "7", {"why": "price"}),
        ("test.switched", "3", {"why": "stock"}),
    ]


def test_a_rolled_back_change_leaves_no_message(switch):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox_publish(event=EVENT, keys=[1], payload={})
        raise RuntimeError("the change failed")

    assert OutboxMessage.objects.count() == 0


def test_an_event_without_subscribers_writes_nothing_and_queries_nothing(django_assert_num_queries):
    with transaction.atomic(), django_assert_num_queries(0):
        assert outbox_publish(event="test.nobody", keys=[1, 2], payload={}) == 0


def test_the_catalogue_announces_a_product_saved_only_while_someone_listens():
    product = ProductFactory()
    OutboxMessage.objects.all().delete()
    outbox_subscribe(PRODUCT_CHANGED, "test.products")
    try:
        product.title = "Nem chua lá ổi"
        product.save()
        assert _messages() == [("test.products", str(product.pk), {"event": "catalog.product", "reason": "product"})]
    finally:
        outbox_unsubscribe(PRODUCT_CHANGED, "test.products")

    product.save()
    assert products_changed([product.pk], reason="product") == 0
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_an_autocommitted_save_the_announcement_commits_on_its_own(switch):
    with pytest.raises(OutboxError):  # a publish itself must run in the change's transaction
        outbox_publish(event=EVENT, keys=[1], payload={})
    product = ProductFactory()
    OutboxMessage.objects.all().delete()
    outbox_subscribe(PRODUCT_CHANGED, "test.products")
    try:
        assert not connection.in_atomic_block
        assert products_changed([product.pk, None], reason="stock") == 1
    finally:
        outbox_unsubscribe(PRODUCT_CHANGED, "test.products")

    assert _messages() == [("test.products", str(product.pk), {"event": "catalog.product", "reason": "stock"})]
