"""Product page views, counted without a database write per request.

Oscar's analytics writes on every product view (``ProductRecord.num_views`` and, for a signed-in shopper, a
``UserProductView`` row and ``UserRecord.num_product_views``), so a crawler walking the catalogue turns reads
into writes. Here a view only increments a counter outside the database: a Redis hash when
``PRODUCT_VIEWS_REDIS_URL`` is set (production), otherwise a counter in this process (the embedded default).
``product_views_flush`` adds the counts to ``ProductRecord.num_views`` in one transaction, from the periodic
task ``catalog.tasks.product_views_flush`` (and, in process, once ``PRODUCT_VIEWS_BATCH`` views are pending).
Per-shopper view rows are no longer written: nothing in the shop reads them.
"""

from __future__ import annotations

import threading
from collections import Counter
from functools import cache

from django.conf import settings
from django.db import transaction
from django.db.models import Case, F, IntegerField, Value, When
from oscar.core.loading import get_model

KEY = "ocop:product-views"
UPDATE_CHUNK = 500  # products per UPDATE ... CASE statement


class RedisViewCounter:
    """Counts in one Redis hash (product id → views), shared by every web process."""

    def __init__(self, url: str, *, key: str = KEY):
        import redis

        self.client = redis.Redis.from_url(url)
        self.key = key
        # Counts taken out of ``key`` but not yet in the database; a flush that died leaves them for the next one.
        self.flushing_key = f"{key}:flushing"

    def flush_lock(self):
        """The one flush at a time (held for five minutes at most): the lock, or None if another flush holds it."""
        lock = self.client.lock(f"{self.key}:lock", timeout=300)
        return lock if lock.acquire(blocking=False) else None

    def add(self, product_id: int) -> bool:
        self.client.hincrby(self.key, str(product_id), 1)
        return False  # the periodic task flushes

    def take(self) -> dict[int, int]:
        """The pending counts, moved aside (atomically) until ``done``; left-overs of a dead flush come first."""
        if not self.client.exists(self.flushing_key) and self.client.exists(self.key):
            self.client.rename(self.key, self.flushing_key)
        return {int(pk): int(count) for pk, count in self.client.hgetall(self.flushing_key).items()}

    def done(self) -> None:
        self.client.delete(self.flushing_key)


class MemoryViewCounter:
    """Counts in this process (no Redis): flushed when ``batch`` views are pending, or by the periodic task."""

    def __init__(self, *, batch: int):
        self.batch = batch
        self._counts: Counter[int] = Counter()
        self._taken: Counter[int] = Counter()
        self._lock = threading.Lock()
        self._flush = threading.Lock()

    def flush_lock(self):
        return self._flush if self._flush.acquire(blocking=False) else None

    def add(self, product_id: int) -> bool:
        with self._lock:
            self._counts[product_id] += 1
            return sum(self._counts.values()) >= self.batch

    def take(self) -> dict[int, int]:
        with self._lock:
            self._taken.update(self._counts)
            self._counts.clear()
            return dict(self._taken)

    def done(self) -> None:
        with self._lock:
            self._taken.clear()


@cache
def view_counter() -> RedisViewCounter | MemoryViewCounter:
    """The counter the settings choose (``view_counter.cache_clear()`` after changing them)."""
    url = getattr(settings, "PRODUCT_VIEWS_REDIS_URL", "")
    if url:
        return RedisViewCounter(url)
    return MemoryViewCounter(batch=getattr(settings, "PRODUCT_VIEWS_BATCH", 100))


def product_view_count(product_id: int) -> bool:
    """Count one view of the product; answer whether a flush is due now (in-process counting only)."""
    return view_counter().add(product_id)


def product_views_flush() -> int:
    """Add the pending views to each product's ``ProductRecord``; answer how many views were written.

    Views of products deleted meanwhile are dropped. If the database write fails the counts stay pending
    for the next flush (at worst a view is counted twice, never lost).
    """
    ProductRecord = get_model("analytics", "ProductRecord")
    Product = get_model("catalogue", "Product")
    counter = view_counter()
    lock = counter.flush_lock()
    if lock is None:
        return 0  # another flush is writing these counts
    try:
        return _flush(counter, ProductRecord=ProductRecord, Product=Product)
    finally:
        lock.release()


def _flush(counter, *, ProductRecord, Product) -> int:
    pending = counter.take()
    if not pending:
        return 0
    with transaction.atomic():
        existing = set(Product.objects.filter(pk__in=pending).values_list("pk", flat=True))
        counts = {pk: n for pk, n in pending.items() if pk in existing}
        recorded = sorted(ProductRecord.objects.filter(product_id__in=counts).values_list("product_id", flat=True))
        for start in range(0, len(recorded), UPDATE_CHUNK):
            chunk = recorded[start:start + UPDATE_CHUNK]
            ProductRecord.objects.filter(product_id__in=chunk).update(num_views=F("num_views") + Case(
                *(When(product_id=pk, then=Value(counts[pk])) for pk in chunk),
                default=Value(0), output_field=IntegerField(),
            ))
        recorded = set(recorded)
        ProductRecord.objects.bulk_create(
            [ProductRecord(product_id=pk, num_views=n) for pk, n in counts.items() if pk not in recorded]
        )
    counter.done()
    return sum(counts.values())
