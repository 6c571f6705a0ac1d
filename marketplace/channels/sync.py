"""Reads of the push's sync state: per listing (the producer's product page) and in total (the staff dashboard).

A listing's state combines the outbox (what is still on its way, what was refused) with
``ChannelListing`` (what the channel holds):
- ``pending``: a change is waiting to be delivered (or retried after a transient error);
- ``failed``: the newest change was parked, with the channel's reason (refused listing, bad token,
  too many failed tries); the retry button puts it back;
- ``synced``: the channel holds our latest content;
- ``delisted``: the channel held it and no longer does (or never will: not eligible).
A product the push has never touched has no state (``None``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import Product
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.selectors import outbox_delivered_per_day

from .models import ChannelListing
from .push import LISTING_REFUSED, TOPIC

PENDING, SYNCED, FAILED, DELISTED = "pending", "synced", "failed", "delisted"
STATE_LABELS = {
    PENDING: _("Đang chờ gửi"),
    SYNCED: _("Đang hiển thị trên kênh"),
    FAILED: _("Lỗi"),
    DELISTED: _("Đã gỡ khỏi kênh"),
}
STATES = (PENDING, FAILED, SYNCED, DELISTED)


@dataclass(frozen=True)
class ListingSync:
    state: str
    reason: str = ""
    synced_at: datetime.datetime | None = None
    since: datetime.datetime | None = None

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def listing_refused(self) -> bool:
        """Failed because the channel refused this listing (the producer can fix it), not because of the
        connection, the token or a request the channel refused whole (the marketplace's staff fix those)."""
        return self.state == FAILED and self.reason.startswith(LISTING_REFUSED)

    @property
    def channel_message(self) -> str:
        """The channel's own words about a refused listing (without our prefix)."""
        return self.reason.removeprefix(LISTING_REFUSED)


def _messages():
    return OutboxMessage.objects.filter(topic=TOPIC)


def _failed_messages():
    """Parked messages newer than the key's newest delivered one and with no pending one for the key."""
    newer_delivered = _messages().filter(
        key=OuterRef("key"), status=OutboxMessage.Status.DELIVERED, id__gt=OuterRef("id"),
    )
    newer_parked = _messages().filter(key=OuterRef("key"), status=OutboxMessage.Status.PARKED, id__gt=OuterRef("id"))
    pending = _messages().filter(key=OuterRef("key"), status=OutboxMessage.Status.PENDING)
    return (
        _messages().filter(status=OutboxMessage.Status.PARKED)
        .exclude(Exists(newer_delivered)).exclude(Exists(newer_parked)).exclude(Exists(pending))
    )


def listing_sync_states(product_ids) -> dict[int, ListingSync]:
    """The sync state of each of ``product_ids`` the push has touched (a page of products: a few queries)."""
    keys = [str(pk) for pk in product_ids]
    if not keys:
        return {}
    pending = {
        row["key"]: row for row in _messages().filter(key__in=keys, status=OutboxMessage.Status.PENDING)
        .values("key", "last_error", "created_at")
    }
    failed = {
        row["key"]: row for row in _failed_messages().filter(key__in=keys).values("key", "last_error", "updated_at")
    }
    records = {record.key: record for record in ChannelListing.objects.filter(key__in=keys)}
    states = {}
    for key in keys:
        record = records.get(key)
        synced_at = record.synced_at if record else None
        if key in pending:
            state = ListingSync(PENDING, pending[key]["last_error"], synced_at, pending[key]["created_at"])
        elif key in failed:
            state = ListingSync(FAILED, failed[key]["last_error"], synced_at, failed[key]["updated_at"])
        elif record is not None:
            state = ListingSync(SYNCED if record.on_channel else DELISTED, "", synced_at, synced_at)
        else:
            continue
        states[int(key)] = state
    return states


def sync_counts() -> dict[str, int]:
    """How many listings are in each state, every state present (pending and failed first: they need eyes)."""
    pending_keys = _messages().filter(status=OutboxMessage.Status.PENDING).values("key")
    failed_keys = _failed_messages().values("key")
    pending = _messages().filter(status=OutboxMessage.Status.PENDING).count()
    failed = _failed_messages().values("key").distinct().count()
    settled = (
        ChannelListing.objects.exclude(key__in=pending_keys).exclude(key__in=failed_keys)
        .aggregate(synced=Count("pk", filter=Q(on_channel=True)), delisted=Count("pk", filter=Q(on_channel=False)))
    )
    return {PENDING: pending, FAILED: failed, SYNCED: settled["synced"], DELISTED: settled["delisted"]}


@dataclass(frozen=True)
class FailedListing:
    key: str
    product_id: int | None
    title: str
    producer: str
    reason: str
    attempts: int
    since: datetime.datetime


def failed_listings(*, limit: int = 100) -> list[FailedListing]:
    """The listings whose newest change was parked, newest first, with the product and the channel's reason."""
    rows = list(
        _failed_messages().order_by("-updated_at", "-id").values("key", "last_error", "attempts", "updated_at")[:limit]
    )
    products = {
        str(product.pk): product
        for product in Product.objects.filter(pk__in=[int(r["key"]) for r in rows if r["key"].isdigit()])
        .select_related("producer")
    }
    failed = []
    for row in rows:
        product = products.get(row["key"])
        failed.append(FailedListing(
            key=row["key"], product_id=product.pk if product else None,
            title=product.title if product else f"SP-{row['key']}",
            producer=product.producer.name if product and product.producer else "",
            reason=row["last_error"].removeprefix(LISTING_REFUSED), attempts=row["attempts"], since=row["updated_at"],
        ))
    return failed


@dataclass(frozen=True)
class SyncDay:
    day: datetime.date
    delivered: int
    failed: int


def sync_per_day(*, days: int = 30, today: datetime.date | None = None) -> list[SyncDay]:
    """Changes delivered and changes parked on each of the last ``days`` days (oldest first, empty days too)."""
    today = today or timezone.localdate()
    delivered = outbox_delivered_per_day(topic=TOPIC, days=days, today=today)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(delivered[0][0], datetime.time.min, tzinfo=tz)
    parked = dict(
        _messages().filter(status=OutboxMessage.Status.PARKED, updated_at__gte=start)
        .annotate(day=TruncDate("updated_at", tzinfo=tz)).order_by()
        .values("day").annotate(n=Count("id")).values_list("day", "n")
    )
    return [SyncDay(day=day, delivered=n, failed=parked.get(day, 0)) for day, n in delivered]


def last_delivery_at() -> datetime.datetime | None:
    """When the channel last took a change (the dashboard's "last sync"): changes found already there (same
    content, nothing to delete) are delivered without a request, so they do not count."""
    return ChannelListing.objects.aggregate(last=Max("synced_at"))["last"]


__all__ = [
    "DELISTED", "FAILED", "PENDING", "STATES", "STATE_LABELS", "SYNCED", "FailedListing", "ListingSync", "SyncDay",
    "failed_listings", "last_delivery_at", "listing_sync_states", "sync_counts", "sync_per_day",
]
