"""Writes of the outbox: queue a message in the caller's transaction, claim and settle batches, retry parked ones.

How a batch travels (why no row lock is held while the handler talks to the network):
1. claim: a short transaction takes up to ``batch_size`` due pending rows (``SKIP LOCKED`` on
   PostgreSQL, so parallel workers take disjoint batches), stamps them with a fresh claim token,
   counts the attempt and pushes ``available_at`` one lease ahead; commit.
2. the handler runs, outside any transaction.
3. settle: a second short transaction records each outcome, but only on rows still carrying that
   claim token. A worker killed between 1 and 3 leaves its rows pending; they fall due again when
   the lease ends and another worker takes them (nothing lost; delivery is at-least-once).
A write for a key whose row is out for delivery updates the content and its ``revision``; the
settling worker sees the revision changed and puts the row back as due instead of marking it
delivered, so the newest content is always sent last, and never by two workers at once.
"""

import dataclasses
import datetime
import logging
import random
import re
import time
import uuid

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage
from .registry import (
    Delivered,
    Failed,
    HandlerSpec,
    Outcome,
    Retry,
    outbox_handler_get,
    outbox_subscribers,
)

logger = logging.getLogger(__name__)

TOPIC_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
MISSING_OUTCOME = "the handler gave no outcome for this key"


class OutboxError(RuntimeError):
    """A programming error in a caller of the outbox (not shown to users)."""


def outbox_setting(name: str) -> int:
    defaults = {
        "OUTBOX_MAX_ATTEMPTS": 12,
        "OUTBOX_LEASE_SECONDS": 5 * 60,
        "OUTBOX_DRAIN_SECONDS": 60,
        "OUTBOX_KEEP_DELIVERED_DAYS": 35,
        "OUTBOX_BACKOFF_CAP_SECONDS": 60 * 60,
    }
    return int(getattr(settings, name, defaults[name]))


def _drain_after_commit(topic: str) -> None:
    from .tasks import outbox_drain

    outbox_drain.delay(topic)


@dataclasses.dataclass(frozen=True)
class _DrainAfterCommit:
    """One on-commit callback per topic and transaction, however many messages it writes."""

    topic: str

    def __call__(self) -> None:
        _drain_after_commit(self.topic)


def outbox_write(*, topic: str, key: str | int, payload: dict) -> OutboxMessage:
    """Queue ``payload`` for ``key`` in the caller's transaction; the topic's drain runs after commit.

    Must be called inside ``transaction.atomic()`` with the change it announces. A pending message
    for the same key gets the new payload (the latest content wins) and keeps its place and backoff.
    """
    if not connection.in_atomic_block:
        raise OutboxError("outbox_write must run inside the transaction of the change it announces")
    if not TOPIC_PATTERN.match(topic):
        raise OutboxError(f"outbox topic {topic!r} is not a short lower-case slug such as 'postal.listing'")
    key = str(key)
    if not key or len(key) > 255:
        raise OutboxError(f"outbox key must be 1 to 255 characters, got {len(key)}")

    message = _pending_upsert(topic=topic, key=key, payload=payload)
    callback = _DrainAfterCommit(topic)
    if not any(queued == callback for _, queued, _ in connection.run_on_commit):
        transaction.on_commit(callback)
    return message


def outbox_publish(*, event: str, keys, payload: dict) -> int:
    """Write ``payload`` for each of ``keys`` to every topic subscribed to ``event``; answer how many writes.

    Same contract as ``outbox_write`` (inside the transaction of the change). With no enabled subscriber
    it writes nothing and needs no transaction.
    """
    topics = outbox_subscribers(event)
    keys = sorted({str(key) for key in keys})
    if not topics or not keys:
        return 0
    for topic in topics:
        for key in keys:
            outbox_write(topic=topic, key=key, payload=payload)
    return len(topics) * len(keys)


def _pending_upsert(*, topic: str, key: str, payload: dict) -> OutboxMessage:
    # Lock the pending row if there is one; otherwise insert it in a savepoint. Two transactions that
    # insert the same key at once: the second waits on the unique index, fails when the first commits,
    # and then finds and locks the first's row (READ COMMITTED sees it in the next statement).
    for _ in range(5):
        message = (
            OutboxMessage.objects.select_for_update()
            .filter(topic=topic, key=key, status=OutboxMessage.Status.PENDING)
            .first()
        )
        if message is not None:
            message.payload = payload
            message.revision = F("revision") + 1
            message.save(update_fields=["payload", "revision", "updated_at"])
            message.refresh_from_db(fields=["revision"])
            return message
        try:
            with transaction.atomic():
                return OutboxMessage.objects.create(topic=topic, key=key, payload=payload)
        except IntegrityError:
            continue
    raise OutboxError(f"could not write the outbox message {topic}:{key} (the pending row kept changing)")


