"""``manage.py postal_reconcile`` against the loopback double of the postal channel.

Given three listed products of which the channel holds one in step, one stale and one not at all, plus a
listing we no longer list, one of a deleted product and one that is not ours: the command reports each
difference, corrects our record of what the channel holds and queues the repairs; after the push the
channel holds exactly our listings with our content and the foreign one untouched. A dry run changes
nothing; a channel that refuses the token or is unset stops the command with the reason.
"""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction

from marketplace.channels.models import ChannelListing
from marketplace.channels.push import TOPIC, push_item
from marketplace.channels.selectors import listed_products
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.services import outbox_drain_topic
from tests.factories import ProducerFactory, ProductFactory, ProductImageFactory

from .postal_double import TOKEN, PostalChannelDouble

pytestmark = pytest.mark.django_db


@pytest.fixture
def channel(settings):
    cache.clear()
    with PostalChannelDouble() as double:
        settings.POSTAL_CHANNEL_URL = double.url
        settings.POSTAL_CHANNEL_TOKEN = TOKEN
        settings.POSTAL_CHANNEL_REQUESTS_PER_SECOND = 0
        yield double
    cache.clear()


def _listed(title: str):
    product = ProductFactory(title=title, producer=ProducerFactory(postal_channel_opt_in=True),
                             stockrecord__price=Decimal("50000"), stockrecord__num_in_stock=4)
    ProductImageFactory(product=product)
    return product


def _drain():
    return outbox_drain_topic(topic=TOPIC, time_budget=30)


@pytest.fixture
def drifted(channel, settings):
    """The channel after a drift: A in step, B stale, C lost, D (now private) and a deleted product still there."""
    with transaction.atomic():
        a, b, c, d = (_listed(title) for title in ("Mật ong A", "Mật ong B", "Mật ong C", "Mật ong D"))
        gone = _listed("Mật ong đã xoá")
    _drain()
    assert sorted(channel.listings) == sorted(f"SP-{p.pk}" for p in (a, b, c, d, gone))
    gone_id = f"SP-{gone.pk}"
    # What happens behind our back: the product is deleted while the push is off, D is hidden likewise,
    # the channel loses C, garbles B and holds a listing of someone else.
    settings.POSTAL_CHANNEL_URL = ""
    gone.delete()
    d.is_public = False
    d.save()
    settings.POSTAL_CHANNEL_URL = channel.url
    del channel.listings[f"SP-{c.pk}"]
    channel.listings[f"SP-{b.pk}"] = {**channel.listings[f"SP-{b.pk}"], "content_hash": "garbled"}
    channel.listings["XYZ-1"] = {"id": "XYZ-1", "content_hash": "theirs"}
    OutboxMessage.objects.all().delete()
    return {"a": a, "b": b, "c": c, "d": d, "gone_id": gone_id}


def _run(*args) -> str:
    out = io.StringIO()
    call_command("postal_reconcile", "--no-progress", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_reconcile_reports_each_difference_and_the_push_repairs_them(channel, drifted):
    a, b, c, d = drifted["a"], drifted["b"], drifted["c"], drifted["d"]
    gone_pk = int(drifted["gone_id"].removeprefix("SP-"))
    extra = sorted([d.pk, gone_pk])

    output = _run()

    assert output.splitlines() == [
        "On the channel: 5; listed by us: 3; in step: 1",
        f"Missing on the channel: 1 (SP-{c.pk})",
        f"Stale on the channel: 1 (SP-{b.pk})",
        f"On the channel but not listed by us: 2 (SP-{extra[0]}, SP-{extra[1]})",
        "Not our ids (left alone): 1 (XYZ-1)",
        "Records corrected: 2; queued for the push: 4",
        "Differences found; the push repairs them.",
    ]
    assert sorted(OutboxMessage.objects.filter(topic=TOPIC, status="pending").values_list("key", flat=True)) == \
        sorted(str(pk) for pk in (b.pk, c.pk, d.pk, gone_pk))
    # Our record now says what the channel holds: C is not there, B has the garbled content.
    assert ChannelListing.objects.get(key=str(c.pk)).on_channel is False
    assert ChannelListing.objects.get(key=str(b.pk)).content_hash == "garbled"

    report = _drain()

    assert report.delivered == 4
    expected = {f"SP-{p.pk}": push_item(p)["content_hash"] for p in listed_products()}
    assert {key: item["content_hash"] for key, item in channel.listings.items() if key != "XYZ-1"} == expected
    assert sorted(expected) == sorted(f"SP-{p.pk}" for p in (a, b, c))
    assert channel.listings["XYZ-1"] == {"id": "XYZ-1", "content_hash": "theirs"}
    assert sorted(channel.deletes) == sorted(f"SP-{pk}" for pk in extra)
    # A second run finds everything in step and queues nothing.
    assert _run().splitlines() == [
        "On the channel: 4; listed by us: 3; in step: 3",
        "Missing on the channel: 0",
        "Stale on the channel: 0",
        "On the channel but not listed by us: 0",
        "Not our ids (left alone): 1 (XYZ-1)",
        "Records corrected: 0; queued for the push: 0",
        "In step.",
    ]


def test_a_dry_run_reports_and_changes_nothing(channel, drifted):
    records = list(ChannelListing.objects.order_by("key").values_list("key", "on_channel", "content_hash"))

    output = _run("--dry-run")

    assert output.splitlines()[0] == "On the channel: 5; listed by us: 3; in step: 1"
    assert output.splitlines()[-2:] == ["Dry run: nothing changed.", "Differences found."]
    assert OutboxMessage.objects.count() == 0
    assert list(ChannelListing.objects.order_by("key").values_list("key", "on_channel", "content_hash")) == records


def test_a_refused_token_stops_the_command_with_the_channels_reason_and_writes_nothing(channel, drifted, settings):
    settings.POSTAL_CHANNEL_TOKEN = "wrong"
    records = ChannelListing.objects.count()

    with pytest.raises(CommandError) as raised:
        _run()

    assert str(raised.value) == "The channel could not be read: HTTP 401: invalid token"
    assert OutboxMessage.objects.count() == 0
    assert ChannelListing.objects.count() == records


def test_without_a_channel_url_the_command_says_so(settings):
    settings.POSTAL_CHANNEL_URL = ""
    with pytest.raises(CommandError) as raised:
        _run()
    assert str(raised.value) == "POSTAL_CHANNEL_URL is not set: there is no channel to reconcile with."
