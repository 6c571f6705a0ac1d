"""Announcing that products changed, for whoever keeps a copy of them outside (postal channel, search index).

``products_changed`` publishes the event ``catalog.product`` to the outbox (ARCHITECTURE.md decision 6): the
subscribed topics (``marketplace.channels``, later ``search_index``) each get one message per product and
read the product's current state when they deliver it, so a message says only *which* product changed.
The catalogue does not know its subscribers; an app subscribes in its ``ready()``.

Saves of products, their stock records and images, and of producers, announce themselves through the model
signals connected in ``CatalogueConfig.ready``; writes that bypass ``save()`` (conditional UPDATEs of the
order placement, the certificate badge columns, restocking) call ``products_changed`` themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from marketplace.outbox.registry import outbox_subscribers
from marketplace.outbox.services import outbox_publish

PRODUCT_CHANGED = "catalog.product"


def products_changed(product_ids: Iterable[int | None], *, reason: str) -> int:
    """Announce that the products ``product_ids`` changed (``reason`` is for people reading the outbox).

    Inside a transaction (the normal case) the messages commit or roll back with the change. Called after
    an autocommitted save (Oscar's dashboard forms are not atomic), they are written at once in their own
    transaction; a crash in between is repaired by the channel's reconciliation. Answers the writes made.
    """
    if not outbox_subscribers(PRODUCT_CHANGED):
        return 0  # before reading ``product_ids``: it may be a query
    ids = {pk for pk in product_ids if pk is not None}
    if not ids:
        return 0
    payload = {"event": PRODUCT_CHANGED, "reason": reason}
    if connection.in_atomic_block:
        return outbox_publish(event=PRODUCT_CHANGED, keys=ids, payload=payload)
    with transaction.atomic():
        return outbox_publish(event=PRODUCT_CHANGED, keys=ids, payload=payload)
