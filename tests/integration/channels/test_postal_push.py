"""The push to the postal channel: each listing change reaches the channel's double once, with its latest content.

Given the double of the partner API on loopback and POSTAL_CHANNEL_URL pointing at it, a change made through
our code paths (model saves, an order's allocation) writes an outbox message for the product; draining
the topic ``postal.listing`` upserts an eligible product (skipping unchanged content by hash) and deletes
one that is no longer eligible. The channel's failures (500, 429 with Retry-After, a timeout, a refused
token, a rejected listing) are retried or parked as the issue asks, with the channel's own message.
The drain is run explicitly: the on-commit drain never fires in a test rolled back at the end.
"""

from __future__ import annotations

import dataclasses
import datetime
import time
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.partner.strategy import Selector
from oscar.core.loading import get_model

from marketplace.channels.models import ChannelListing
from marketplace.channels.push import TOPIC, content_hash, push_item, retry_after_seconds
from marketplace.channels.selectors import listed_products
from marketplace.channels.services import sync_retry
from marketplace.channels.sync import DELISTED, FAILED, PENDING, SYNCED, listing_sync_states
from marketplace.outbox import registry
from marketplace.outbox.models import OutboxMessage
from marketplace.shop.order.utils import OrderCreator
from marketplace.shop.shipping.methods import VNPostStandard
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, ProductImageFactory

from .conftest import SITE, image_link, listed_product_make

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
Status = OutboxMessage.Status


def _message(product_or_pk) -> OutboxMessage:
    """The newest message of the push for one product."""
    pk = getattr(product_or_pk, "pk", product_or_pk)
    return OutboxMessage.objects.filter(topic=TOPIC, key=str(pk)).order_by("-id").first()


def _state(pk: int):
    return listing_sync_states([pk]).get(pk)


def _item_now(product) -> dict:
    """What the push would send for ``product`` now."""
    return push_item(listed_products().get(pk=product.pk))


def _make_due(product) -> None:
    OutboxMessage.objects.filter(topic=TOPIC, key=str(product.pk), status=Status.PENDING).update(
        available_at=timezone.now())


def _wait_for(condition, *, timeout: float = 5.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def _synced_with_two_photos(postal):
    """A product on the channel (two photos, 10 in stock at 125.000 ₫), its first upsert already delivered."""
    product = listed_product_make(title="Nem chua Thanh Hóa")
    ProductImageFactory(product=product, display_order=1)
    assert postal.drain().delivered == 1
    assert len(postal.double.upserts) == 1
    return product


def _place_order(product, quantity: int):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    method = VNPostStandard()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=charge, order_number=f"T{basket.pk}",
    )


# --- a new listing, an unchanged one ---------------------------------------------------------------------------


def test_a_new_eligible_product_is_upserted_once_with_its_merchant_item(postal):
    # given a new 4★ product of an opted-in producer: 125.000 ₫, 10 in stock of which 3 ordered, one photo
    producer = ProducerFactory(name="HTX Nem chua Thanh Hóa", postal_channel_opt_in=True)
    product = listed_product_make(title="Nem chua Thanh Hóa", producer=producer, weight_grams=500,
                                  stockrecord__num_allocated=3)
    CertificateFactory(product=product, stars=4, code="38-16378-001-2025", decision_number="715/QĐ-UBND",
                       valid_until=datetime.date(2028, 5, 31))
    product_set = product.ocop_set

    # when the outbox is drained
    report = postal.drain()

    # then the channel got one request with exactly this item
    expected = {
        "id": f"SP-{product.pk}",
        "title": "Nem chua Thanh Hóa",
        "description": "Nem chua Thanh Hóa",
        "link": SITE + product.get_absolute_url(),
        "image_link": image_link(product.images.get()),
        "availability": "in_stock",
        "price": "125000 VND",
        "brand": "HTX Nem chua Thanh Hóa",
        "condition": "new",
        "shipping_weight": "500 g",
        "product_type": f"{product_set.group.name} > {product_set.name}",
        "google_product_category": product_set.channel_category.name,
        "custom_label_0": "ocop_4_sao",
        "custom_label_1": "Thanh Hóa",
        "product_detail": [
            "OCOP:Hạng sao:4",
            "OCOP:Mã sản phẩm OCOP:38-16378-001-2025",
            "OCOP:Quyết định công nhận:715/QĐ-UBND",
            "OCOP:Hiệu lực đến:2028-05-31",
            "OCOP:Bộ sản phẩm:#9",
        ],
        "quantity": 7,
    }
    expected["content_hash"] = content_hash(expected)
    assert expected["image_link"].startswith(f"{SITE}/media/")
    assert (report.batches, report.delivered, report.retried, report.parked) == (1, 1, 0, 0)
    assert postal.double.batches == 1
    assert postal.double.upserts == [expected]
    assert postal.double.deletes == []
    assert postal.double.listings == {f"SP-{product.pk}": expected}
    # and we recorded what the channel holds, and the listing reads "synced"
    listing = ChannelListing.objects.get(key=str(product.pk))
    assert (listing.listing_id, listing.product_id, listing.on_channel, listing.content_hash) == (
        f"SP-{product.pk}", product.pk, True, expected["content_hash"])
    assert _message(product).status == Status.DELIVERED
    assert OutboxMessage.objects.filter(topic=TOPIC).count() == 1  # the burst of saves made one message
    assert _state(product.pk).state == SYNCED


