"""Reconciliation with the postal channel: compare what it holds with what we list, and repair the difference.

1. Read the channel's whole list (``GET /listings``, paged): id and content hash of each listing.
2. Make ``ChannelListing`` say what the channel really holds (a listing it lost, one we never recorded).
3. Queue, through the outbox, every product whose channel copy is missing or stale, and every listing the
   channel holds that we no longer list (the push deletes it). The push then does the work, with its
   batching, rate limit and retries: reconciliation never talks to the channel except to read.
Listings whose id is not one of ours (``SP-<number>``) are reported and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from catalog.models import Product

from .models import ChannelListing
from .push import PostalChannelClient, push_item
from .selectors import listed_products
from .services import sync_queue

OUR_ID = re.compile(r"^SP-(\d+)$")
CHUNK_SIZE = 500


@dataclass
class ReconcileReport:
    on_channel: int = 0
    listed: int = 0
    in_step: int = 0
    missing: list[int] = field(default_factory=list)  # listed by us, absent on the channel
    stale: list[int] = field(default_factory=list)  # on the channel with other content
    extra: list[int] = field(default_factory=list)  # on the channel, not listed by us (to delete)
    foreign: list[str] = field(default_factory=list)  # on the channel, not an id of ours
    records_fixed: int = 0
    queued: int = 0

    @property
    def to_repair(self) -> list[int]:
        return sorted({*self.missing, *self.stale, *self.extra})


def _listed_hashes(progress: Callable[[int], None]) -> Iterable[tuple[int, str]]:
    with translation.override(settings.LANGUAGE_CODE):
        for product in listed_products().iterator(chunk_size=CHUNK_SIZE):
            yield product.pk, push_item(product)["content_hash"]
            progress(1)


def _records_match(remote: dict[str, str], report: ReconcileReport) -> None:
    """Make ChannelListing rows of our ids say what the channel holds (on it, with that hash, or not)."""
    now = timezone.now()
    records = {record.listing_id: record for record in ChannelListing.objects.all()}
    existing_products = set(
        Product.objects.filter(pk__in=[int(OUR_ID.match(i).group(1)) for i in remote if OUR_ID.match(i)])
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        for listing_id, remote_hash in remote.items():
            match = OUR_ID.match(listing_id)
            if match is None:
                continue
            record = records.get(listing_id)
            if record is not None and record.on_channel and record.content_hash == remote_hash:
                continue
            pk = int(match.group(1))
            ChannelListing.objects.update_or_create(
                listing_id=listing_id,
                defaults={"key": str(pk), "on_channel": True, "content_hash": remote_hash, "synced_at": now,
                          **({"product_id": pk} if pk in existing_products else {})},
            )
            report.records_fixed += 1
        for listing_id, record in records.items():
            if record.on_channel and listing_id not in remote:
                record.on_channel, record.content_hash = False, ""
                record.save(update_fields=["on_channel", "content_hash", "updated_at"])
                report.records_fixed += 1


def reconcile(*, client: PostalChannelClient | None = None, dry_run: bool = False,
              progress: Callable[[int], None] = lambda n: None) -> ReconcileReport:
    """Compare the channel's listings with ours; unless ``dry_run``, fix our records and queue the repairs."""
    client = client or PostalChannelClient.from_settings()
    report = ReconcileReport()
    remote: dict[str, str] = {}
    for listing in client.listings():
        remote[str(listing.get("id"))] = str(listing.get("content_hash") or "")
    report.on_channel = len(remote)
    report.foreign = sorted(listing_id for listing_id in remote if not OUR_ID.match(listing_id))

    ours = set()
    for pk, our_hash in _listed_hashes(progress):
        ours.add(pk)
        remote_hash = remote.get(f"SP-{pk}")
        if remote_hash is None:
            report.missing.append(pk)
        elif remote_hash != our_hash:
            report.stale.append(pk)
        else:
            report.in_step += 1
    report.listed = len(ours)
    report.extra = sorted(
        int(match.group(1)) for match in map(OUR_ID.match, remote) if match and int(match.group(1)) not in ours
    )
    if dry_run:
        return report
    _records_match(remote, report)
    report.queued = sync_queue(report.to_repair, reason="reconciliation") if report.to_repair else 0
    return report


def listed_count() -> int:
    """How many products we list (the progress bar's total)."""
    return listed_products().order_by().values("pk").count()
