"""A file written inside a transaction that then rolls back is deleted: storage holds no orphans.

Django has no rollback hook, but it forgets the `on_commit` callbacks of a rolled-back block,
savepoints included. So every file the storages write registers a callback that only marks it
kept; when the unit of work ends (each request, through the middleware; or a `with
stored_files_kept_on_commit():` block) a file whose callback was neither run nor is still waiting
belongs to a rolled-back transaction and is deleted. A file written outside any transaction is
kept at once (there is nothing to roll back).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.core.files.storage import FileSystemStorage, Storage
from django.db import DEFAULT_DB_ALIAS, transaction

logger = logging.getLogger(__name__)


@dataclass(eq=False)
class WrittenFile:
    storage: Storage
    name: str
    using: str
    kept: bool = False

    def __call__(self) -> None:
        """Run by Django when the transaction that wrote the file commits."""
        self.kept = True

    def waiting_for_commit(self) -> bool:
        connection = transaction.get_connection(self.using)
        return any(callback is self for _savepoints, callback, _robust in connection.run_on_commit)


@dataclass(eq=False)
class _Tracker:
    written: list[WrittenFile] = field(default_factory=list)


_trackers: ContextVar[tuple[_Tracker, ...]] = ContextVar("stored_file_trackers", default=())


def stored_file_track(*, storage: Storage, name: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Remember a file just written, to be deleted if its transaction does not commit."""
    trackers = _trackers.get()
    if not trackers:
        return
    written = WrittenFile(storage=storage, name=name, using=using)
    trackers[-1].written.append(written)
    transaction.on_commit(written, using=using)


@contextmanager
def stored_files_kept_on_commit() -> Iterator[None]:
    """Delete, on leaving, every file written inside whose transaction rolled back.

    A file still waiting for a transaction opened outside the block is handed to the enclosing
    block, if any (else its fate is not known here, and it is left alone).
    """
    tracker = _Tracker()
    token = _trackers.set((*_trackers.get(), tracker))
    try:
        yield
    finally:
        _trackers.reset(token)
        outer = _trackers.get()
        for written in tracker.written:
            if written.kept:
                continue
            if written.waiting_for_commit():
                if outer:
                    outer[-1].written.append(written)
                continue
            try:
                written.storage.delete(written.name)
            except OSError:
                logger.exception("cannot delete %s, written by a rolled-back transaction", written.name)


class RollbackCleanupStorageMixin:
    """Storage mixin: every file written is tracked by stored_file_track."""

    def _save(self, name, content):
        name = super()._save(name, content)
        stored_file_track(storage=self, name=name)
        return name


class TransactionalFileSystemStorage(RollbackCleanupStorageMixin, FileSystemStorage):
    pass


class StoredFilesCleanupMiddleware:
    """Each request is a unit of work: files its rolled-back transactions wrote are deleted."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with stored_files_kept_on_commit():
            return self.get_response(request)