def test_saving_without_change_sends_nothing_and_the_message_is_delivered(postal):
    # given a product the channel holds
    product = listed_product_make()
    postal.drain()
    assert len(postal.double.upserts) == 1

    # when it is saved again with nothing the channel shows changed
    product.save()
    pending = _message(product)
    assert pending.status == Status.PENDING
    report = postal.drain()

    # then the content hash matches: no request, and the message is settled as delivered
    assert (report.batches, report.delivered) == (1, 1)
    assert postal.double.batches == 1
    assert len(postal.double.upserts) == 1
    pending.refresh_from_db()
    assert pending.status == Status.DELIVERED
    assert _state(product.pk).state == SYNCED


# --- each kind of change: one new upsert with the new value ----------------------------------------------------


def _change_price(product):
    record = product.stockrecords.get()
    record.price = Decimal("99000")
    record.save()


def _change_stock(product):
    record = product.stockrecords.get()
    record.num_in_stock = 25
    record.save()


def _allocate(product):
    _place_order(product, 3)


def _add_image(product):
    ProductImageFactory(product=product, display_order=2)


def _remove_image(product):
    product.images.order_by("display_order").last().delete()


def _change_title(product):
    product.title = "Nem chua lá ổi Thanh Hóa"
    product.save()


CHANGES = {
    "price": (_change_price, lambda item, product: item["price"] == "99000 VND"),
    "stock": (_change_stock, lambda item, product: item["quantity"] == 25),
    "allocation": (_allocate, lambda item, product: item["quantity"] == 7),
    "image added": (_add_image, lambda item, product: item["additional_image_link"] == [
        image_link(image) for image in product.images.order_by("display_order")[1:]] and len(
        item["additional_image_link"]) == 2),
    "image removed": (_remove_image, lambda item, product: "additional_image_link" not in item
                      and item["image_link"] == image_link(product.images.get())),
    "title": (_change_title, lambda item, product: item["title"] == "Nem chua lá ổi Thanh Hóa"),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_each_kind_of_change_sends_one_upsert_with_the_new_value(postal, kind):
    # given a product on the channel
    product = _synced_with_two_photos(postal)
    first = postal.double.upserts[0]
    change, shows_new_value = CHANGES[kind]

    # when it changes
    change(product)
    report = postal.drain()

    # then exactly one more upsert went out, carrying the new value and what push_item gives now
    assert (report.batches, report.delivered) == (1, 1)
    assert postal.double.batches == 2
    assert len(postal.double.upserts) == 2
    item = postal.double.upserts[1]
    assert item == _item_now(product)
    assert item != first
    assert shows_new_value(item, product), item
    assert ChannelListing.objects.get(key=str(product.pk)).content_hash == item["content_hash"]
    assert _state(product.pk).state == SYNCED


# --- becoming ineligible: deleted on the channel ---------------------------------------------------------------


def _make_private(product):
    product.is_public = False
    product.save()


def _sell_out(product):
    record = product.stockrecords.get()
    record.num_in_stock = 0
    record.save()


def _opt_out(product):
    producer = product.producer
    producer.postal_channel_opt_in = False
    producer.save()


def _delete_last_image(product):
    product.images.get().delete()


def _delete_product(product):
    product.delete()


DELISTINGS = {
    "made private": _make_private,
    "out of stock": _sell_out,
    "producer opts out": _opt_out,
    "last image deleted": _delete_last_image,
    "product deleted": _delete_product,
}


@pytest.mark.parametrize("kind", list(DELISTINGS))
def test_a_product_that_becomes_ineligible_is_deleted_on_the_channel(postal, kind):
    # given a product (one photo) the channel holds
    product = listed_product_make()
    postal.drain()
    pk, listing = product.pk, f"SP-{product.pk}"
    assert listing in postal.double.listings

    # when it stops being eligible
    DELISTINGS[kind](product)
    report = postal.drain()

    # then the channel deletes it, and the listing reads "delisted"
    assert (report.batches, report.delivered) == (1, 1)
    assert postal.double.deletes == [listing]
    assert len(postal.double.upserts) == 1
    assert listing not in postal.double.listings
    record = ChannelListing.objects.get(key=str(pk))
    assert (record.listing_id, record.on_channel, record.content_hash) == (listing, False, "")
    assert _state(pk).state == DELISTED


def test_a_product_never_on_the_channel_and_not_eligible_costs_no_request(postal):
    # given a product without a photo (not eligible), never pushed
    product = ProductFactory(producer=ProducerFactory(postal_channel_opt_in=True))
    assert _message(product).status == Status.PENDING

    # when the outbox is drained
    report = postal.drain()

    # then nothing was asked of the channel and nothing is recorded for it
    assert (report.batches, report.delivered) == (1, 1)
    assert postal.double.batches == 0
    assert not ChannelListing.objects.exists()
    assert _state(product.pk) is None


# --- the channel's failures ------------------------------------------------------------------------------------


def test_a_500_is_retried_with_backoff_and_succeeds_later(postal):
    # given the channel answers the next request with a 500
    product = listed_product_make()
    postal.double.fail_next(500, body={"message": "internal error"})

    # when the outbox is drained
    started = timezone.now()
    report = postal.drain()

    # then the message waits with backoff (2^1 s, with jitter: between 1 and 2 s)
    assert (report.retried, report.delivered, report.parked) == (1, 0, 0)
    message = _message(product)
    assert (message.status, message.attempts, message.last_error) == (
        Status.PENDING, 1, "HTTP 500: internal error")
    assert started + datetime.timedelta(seconds=1) <= message.available_at <= timezone.now() + datetime.timedelta(
        seconds=2)
    state = _state(product.pk)
    assert (state.state, state.reason) == (PENDING, "HTTP 500: internal error")
    # and a drain before it is due asks nothing
    assert postal.drain().batches == 0
    assert postal.double.batches == 1
    assert postal.double.upserts == []

    # when the backoff is over
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=3)):
        report = postal.drain()

    # then it is delivered
    assert report.delivered == 1
    assert postal.double.upserts == [_item_now(product)]
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.DELIVERED, 2, "")
    assert _state(product.pk).state == SYNCED


