"""The rows of a previewed file, kept on the server between the preview and “Xác nhận nhập”.

The rows go to the cache under a random token; the session holds that token only (its latest preview),
and the entry names the producer and the user it was made for. Confirming takes the entry out, so a
second click imports nothing twice; a token that is not the session's, or was made for another producer
or user, or has expired, gives nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.cache import cache

from marketplace.producers.portal.access import PortalAccess

from .files import Table

SESSION_KEY = "producer_portal_bulk_import"
CACHE_PREFIX = "producer-portal-bulk-import:"
TIMEOUT_SECONDS = 30 * 60


@dataclass(frozen=True)
class PendingImport:
    file_name: str
    table: Table
    stock_seen: dict[int, int]


def pending_save(request, *, access: PortalAccess, file_name: str, table: Table, stock_seen: dict[int, int]) -> str:
    """Keep a previewed file's rows for this session, producer and user; return the token that confirms them."""
    previous = request.session.get(SESSION_KEY)
    if previous:
        cache.delete(CACHE_PREFIX + previous)
    token = secrets.token_urlsafe(32)
    cache.set(CACHE_PREFIX + token, {
        "producer": access.producer.pk, "user": access.user.pk, "file_name": file_name,
        "rows": table.rows, "stock_seen": stock_seen,
    }, TIMEOUT_SECONDS)
    request.session[SESSION_KEY] = token
    return token


def pending_take(request, *, access: PortalAccess, token: str) -> PendingImport | None:
    """The rows kept for ``token`` by this session for this producer and user, taken out; None otherwise."""
    expected = request.session.get(SESSION_KEY)
    if not (token and expected and secrets.compare_digest(str(token), str(expected))):
        return None
    del request.session[SESSION_KEY]
    entry = cache.get(CACHE_PREFIX + expected)
    cache.delete(CACHE_PREFIX + expected)
    if not entry or entry["producer"] != access.producer.pk or entry["user"] != access.user.pk:
        return None
    return PendingImport(file_name=entry["file_name"], table=Table(rows=entry["rows"]), stock_seen=entry["stock_seen"])
