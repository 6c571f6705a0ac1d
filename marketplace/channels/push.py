"""Push to the postal channel's partner API: the outbox handler of topic ``postal.listing``.

The catalogue announces every product change (``catalog.changes``); this module subscribes the topic
to it while ``POSTAL_CHANNEL_URL`` is set. A message names a product only; the handler reads the
product's state when it delivers, so what goes out is always the latest content:
- an eligible product (``selectors.listed_products``) is upserted with its Merchant item, unless the
  channel already holds the same content (``ChannelListing.content_hash``);
- anything else the channel holds is deleted (not public, out of stock, opted out, no photo, deleted).

The partner API (README, "Postal channel"), bearer token ``POSTAL_CHANNEL_TOKEN``:
- ``POST {url}/listings/batch`` with ``{"upserts": [item, ...], "deletes": [id, ...]}`` answers
  ``{"results": [{"id": ..., "status": "ok" | "rejected" | "error", "message": ...}]}``; keyed by our id,
  so a resend is harmless;
- ``GET {url}/listings?page_token=...`` answers ``{"listings": [{"id", "content_hash"}], "next_page_token"}``
  (the reconciliation reads it).
A 429 or 503 with ``Retry-After`` holds every worker back that long (through the cache); other 5xx,
timeouts and refused connections are retried with backoff; a refused token or request (401, 403, 4xx)
and a listing the channel rejects are parked with the channel's message.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import requests
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation

from catalog.models import Product
from marketplace.outbox.registry import Delivered, Failed, Outcome, Retry

from .mapping import listing_id, listing_item
from .models import ChannelListing
from .selectors import listed_products

TOPIC = "postal.listing"
# The reason of a listing the channel refused begins so (sync.ListingSync.listing_refused): the
# producer can fix it. Any other reason is a fault of the connection, the token or the request.
LISTING_REFUSED = "listing refused: "
NOT_BEFORE_CACHE_KEY = "channels:postal:not-before"
RATE_CACHE_KEY = "channels:postal:rate:{second}"
MESSAGE_MAX = 500
PAGE_SIZE = 500


def push_enabled() -> bool:
    """Whether listing changes are pushed (and so written to the outbox at all)."""
    return bool(settings.POSTAL_CHANNEL_URL)


class ChannelError(Exception):
    """The channel could not be asked (transport), or answered something other than success."""

    def __init__(self, reason: str, *, status: int | None = None, after_seconds: float | None = None,
                 sent: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.status = status
        self.after_seconds = after_seconds
        self.sent = sent  # False: nothing left us (we were holding back as the channel asked)

    @property
    def refused_request(self) -> bool:
        """The channel refused the request's content (400, 413, 422), not who sent it or when."""
        return self.status in (400, 413, 422)

    @property
    def permanent(self) -> bool:
        """A refusal that trying again cannot fix (bad token, a request the channel will not take)."""
        return self.status is not None and 400 <= self.status < 500 and self.status not in (408, 409, 425, 429)


def retry_after_seconds(value: str | None, *, now: datetime.datetime | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or an HTTP date), or None if absent or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.UTC)
    return max(0.0, (when - (now or timezone.now())).total_seconds())


def content_hash(item: dict) -> str:
    """The fingerprint of a pushed item: equal items give equal hashes, whatever their keys' order."""
    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def push_item(product) -> dict:
    """The item pushed for a listed product: its feed item plus the units for sale."""
    item = listing_item(product, base_url=settings.SITE_BASE_URL)
    item["product_detail"] = [str(detail) for detail in item.get("product_detail", [])]
    item["quantity"] = product.channel_available
    item["content_hash"] = content_hash(item)
    return item


def hold_back_remaining() -> float:
    """Seconds every worker must still wait because the channel asked so (Retry-After), or 0."""
    not_before = cache.get(NOT_BEFORE_CACHE_KEY)
    return max(0.0, not_before - time.time()) if not_before else 0.0


def _hold_back(seconds: float) -> None:
    until = time.time() + seconds
    if until > (cache.get(NOT_BEFORE_CACHE_KEY) or 0):
        cache.set(NOT_BEFORE_CACHE_KEY, until, timeout=int(seconds) + 5)


def _rate_slot() -> None:
    """Wait for a request slot: at most POSTAL_CHANNEL_REQUESTS_PER_SECOND requests per second, all workers together."""
    limit = settings.POSTAL_CHANNEL_REQUESTS_PER_SECOND
    if limit <= 0:
        return
    while True:
        second = int(time.time())
        key = RATE_CACHE_KEY.format(second=second)
        cache.add(key, 0, timeout=5)
        try:
            used = cache.incr(key)
        except ValueError:  # the key expired between add and incr
            continue
        if used <= limit:
            return
        time.sleep(max(0.0, second + 1 - time.time()))