def test_a_429_with_retry_after_holds_every_delivery_back(postal):
    # given the channel answers the next request 429 with Retry-After: 120
    product = listed_product_make()
    postal.double.fail_next(429, headers={"Retry-After": "120"}, body={"message": "slow down"})
    started = timezone.now()

    # when the outbox is drained
    assert postal.drain().retried == 1

    # then the message waits at least the 120 s asked
    message = _message(product)
    assert (message.status, message.attempts, message.last_error) == (Status.PENDING, 1, "HTTP 429: slow down")
    assert message.available_at >= started + datetime.timedelta(seconds=120)

    # when, a minute later, another listing is due and the outbox is drained again
    other = listed_product_make()
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=60), tick=False):
        report = postal.drain()
        later = timezone.now()

    # then no request was sent: the hold-back (in the cache) covers every delivery, not only the refused one
    assert (report.batches, report.retried) == (1, 1)
    assert postal.double.batches == 1
    waiting = _message(other)
    assert waiting.status == Status.PENDING
    assert waiting.last_error.startswith("the channel asked to wait ")
    assert waiting.available_at >= later + datetime.timedelta(seconds=59)
    assert waiting.attempts == 0  # nothing was sent: the try is given back, so waiting never parks it
    message.refresh_from_db()
    assert message.attempts == 1  # not due yet: not retried before the 120 s

    # when the 120 s are over, both go out
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=200)):
        report = postal.drain()
    assert report.delivered == 2
    assert postal.double.batches == 2
    assert {item["id"] for item in postal.double.upserts} == {f"SP-{product.pk}", f"SP-{other.pk}"}