def backoff_seconds(*, attempts: int, after_seconds: float | None = None, jitter: float | None = None,
                    cap: float | None = None) -> float:
    """Seconds to wait before the next try: 2^attempts capped (OUTBOX_BACKOFF_CAP_SECONDS, an hour), with equal jitter.

    ``jitter`` in [0, 1) picks the point between half and all of the exponential delay (random when
    omitted), so that messages failed together do not come back together. A handler's
    ``after_seconds`` (a Retry-After) is a floor: never earlier than the remote side asked.
    """
    cap = outbox_setting("OUTBOX_BACKOFF_CAP_SECONDS") if cap is None else cap
    base = min(2.0 ** min(attempts, 64), cap)
    spread = random.random() if jitter is None else jitter
    delay = base / 2 + base / 2 * spread
    if after_seconds is not None:
        delay = max(delay, float(after_seconds))
    return delay


@dataclasses.dataclass
class DrainReport:
    delivered: int = 0
    retried: int = 0
    parked: int = 0
    superseded: int = 0
    lost_claims: int = 0
    batches: int = 0
    more_due: bool = False


def outbox_claim(*, topic: str, batch_size: int, lease_seconds: int | None = None) -> tuple[uuid.UUID, list[OutboxMessage]]:
    """Take up to ``batch_size`` due messages of ``topic`` for delivery under a new claim token."""
    lease = datetime.timedelta(seconds=lease_seconds or outbox_setting("OUTBOX_LEASE_SECONDS"))
    token = uuid.uuid4()
    with transaction.atomic():
        now = timezone.now()
        due_ids = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(topic=topic, status=OutboxMessage.Status.PENDING, available_at__lte=now)
            .order_by("available_at", "id")
            .values_list("id", flat=True)[:batch_size]
        )
        if not due_ids:
            return token, []
        # Filtering on "still due" again keeps two claimers apart where rows cannot be locked (SQLite).
        OutboxMessage.objects.filter(
            id__in=due_ids, status=OutboxMessage.Status.PENDING, available_at__lte=now,
        ).update(claim_token=token, available_at=now + lease, attempts=F("attempts") + 1, updated_at=now)
        return token, list(OutboxMessage.objects.filter(claim_token=token).order_by("available_at", "id"))


def _handler_outcomes(spec: HandlerSpec, messages: list[OutboxMessage]) -> dict[str, Outcome]:
    try:
        outcomes = spec.function(messages)
    except Exception as error:  # noqa: BLE001 - any failure of a handler means "try the batch again"
        logger.exception("outbox handler for %s failed on a batch of %d", spec.topic, len(messages))
        reason = f"{type(error).__name__}: {error}"[:2000]
        return {message.key: Retry(reason=reason) for message in messages}
    if not isinstance(outcomes, dict):
        reason = f"the handler answered {type(outcomes).__name__}, not a dict of outcomes"
        return {message.key: Retry(reason=reason) for message in messages}
    return outcomes


def outbox_settle(*, token: uuid.UUID, claimed: list[OutboxMessage], outcomes: dict[str, Outcome],
                  report: DrainReport | None = None) -> DrainReport:
    """Record the handler's outcomes on the rows that still carry the claim ``token``."""
    report = report or DrainReport()
    max_attempts = outbox_setting("OUTBOX_MAX_ATTEMPTS")
    with transaction.atomic():
        now = timezone.now()
        current = {
            row.pk: row
            for row in OutboxMessage.objects.select_for_update().filter(
                pk__in=[m.pk for m in claimed], claim_token=token, status=OutboxMessage.Status.PENDING,
            )
        }
        changed_rows = []
        for sent in claimed:
            row = current.get(sent.pk)
            if row is None:
                # The lease ran out and another worker took the row: its outcome counts, not ours.
                report.lost_claims += 1
                continue
            outcome = outcomes.get(sent.key)
            if not isinstance(outcome, Delivered | Retry | Failed):
                outcome = Retry(reason=MISSING_OUTCOME)
            content_changed = row.revision != sent.revision
            row.claim_token = None
            row.updated_at = now
            if isinstance(outcome, Delivered) and not content_changed:
                row.status = OutboxMessage.Status.DELIVERED
                row.delivered_at = now
                row.last_error = ""
                report.delivered += 1
            elif isinstance(outcome, Delivered):
                # An older content arrived; the newer one goes next, as a fresh delivery.
                row.available_at = now
                row.attempts = 0
                row.last_error = ""
                report.superseded += 1
            elif isinstance(outcome, Failed) and content_changed:
                # The refusal was about older content; the newer one deserves its own try.
                row.available_at = now
                row.last_error = outcome.reason[:2000]
                report.superseded += 1
            elif isinstance(outcome, Retry) and not outcome.tried:
                row.attempts = max(0, row.attempts - 1)
                row.available_at = now + datetime.timedelta(seconds=max(1.0, outcome.after_seconds or 0))
                row.last_error = (outcome.reason or MISSING_OUTCOME)[:2000]
                report.retried += 1
            elif isinstance(outcome, Failed) or row.attempts >= max_attempts:
                row.status = OutboxMessage.Status.PARKED
                row.last_error = (outcome.reason or MISSING_OUTCOME)[:2000]
                report.parked += 1
            else:
                delay = backoff_seconds(attempts=row.attempts, after_seconds=outcome.after_seconds)
                row.available_at = now + datetime.timedelta(seconds=delay)
                row.last_error = (outcome.reason or MISSING_OUTCOME)[:2000]
                report.retried += 1
            changed_rows.append(row)
        OutboxMessage.objects.bulk_update(
            changed_rows,
            ["status", "claim_token", "available_at", "attempts", "last_error", "delivered_at", "updated_at"],
        )
    return report


