"""The one interface to product search; the rest of the code imports only this module.

The backend (``PRODUCT_SEARCH_BACKEND``: "database", the default, or "elasticsearch") is chosen by settings; the
arguments are checked here, so a backend gets a trimmed query, a known sort and a page number of at least 1.
When the backend cannot answer (the cluster is down, a request times out), every function here raises
``SearchUnavailable`` after the backend has logged why: a page shows its message instead of results, the outbox
retries a write later.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from catalog.models import Product

from .backends import backend_get, backend_reindex_begin, backend_reindex_finish
from .documents import product_documents
from .models import ReindexCheckpoint
from .types import (
    MAX_PER_PAGE,
    MAX_QUERY_CHARS,
    SUGGEST_LIMIT,
    SearchFilters,
    SearchResult,
    SearchUnavailable,
    Sort,
    Suggestion,
)

__all__ = [
    "IndexReport", "ReindexReport", "SearchUnavailable", "index_products", "reindex", "remove_products", "search",
    "suggest",
]

DEFAULT_PER_PAGE = 24
DEFAULT_CHUNK_SIZE = 500


def search(query: str = "", *, filters: SearchFilters | None = None, sort: str = Sort.RELEVANCE, page: int = 1,
           per_page: int = DEFAULT_PER_PAGE) -> SearchResult:
    """One page of listed products matching ``query`` (everything when empty), narrowed by ``filters``.

    A query longer than 200 characters is cut; an unknown ``sort`` means relevance; a page past the
    last gives the last page (``result.page`` says which). Raises ``SearchUnavailable`` when the backend is down.
    """
    query = (query or "").strip()[:MAX_QUERY_CHARS]
    if sort not in Sort.CHOICES:
        sort = Sort.RELEVANCE
    return backend_get().search(
        query=query, filters=filters or SearchFilters(), sort=sort,
        page=max(1, int(page)), per_page=min(max(1, int(per_page)), MAX_PER_PAGE),
    )


def suggest(prefix: str, *, limit: int = SUGGEST_LIMIT) -> list[Suggestion]:
    """Up to ``limit`` (at most 8) product titles with a word starting with what the shopper has typed so far."""
    prefix = (prefix or "").strip()[:MAX_QUERY_CHARS]
    if not prefix:
        return []
    return backend_get().suggest(prefix=prefix, limit=min(max(1, int(limit)), SUGGEST_LIMIT))


@dataclass(frozen=True)
class IndexReport:
    indexed: int
    removed: int


def index_products(product_ids: Iterable[int]) -> IndexReport:
    """Make the index hold the current state of these products: listed ones (re)indexed, the others removed.

    Idempotent (the outbox may deliver a message twice); a product id that no longer exists is removed.
    """
    ids = {int(pk) for pk in product_ids}
    if not ids:
        return IndexReport(indexed=0, removed=0)
    documents = product_documents(ids)
    backend = backend_get()
    indexed = backend.upsert(documents.values())
    removed = backend.delete(ids - set(documents)) if ids - set(documents) else 0
    return IndexReport(indexed=indexed, removed=removed)


def remove_products(product_ids: Iterable[int]) -> int:
    """Drop these products from the index whatever their state; answer how many were indexed."""
    ids = {int(pk) for pk in product_ids}
    return backend_get().delete(ids) if ids else 0


@dataclass(frozen=True)
class ReindexReport:
    products: int  # products read in this run (all of them, or those after the checkpoint)
    indexed: int
    removed: int
    resumed_after: int  # 0 for a run from the start


def reindex(*, chunk_size: int = DEFAULT_CHUNK_SIZE, resume: bool = False,
            progress: Callable[[int, int], None] | None = None) -> ReindexReport:
    """Rebuild the index from the catalogue, ``chunk_size`` products at a time in primary-key order.

    After each chunk the last product id done is saved, so ``resume=True`` after an interrupted run starts
    after it (a finished run is not resumed: it starts again). ``progress(done, total)`` is called after each
    chunk. The shop keeps searching meanwhile: the database backend replaces each chunk's rows in one transaction;
    the Elasticsearch backend fills a new index and swaps the alias to it at the end (``reindex_begin``/``_finish``
    of the backend protocol), so that it never searches a half-built index.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    backend = backend_get()
    checkpoint = ReindexCheckpoint.objects.filter(backend=backend.name).first()
    after = checkpoint.last_product_id if resume and checkpoint and checkpoint.finished_at is None else 0
    if not backend_reindex_begin(backend, resume=bool(after)):
        after = 0  # the backend no longer has the interrupted rebuild: start again
    if not after:
        checkpoint, _ = ReindexCheckpoint.objects.update_or_create(
            backend=backend.name,
            defaults={"last_product_id": 0, "started_at": timezone.now(), "finished_at": None},
        )
    remaining = Product.objects.filter(pk__gt=after)
    total = remaining.count()
    done = indexed = removed = 0
    last = after
    while True:
        ids = list(Product.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk_size])
        if not ids:
            break
        with transaction.atomic():
            report = index_products(ids)
            last = ids[-1]
            ReindexCheckpoint.objects.filter(pk=checkpoint.pk).update(last_product_id=last)
        indexed += report.indexed
        removed += report.removed
        done += len(ids)
        if progress is not None:
            progress(done, total)
    removed += backend.delete_missing(known_product_ids=lambda: Product.objects.values_list("pk", flat=True))
    backend_reindex_finish(backend)
    ReindexCheckpoint.objects.filter(pk=checkpoint.pk).update(finished_at=timezone.now())
    return ReindexReport(products=done, indexed=indexed, removed=removed, resumed_after=after)