def test_a_timeout_is_retried(postal, settings):
    # given a channel slower than our timeout
    settings.POSTAL_CHANNEL_TIMEOUT_SECONDS = 0.2
    product = listed_product_make()
    postal.double.delay = 0.6

    # when the outbox is drained
    report = postal.drain()

    # then the message is retried later
    assert report.retried == 1
    message = _message(product)
    assert (message.status, message.attempts) == (Status.PENDING, 1)
    assert message.last_error.startswith("ReadTimeout: ")
    assert not ChannelListing.objects.exists()

    # when the channel is fast again and the retry is due
    postal.double.delay = 0
    assert _wait_for(lambda: len(postal.double.upserts) == 1)  # the slow request did land, late
    _make_due(product)
    assert postal.drain().delivered == 1

    # then the resend is harmless: the channel holds the item once, and we know it
    assert postal.double.upserts == [_item_now(product)] * 2
    assert postal.double.listings == {f"SP-{product.pk}": _item_now(product)}
    assert ChannelListing.objects.get(key=str(product.pk)).on_channel is True
    message.refresh_from_db()
    assert message.status == Status.DELIVERED


def test_a_listing_that_reached_the_channel_despite_a_timeout_is_deleted_once_ineligible(postal, settings):
    # given an upsert that timed out on our side but that the channel applied anyway
    settings.POSTAL_CHANNEL_TIMEOUT_SECONDS = 0.2
    product = listed_product_make()
    postal.double.delay = 0.6
    assert postal.drain().retried == 1
    postal.double.delay = 0
    assert _wait_for(lambda: f"SP-{product.pk}" in postal.double.listings)

    # when the product is made private before the retry
    _make_private(product)
    _make_due(product)
    assert postal.drain().delivered == 1

    # then the retry deletes it: an earlier try may have reached the channel
    assert postal.double.deletes == [f"SP-{product.pk}"]
    assert postal.double.listings == {}
    assert ChannelListing.objects.get(key=str(product.pk)).on_channel is False
    assert _state(product.pk).state == DELISTED


def test_a_refused_token_parks_the_message_with_the_channels_message(postal, settings):
    # given a wrong token
    settings.POSTAL_CHANNEL_TOKEN = "not-the-token"  # noqa: S105
    product = listed_product_make()

    # when the outbox is drained
    report = postal.drain()

    # then the message is parked with the channel's answer, and nothing reached the channel
    assert (report.parked, report.retried, report.delivered) == (1, 0, 0)
    message = _message(product)
    assert (message.status, message.attempts, message.last_error) == (Status.PARKED, 1, "HTTP 401: invalid token")
    assert postal.double.listings == {}
    state = _state(product.pk)
    assert (state.state, state.reason) == (FAILED, "HTTP 401: invalid token")


def test_a_rejected_listing_is_parked_and_the_rest_of_its_batch_is_delivered(postal):
    # given three new listings, one of which the channel rejects
    first, rejected, third = listed_product_make(), listed_product_make(), listed_product_make()
    reason = "Ảnh sản phẩm phải rộng ít nhất 500 px"
    postal.double.reject(f"SP-{rejected.pk}", reason)

    # when the outbox is drained (one batch)
    report = postal.drain()

    # then the rejected one is parked with the channel's message, the two others are on the channel
    assert (report.batches, report.delivered, report.parked) == (1, 2, 1)
    assert postal.double.batches == 1
    assert set(postal.double.listings) == {f"SP-{first.pk}", f"SP-{third.pk}"}
    message = _message(rejected)
    assert (message.status, message.last_error) == (Status.PARKED, "listing refused: " + reason)
    states = listing_sync_states([first.pk, rejected.pk, third.pk])
    assert {pk: (s.state, s.channel_message, s.listing_refused) for pk, s in states.items()} == {
        first.pk: (SYNCED, "", False), rejected.pk: (FAILED, reason, True), third.pk: (SYNCED, "", False),
    }
    assert not ChannelListing.objects.filter(key=str(rejected.pk)).exists()

    # when the channel accepts it again and staff retry it
    postal.double.accept(f"SP-{rejected.pk}")
    assert sync_retry(product_ids=[rejected.pk]) == 1
    assert _message(rejected).status == Status.PENDING
    assert postal.drain().delivered == 1

    # then it is on the channel, synced
    assert postal.double.listings[f"SP-{rejected.pk}"] == _item_now(rejected)
    assert _state(rejected.pk).state == SYNCED
    assert postal.double.batches == 2


