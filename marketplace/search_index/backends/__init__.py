"""The backend protocol and the one chosen by ``PRODUCT_SEARCH_BACKEND``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from ..documents import ProductDocument
from ..types import SearchFilters, SearchResult, Suggestion

BACKENDS = {
    "database": "marketplace.search_index.backends.database.DatabaseBackend",
    "elasticsearch": "marketplace.search_index.backends.elasticsearch.ElasticsearchBackend",
}


class SearchBackend(Protocol):
    """What every backend does; ``api`` validates the arguments before calling it.

    Writes are idempotent and keyed by product id; ``search`` and ``suggest`` see only indexed products.
    """

    name: str

    def upsert(self, documents: Iterable[ProductDocument]) -> int:
        """Index or replace these documents; answer how many."""

    def delete(self, product_ids: Iterable[int]) -> int:
        """Drop these products from the index (absent ones are fine); answer how many were there."""

    def delete_missing(self, *, known_product_ids: Callable[[], Iterable[int]]) -> int:
        """Drop every indexed product not among ``known_product_ids()`` (after a full reindex)."""

    def search(self, *, query: str, filters: SearchFilters, sort: str, page: int, per_page: int) -> SearchResult:
        """One page of hits for ``query`` (already trimmed; may be empty: everything), with facet counts."""

    def suggest(self, *, prefix: str, limit: int) -> list[Suggestion]:
        """Up to ``limit`` products whose title has a word starting with ``prefix`` (folded)."""

    # Optional: a backend that rebuilds into a separate index defines both (see ``backend_reindex_begin``).
    def reindex_begin(self, *, resume: bool) -> bool:
        """Get ready for a full rebuild whose writes follow; answer whether the interrupted one is continued
        (``resume`` asked for it and the backend still has it), False to start from the first product."""

    def reindex_finish(self) -> None:
        """Make what the rebuild wrote the index searched (after ``delete_missing``)."""


def backend_reindex_begin(backend: SearchBackend, *, resume: bool) -> bool:
    """Call the backend's ``reindex_begin``; one that rebuilds in place (the database) continues where it was."""
    begin = getattr(backend, "reindex_begin", None)
    return begin(resume=resume) if begin is not None else resume


def backend_reindex_finish(backend: SearchBackend) -> None:
    """Call the backend's ``reindex_finish``; one that rebuilds in place has nothing to switch."""
    finish = getattr(backend, "reindex_finish", None)
    if finish is not None:
        finish()


_instances: dict[str, SearchBackend] = {}


def backend_get(name: str | None = None) -> SearchBackend:
    """The backend named ``name``, or the configured one."""
    name = name or getattr(settings, "PRODUCT_SEARCH_BACKEND", "database")
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"PRODUCT_SEARCH_BACKEND={name!r} is not one of the available backends: {', '.join(sorted(BACKENDS))}"
        )
    if name not in _instances:
        _instances[name] = import_string(BACKENDS[name])()
    return _instances[name]