def outbox_drain_topic(*, topic: str, time_budget: float | None = None) -> DrainReport:
    """Hand due messages of ``topic`` to its handler batch after batch until none is due or time is up."""
    report = DrainReport()
    spec = outbox_handler_get(topic)
    if spec is None:
        logger.warning("outbox topic %s has no handler in this process; its messages wait", topic)
        return report
    budget = outbox_setting("OUTBOX_DRAIN_SECONDS") if time_budget is None else time_budget
    deadline = time.monotonic() + budget
    while True:
        if time.monotonic() >= deadline:
            report.more_due = outbox_due_exists(topic=topic)
            return report
        token, claimed = outbox_claim(topic=topic, batch_size=spec.batch_size)
        if not claimed:
            return report
        report.batches += 1
        outbox_settle(token=token, claimed=claimed, outcomes=_handler_outcomes(spec, claimed), report=report)


def outbox_due_exists(*, topic: str) -> bool:
    return OutboxMessage.objects.filter(
        topic=topic, status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now(),
    ).exists()


def outbox_topics_due() -> list[str]:
    """Topics with at least one message due now (what the minute sweep drains)."""
    return list(
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now())
        .order_by("topic").values_list("topic", flat=True).distinct()
    )


def outbox_retry(*, topic: str | None = None, keys: list[str] | None = None) -> int:
    """Put parked messages (of ``topic``, of ``keys``) back to pending, due now; answer how many.

    A parked message whose key has a pending one already is dropped: the pending one carries newer
    content. Of several parked messages for one key, only the newest comes back.
    """
    with transaction.atomic():
        parked = OutboxMessage.objects.select_for_update().filter(status=OutboxMessage.Status.PARKED)
        if topic is not None:
            parked = parked.filter(topic=topic)
        if keys is not None:
            parked = parked.filter(key__in=[str(key) for key in keys])
        parked = list(parked.order_by("-id"))
        pending = set(
            OutboxMessage.objects.filter(
                status=OutboxMessage.Status.PENDING, topic__in={m.topic for m in parked}, key__in={m.key for m in parked},
            ).values_list("topic", "key")
        )
        now = timezone.now()
        revived, superseded = [], []
        for message in parked:
            if (message.topic, message.key) in pending:
                superseded.append(message.pk)
                continue
            pending.add((message.topic, message.key))
            message.status = OutboxMessage.Status.PENDING
            message.attempts = 0
            message.available_at = now
            message.claim_token = None
            message.updated_at = now
            revived.append(message)
        OutboxMessage.objects.filter(pk__in=superseded).delete()
        OutboxMessage.objects.bulk_update(revived, ["status", "attempts", "available_at", "claim_token", "updated_at"])
        for topic_name in sorted({m.topic for m in revived}):
            transaction.on_commit(_DrainAfterCommit(topic_name))
    return len(revived)


def outbox_prune_delivered(*, older_than: datetime.timedelta | None = None, limit: int = 5000) -> int:
    """Delete up to ``limit`` messages delivered before the kept window (35 days); answer how many."""
    if older_than is None:
        older_than = datetime.timedelta(days=outbox_setting("OUTBOX_KEEP_DELIVERED_DAYS"))
    old_ids = list(
        OutboxMessage.objects.filter(
            status=OutboxMessage.Status.DELIVERED, delivered_at__lt=timezone.now() - older_than,
        ).order_by("delivered_at").values_list("id", flat=True)[:limit]
    )
    deleted, _ = OutboxMessage.objects.filter(id__in=old_ids).delete()
    return deleted