def test_a_batch_the_channel_refuses_whole_is_sent_again_listing_by_listing(postal):
    # given three new listings, and a channel that refuses the next request whole (400) for one item's sake
    first, second, third = listed_product_make(), listed_product_make(), listed_product_make()
    postal.double.fail_next(400, body={"message": f"SP-{second.pk}: shipping_weight must be in kg"})
    postal.double.reject(f"SP-{second.pk}", "shipping_weight must be in kg")

    # when the outbox is drained
    report = postal.drain()

    # then, after the refused batch, each listing went alone: the bad one is parked as a refused listing,
    # the two others are on the channel
    assert (report.delivered, report.parked) == (2, 1)
    assert postal.double.batches == 4
    assert set(postal.double.listings) == {f"SP-{first.pk}", f"SP-{third.pk}"}
    assert _message(second).last_error == "listing refused: shipping_weight must be in kg"
    assert _state(second.pk).listing_refused is True


def test_a_refused_token_is_not_blamed_on_the_listing(postal, settings):
    settings.POSTAL_CHANNEL_TOKEN = "wrong"
    first, second = listed_product_make(), listed_product_make()

    postal.drain()

    # one request only (a refused token is not split), both parked with the channel's answer
    assert postal.double.answers == {401: 1}
    assert [(_state(p.pk).state, _state(p.pk).listing_refused) for p in (first, second)] == [
        (FAILED, False), (FAILED, False)]


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    now = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)
    assert retry_after_seconds("Tue, 01 Dec 2026 08:02:00 GMT", now=now) == 120.0
    assert retry_after_seconds("Tue, 01 Dec 2026 07:59:00 GMT", now=now) == 0.0  # already past
    assert retry_after_seconds("120", now=now) == 120.0
    assert retry_after_seconds(" 7 ", now=now) == 7.0
    assert retry_after_seconds("soon", now=now) is None
    assert retry_after_seconds("", now=now) is None
    assert retry_after_seconds(None, now=now) is None


# --- switched off; the shared rate limit -----------------------------------------------------------------------


def test_without_a_channel_url_a_change_writes_no_outbox_message(settings):
    # given no channel configured
    settings.POSTAL_CHANNEL_URL = ""

    # when an eligible product is created and its price changes
    product = listed_product_make()
    _change_price(product)

    # then the outbox holds nothing at all
    assert OutboxMessage.objects.count() == 0


def test_the_rate_limit_spreads_requests_over_the_seconds(postal, settings, monkeypatch):
    # given at most 2 requests a second, and one listing per batch
    settings.POSTAL_CHANNEL_REQUESTS_PER_SECOND = 2
    spec = registry.outbox_handler_get(TOPIC)
    monkeypatch.setitem(registry._handlers, TOPIC, dataclasses.replace(spec, batch_size=1))
    products = [listed_product_make() for _ in range(5)]

    # when 5 batches are drained, starting just after a second begins
    time.sleep(1.02 - time.time() % 1)
    report = postal.drain(time_budget=30)

    # then the channel got 2, 2 and 1 requests in three consecutive seconds (more than 1 s from first to last;
    # how much more depends on how late in its second the first request left, on a loaded machine)
    assert (report.batches, report.delivered) == (5, 5)
    arrivals = postal.double.arrivals
    assert len(arrivals) == 5
    per_second = Counter(int(moment) for moment in arrivals)
    first_second = int(arrivals[0])
    assert per_second == {first_second: 2, first_second + 1: 2, first_second + 2: 1}
    assert arrivals[-1] - arrivals[0] > 1.0
    assert set(postal.double.listings) == {f"SP-{product.pk}" for product in products}
