"""Writes of the postal channel that people trigger: retrying parked listings, queueing a full resend."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from marketplace.outbox.services import outbox_retry, outbox_write

from .push import TOPIC


def sync_retry(*, product_ids: Iterable[int] | None = None) -> int:
    """Put the failed listings (all, or those of ``product_ids``) back in the queue; answer how many."""
    keys = None if product_ids is None else [str(pk) for pk in product_ids]
    return outbox_retry(topic=TOPIC, keys=keys)


def sync_queue(product_ids: Iterable[int], *, reason: str) -> int:
    """Queue ``product_ids`` for the push whatever the catalogue said (reconciliation); answer how many."""
    keys = sorted({str(pk) for pk in product_ids})
    with transaction.atomic():
        for key in keys:
            outbox_write(topic=TOPIC, key=key, payload={"reason": reason})
    return len(keys)