class PostalChannelClient:
    """HTTP calls to the channel's partner API, each bounded by POSTAL_CHANNEL_TIMEOUT_SECONDS."""

    def __init__(self, *, url: str, token: str, timeout: float, session: requests.Session | None = None):
        self.url = url.rstrip("/")
        self.timeout = timeout
        self.session = session or requests.Session()
        self.session.headers.update({"Authorization": f"Bearer {token}", "Accept": "application/json"})

    @classmethod
    def from_settings(cls) -> PostalChannelClient:
        return cls(url=settings.POSTAL_CHANNEL_URL, token=settings.POSTAL_CHANNEL_TOKEN,
                   timeout=settings.POSTAL_CHANNEL_TIMEOUT_SECONDS)

    @staticmethod
    def _held_back() -> None:
        waiting = hold_back_remaining()
        if waiting:
            raise ChannelError(f"the channel asked to wait {waiting:.0f} s", after_seconds=waiting, sent=False)

    def _request(self, method: str, path: str, **kwargs) -> dict:
        self._held_back()
        _rate_slot()
        self._held_back()  # another worker may have been told to wait while this one waited for its slot
        try:
            response = self.session.request(method, f"{self.url}{path}", timeout=self.timeout, **kwargs)
        except requests.RequestException as error:
            raise ChannelError(f"{type(error).__name__}: {error}"[:MESSAGE_MAX]) from error
        if response.status_code in (429, 503):
            after = retry_after_seconds(response.headers.get("Retry-After"))
            if after is not None:
                _hold_back(after)
            raise ChannelError(_error_text(response), status=response.status_code, after_seconds=after)
        if response.status_code != 200:
            raise ChannelError(_error_text(response), status=response.status_code)
        try:
            return response.json()
        except ValueError as error:
            raise ChannelError(f"HTTP 200 with a body that is not JSON: {response.text[:200]!r}") from error

    def batch(self, *, upserts: list[dict], deletes: list[str]) -> dict[str, dict]:
        """Send upserts and deletes in one request; answer the channel's result per listing id."""
        answer = self._request("POST", "/listings/batch", json={"upserts": upserts, "deletes": deletes})
        results = answer.get("results") if isinstance(answer, dict) else None
        if not isinstance(results, list):
            raise ChannelError("the channel's answer has no list of results")
        return {str(result.get("id")): result for result in results if isinstance(result, dict)}

    def listings(self) -> Iterator[dict]:
        """Every listing the channel holds (``{"id", "content_hash"}``), page after page."""
        token = ""
        while True:
            params = {"page_size": PAGE_SIZE, **({"page_token": token} if token else {})}
            answer = self._request("GET", "/listings", params=params)
            yield from answer.get("listings", [])
            token = answer.get("next_page_token") or ""
            if not token:
                return


def _error_text(response: requests.Response) -> str:
    """``HTTP 422: <the channel's message>`` from an error answer (its JSON ``message``/``error`` or its text)."""
    message = ""
    try:
        body = response.json()
    except ValueError:
        message = response.text.strip()
    else:
        if isinstance(body, dict):
            message = str(body.get("message") or body.get("error") or "")
    text = f"HTTP {response.status_code}"
    return f"{text}: {message}"[:MESSAGE_MAX] if message else text


@dataclass
class Planned:
    key: str
    listing_id: str
    product_id: int | None
    item: dict | None  # None: delete


def plan_batch(messages) -> tuple[list[Planned], dict[str, Outcome]]:
    """What each message needs: an upsert, a delete, or nothing (the channel already agrees)."""
    by_pk = {}
    for message in messages:
        if message.key.isdigit():
            by_pk[int(message.key)] = message
    products = {product.pk: product for product in listed_products().filter(pk__in=list(by_pk))}
    records = {record.key: record for record in ChannelListing.objects.filter(key__in=[m.key for m in messages])}
    planned, outcomes = [], {}
    with translation.override(settings.LANGUAGE_CODE):
        for message in messages:
            if not message.key.isdigit():
                outcomes[message.key] = Failed(reason=f"not a product id: {message.key!r}")
                continue
            pk = int(message.key)
            record = records.get(message.key)
            product = products.get(pk)
            # An earlier try of this message (a timeout, a 5xx, a worker killed mid-request) may have
            # changed the channel without our record saying so: then the record is not trusted.
            maybe_sent = message.attempts > 1
            if product is not None:
                try:
                    item = push_item(product)
                except Exception as error:  # noqa: BLE001 - one broken listing must not hold back its batch
                    outcomes[message.key] = Retry(reason=f"{type(error).__name__}: {error}"[:MESSAGE_MAX])
                    continue
                if not maybe_sent and record and record.on_channel and record.content_hash == item["content_hash"]:
                    outcomes[message.key] = Delivered()
                else:
                    planned.append(Planned(message.key, listing_id(product), pk, item))
            elif record is not None and (record.on_channel or maybe_sent):
                planned.append(Planned(message.key, record.listing_id, None, None))
            elif maybe_sent:
                planned.append(Planned(message.key, listing_id(Product(pk=pk)), None, None))
            else:
                outcomes[message.key] = Delivered()  # not listed and not on the channel: nothing to do
    return planned, outcomes


def record_results(planned: list[Planned], results: dict[str, dict]) -> dict[str, Outcome]:
    """Turn the channel's results into outcomes; write what the channel now holds (ChannelListing)."""
    outcomes: dict[str, Outcome] = {}
    now = timezone.now()
    with transaction.atomic():
        for plan in planned:
            result = results.get(plan.listing_id)
            status = (result or {}).get("status")
            message = str((result or {}).get("message") or "")[:MESSAGE_MAX]
            if status == "ok":
                on_channel = plan.item is not None
                ChannelListing.objects.update_or_create(
                    key=plan.key,
                    defaults={
                        "listing_id": plan.listing_id, "on_channel": on_channel, "synced_at": now,
                        "content_hash": plan.item["content_hash"] if on_channel else "",
                        **({"product_id": plan.product_id} if plan.product_id else {}),
                    },
                )
                outcomes[plan.key] = Delivered()
            elif status == "rejected":
                outcomes[plan.key] = Failed(reason=LISTING_REFUSED + (message or "no reason given"))
            elif result is None:
                outcomes[plan.key] = Retry(reason="the channel gave no result for this listing")
            else:
                outcomes[plan.key] = Retry(reason=message or f"the channel answered {status!r}")
    return outcomes
