"""The transactional outbox: writes in the caller's transaction, batches drained with each outcome, retries.

Runs on SQLite and PostgreSQL; the races are in test_outbox_concurrency.py (PostgreSQL only).
"""

import datetime
from unittest import mock

import pytest
import time_machine
from django.db import transaction
from django.utils import timezone

from marketplace.outbox import services
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.registry import (
    Delivered,
    Failed,
    Retry,
    outbox_handler,
    outbox_handler_unregister,
)
from marketplace.outbox.services import (
    MISSING_OUTCOME,
    OutboxError,
    backoff_seconds,
    outbox_claim,
    outbox_drain_topic,
    outbox_retry,
    outbox_settle,
    outbox_write,
)
from marketplace.outbox.tasks import outbox_sweep

from .conftest import OMIT, TOPIC

NOON = datetime.datetime(2026, 3, 15, 5, 0, tzinfo=datetime.UTC)  # 12:00 in Hà Nội
PENDING, DELIVERED, PARKED = "pending", "delivered", "parked"


@pytest.fixture
def noon():
    with time_machine.travel(NOON, tick=False) as traveller:
        yield traveller


@pytest.fixture
def half_jitter(monkeypatch):
    """Backoff jitter fixed at the middle: each delay is 3/4 of 2^attempts."""
    monkeypatch.setattr(services.random, "random", lambda: 0.5)


def _write(key, payload, topic=TOPIC):
    with transaction.atomic():
        return outbox_write(topic=topic, key=key, payload=payload)


def _row(key, topic=TOPIC) -> OutboxMessage:
    return OutboxMessage.objects.get(topic=topic, key=key)


# Writing ------------------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_write_outside_a_transaction_is_refused_and_writes_nothing():
    with pytest.raises(OutboxError, match="must run inside the transaction"):
        outbox_write(topic=TOPIC, key="1", payload={"price": 125000})
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(("topic", "key", "error"), [
    ("", "1", "not a short lower-case slug"),
    ("Postal Listing", "1", "not a short lower-case slug"),
    ("x" * 65, "1", "not a short lower-case slug"),
    (TOPIC, "", "1 to 255 characters, got 0"),
    (TOPIC, "k" * 256, "1 to 255 characters, got 256"),
])
def test_a_bad_topic_or_key_is_refused_and_writes_nothing(topic, key, error):
    with pytest.raises(OutboxError, match=error), transaction.atomic():
        outbox_write(topic=topic, key=key, payload={})
    assert OutboxMessage.objects.count() == 0


@pytest.mark.django_db
def test_a_write_in_a_transaction_queues_one_pending_row_and_a_drain_after_commit(
        noon, django_capture_on_commit_callbacks):
    # When a listing change is written in a transaction
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        outbox_write(topic=TOPIC, key=42, payload={"price": 125000, "on": datetime.date(2026, 3, 15)})

    # Then one pending row holds it, due now, and the commit schedules one drain of its topic
    row = _row("42")
    assert (row.status, row.payload, row.revision, row.attempts) == (PENDING, {"price": 125000, "on": "2026-03-15"}, 1, 0)
    assert row.available_at == NOON
    assert row.claim_token is None
    assert len(callbacks) == 1
    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay") as delay:
        callbacks[0]()
    delay.assert_called_once_with(TOPIC)


@pytest.mark.django_db
def test_two_writes_for_one_key_in_one_transaction_leave_one_row_with_the_latest_payload_and_one_drain(
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        outbox_write(topic=TOPIC, key="7", payload={"stock": 5})
        outbox_write(topic=TOPIC, key="7", payload={"stock": 4})
        outbox_write(topic=TOPIC, key="8", payload={"stock": 1})

    assert list(OutboxMessage.objects.order_by("key").values_list("key", "payload", "revision")) == [
        ("7", {"stock": 4}, 2), ("8", {"stock": 1}, 1),
    ]
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_writes_in_two_transactions_for_one_key_update_the_pending_row():
    first = _write("7", {"stock": 5})
    second = _write("7", {"stock": 4})

    assert second.pk == first.pk
    assert list(OutboxMessage.objects.values_list("key", "status", "payload", "revision")) == [
        ("7", PENDING, {"stock": 4}, 2),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_change_leaves_no_row_and_schedules_nothing():
    with (mock.patch("marketplace.outbox.tasks.outbox_drain.delay") as delay,
          pytest.raises(ZeroDivisionError), transaction.atomic()):
        outbox_write(topic=TOPIC, key="7", payload={"stock": 4})
        1 / 0  # noqa: B018 - the change fails after its outbox write
    assert OutboxMessage.objects.count() == 0
    delay.assert_not_called()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_rolled_back_savepoint_drops_its_drain_but_a_later_write_schedules_it_again():
    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay") as delay, transaction.atomic():
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            outbox_write(topic=TOPIC, key="7", payload={"stock": 4})
            1 / 0  # noqa: B018
        outbox_write(topic=TOPIC, key="8", payload={"stock": 1})
    assert list(OutboxMessage.objects.values_list("key", flat=True)) == ["8"]
    delay.assert_called_once_with(TOPIC)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_committed_write_is_delivered_at_once_by_the_eager_drain(fake_handler):
    # Given the embedded default (Celery eager): the drain runs right after commit
    _write("7", {"stock": 4})

    assert fake_handler.seen == [("7", {"stock": 4})]
    assert _row("7").status == DELIVERED


# Draining -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_delivered_messages_are_marked_delivered(noon, fake_handler):
    for key in ("1", "2", "3"):
        _write(key, {"n": key})

    report = outbox_drain_topic(topic=TOPIC)

    assert (report.delivered, report.batches) == (3, 1)
    assert fake_handler.seen == [("1", {"n": "1"}), ("2", {"n": "2"}), ("3", {"n": "3"})]
    assert list(OutboxMessage.objects.order_by("key").values_list("status", "attempts", "delivered_at", "claim_token")) == [
        (DELIVERED, 1, NOON, None)] * 3


@pytest.mark.django_db
def test_a_drain_takes_batches_of_the_handlers_size_until_none_is_due(fake_handler):
    for n in range(25):
        _write(f"{n:02d}", {"n": n})

    report = outbox_drain_topic(topic=TOPIC)

    assert [len(batch) for batch in fake_handler.batches] == [10, 10, 5]
    assert (report.delivered, report.batches, report.more_due) == (25, 3, False)


@pytest.mark.django_db
def test_a_drain_stops_when_its_time_is_spent_and_says_more_is_due(fake_handler):
    for n in range(25):
        _write(f"{n:02d}", {"n": n})

    report = outbox_drain_topic(topic=TOPIC, time_budget=0)

    assert (report.batches, report.more_due) == (0, True)
    assert OutboxMessage.objects.filter(status=PENDING).count() == 25


@pytest.mark.django_db
def test_a_topic_without_a_handler_keeps_its_messages_pending():
    _write("1", {}, topic="test.nobody")

    report = outbox_drain_topic(topic="test.nobody")

    assert (report.batches, report.delivered) == (0, 0)
    assert _row("1", topic="test.nobody").status == PENDING


@pytest.mark.django_db
def test_a_retry_after_30_seconds_comes_back_due_30_seconds_later(noon, fake_handler):
    _write("1", {})
    fake_handler.answers["1"] = Retry(30, "429 Too Many Requests")

    report = outbox_drain_topic(topic=TOPIC)

    row = _row("1")
    assert report.retried == 1
    assert (row.status, row.attempts, row.last_error, row.claim_token) == (PENDING, 1, "429 Too Many Requests", None)
    assert row.available_at == NOON + datetime.timedelta(seconds=30)
    # Not due before then: a drain 29 s later leaves it alone, one at 30 s delivers it
    noon.shift(29)
    assert outbox_drain_topic(topic=TOPIC).batches == 0
    noon.shift(1)
    fake_handler.answers.clear()
    assert outbox_drain_topic(topic=TOPIC).delivered == 1
    assert (_row("1").status, _row("1").attempts) == (DELIVERED, 2)


@pytest.mark.django_db
def test_repeated_retries_back_off_exponentially_then_park_with_the_last_reason(
        noon, fake_handler, half_jitter, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 5
    _write("1", {})
    fake_handler.answers["1"] = Retry(reason="500 Internal Server Error")

    delays = []
    for _ in range(4):
        before = timezone.now()
        outbox_drain_topic(topic=TOPIC)
        row = _row("1")
        delays.append((row.available_at - before).total_seconds())
        noon.move_to(row.available_at)
    fake_handler.answers["1"] = Retry(reason="503 Service Unavailable")
    outbox_drain_topic(topic=TOPIC)

    # 3/4 of 2, 4, 8, 16 seconds; the fifth failure parks it
    assert delays == [1.5, 3.0, 6.0, 12.0]
    row = _row("1")
    assert (row.status, row.attempts, row.last_error, row.claim_token) == (PARKED, 5, "503 Service Unavailable", None)
    assert len(fake_handler.batches) == 5


def test_backoff_doubles_with_equal_jitter_is_capped_at_an_hour_and_honours_retry_after():
    assert [backoff_seconds(attempts=n, jitter=0) for n in (1, 2, 3, 10)] == [1.0, 2.0, 4.0, 512.0]
    assert backoff_seconds(attempts=3, jitter=0.999) == pytest.approx(7.996)
    assert backoff_seconds(attempts=30, jitter=0) == 1800.0
    assert backoff_seconds(attempts=30, jitter=0.999) == pytest.approx(3598.2)
    assert backoff_seconds(attempts=1, after_seconds=120, jitter=0.5) == 120.0
    assert backoff_seconds(attempts=10, after_seconds=1, jitter=0) == 512.0
    assert all(8 <= backoff_seconds(attempts=4) < 16 for _ in range(200))
    assert backoff_seconds(attempts=10, jitter=0, cap=4) == 2.0
    assert backoff_seconds(attempts=10_000, jitter=0) == 1800.0


def test_the_backoff_cap_is_a_setting(settings):
    settings.OUTBOX_BACKOFF_CAP_SECONDS = 60
    assert backoff_seconds(attempts=10, jitter=0) == 30.0


@pytest.mark.django_db
def test_a_permanent_failure_parks_the_message_at_once(noon, fake_handler):
    _write("1", {})
    _write("2", {})
    fake_handler.answers["1"] = Failed("Mô tả vượt quá 5.000 ký tự")

    report = outbox_drain_topic(topic=TOPIC)

    assert (report.parked, report.delivered) == (1, 1)
    row = _row("1")
    assert (row.status, row.attempts, row.last_error, row.delivered_at) == (PARKED, 1, "Mô tả vượt quá 5.000 ký tự", None)
    assert _row("2").status == DELIVERED


@pytest.mark.django_db
def test_a_handler_that_raises_retries_the_batch_and_loses_nothing(noon, fake_handler, half_jitter):
    _write("1", {"a": 1})
    _write("2", {"a": 2})
    fake_handler.error = ConnectionError("connection refused")

    report = outbox_drain_topic(topic=TOPIC)

    assert report.retried == 2
    for key in ("1", "2"):
        row = _row(key)
        assert (row.status, row.attempts, row.last_error) == (PENDING, 1, "ConnectionError: connection refused")
        assert row.available_at == NOON + datetime.timedelta(seconds=1.5)
    # When the channel is back, the next drain delivers both
    fake_handler.error = None
    noon.shift(2)
    assert outbox_drain_topic(topic=TOPIC).delivered == 2


@pytest.mark.django_db
@pytest.mark.parametrize("answer", [OMIT, "not an outcome", None])
def test_a_key_the_handler_leaves_out_or_answers_wrongly_is_retried(noon, fake_handler, half_jitter, answer):
    _write("1", {})
    _write("2", {})
    fake_handler.answers["1"] = answer

    report = outbox_drain_topic(topic=TOPIC)

    row = _row("1")
    assert (row.status, row.last_error, row.available_at) == (
        PENDING, MISSING_OUTCOME, NOON + datetime.timedelta(seconds=1.5))
    assert _row("2").status == DELIVERED
    assert (report.retried, report.delivered) == (1, 1)


@pytest.mark.django_db
def test_a_handler_answering_something_else_than_a_dict_retries_the_batch(noon, fake_handler, half_jitter):
    _write("1", {})
    spec_calls = []

    def answers_a_list(messages):
        spec_calls.append(len(messages))
        return [Delivered()]

    outbox_handler_unregister(TOPIC)
    outbox_handler(TOPIC)(answers_a_list)
    outbox_drain_topic(topic=TOPIC)

    row = _row("1")
    assert spec_calls == [1]
    assert (row.status, row.last_error) == (PENDING, "the handler answered list, not a dict of outcomes")


@pytest.mark.django_db
def test_content_written_while_its_delivery_is_in_flight_is_sent_after_it(fake_handler):
    # Given a message out for delivery, and a change of the same listing committed meanwhile
    _write("1", {"stock": 5})
    rewritten = []

    def rewrite_once(messages):
        if not rewritten:
            rewritten.append(_write("1", {"stock": 4}))

    fake_handler.during = rewrite_once

    # When the drain runs
    report = outbox_drain_topic(topic=TOPIC)

    # Then the old content's success does not count for the new one: the new one is sent next, and last
    assert fake_handler.seen == [("1", {"stock": 5}), ("1", {"stock": 4})]
    assert (report.superseded, report.delivered) == (1, 1)
    row = _row("1")
    assert (row.status, row.payload, row.revision, row.attempts) == (DELIVERED, {"stock": 4}, 2, 1)
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_dead_workers_claim_is_left_alone_until_its_lease_ends_and_its_late_outcome_is_ignored(
        noon, fake_handler, settings):
    settings.OUTBOX_LEASE_SECONDS = 300
    _write("1", {"stock": 5})
    # Given a worker that claimed the message and died before settling it
    dead_token, dead_batch = outbox_claim(topic=TOPIC, batch_size=10)
    assert _row("1").claim_token == dead_token

    # When another drain runs during the lease, it does not take the message
    noon.shift(299)
    assert outbox_drain_topic(topic=TOPIC).batches == 0
    assert fake_handler.seen == []

    # After the lease, it does, and delivers it
    noon.shift(1)
    assert outbox_drain_topic(topic=TOPIC).delivered == 1
    assert fake_handler.seen == [("1", {"stock": 5})]
    assert (_row("1").status, _row("1").attempts) == (DELIVERED, 2)

    # And the dead worker's claim, settled late, changes nothing
    late = outbox_settle(token=dead_token, claimed=dead_batch, outcomes={"1": Failed("stale")})
    assert late.lost_claims == 1
    assert (_row("1").status, _row("1").last_error) == (DELIVERED, "")


@pytest.mark.django_db
def test_a_new_write_after_delivery_or_parking_queues_a_new_pending_row(fake_handler):
    _write("1", {"stock": 5})
    fake_handler.answers["1"] = Failed("bị từ chối")
    outbox_drain_topic(topic=TOPIC)

    _write("1", {"stock": 4})

    assert list(OutboxMessage.objects.order_by("id").values_list("status", "payload")) == [
        (PARKED, {"stock": 5}), (PENDING, {"stock": 4})]


# Sweep, retry, prune --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sweep_drains_every_topic_with_due_messages_and_prunes_old_deliveries(noon):
    _write("1", {}, topic="test.a")
    _write("2", {}, topic="test.b")
    later = _write("3", {}, topic="test.c")
    OutboxMessage.objects.filter(pk=later.pk).update(available_at=NOON + datetime.timedelta(minutes=5))
    old, recent = _write("4", {}, topic="test.d"), _write("5", {}, topic="test.d")
    OutboxMessage.objects.filter(pk=old.pk).update(status=DELIVERED, delivered_at=NOON - datetime.timedelta(days=36))
    OutboxMessage.objects.filter(pk=recent.pk).update(status=DELIVERED, delivered_at=NOON - datetime.timedelta(days=34))

    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay") as delay:
        topics = outbox_sweep()

    assert topics == ["test.a", "test.b"]
    assert [c.args for c in delay.call_args_list] == [("test.a",), ("test.b",)]
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()
    assert OutboxMessage.objects.filter(pk=recent.pk).exists()


@pytest.mark.django_db
def test_retry_puts_parked_messages_back_due_now_and_drains_them_after_commit(
        noon, fake_handler, django_capture_on_commit_callbacks):
    for key in ("1", "2"):
        _write(key, {"k": key})
    _write("9", {}, topic="test.other")
    fake_handler.answers.update({"1": Failed("a"), "2": Failed("b")})
    outbox_drain_topic(topic=TOPIC)
    OutboxMessage.objects.filter(topic="test.other").update(status=PARKED, last_error="c")
    noon.shift(60)

    with django_capture_on_commit_callbacks() as callbacks:
        revived = outbox_retry(topic=TOPIC, keys=["1"])

    assert revived == 1
    row = _row("1")
    assert (row.status, row.attempts, row.available_at, row.last_error) == (
        PENDING, 0, NOON + datetime.timedelta(seconds=60), "a")
    assert (_row("2").status, _row("9", topic="test.other").status) == (PARKED, PARKED)
    assert len(callbacks) == 1
    # Everything parked comes back when no filter is given
    assert outbox_retry() == 2


@pytest.mark.django_db
def test_retry_keeps_only_the_newest_content_of_a_key(fake_handler):
    # Given a key parked twice, and a key parked once whose newer content is pending
    fake_handler.answers.update({"1": Failed("x"), "2": Failed("y")})
    for payload in ({"v": 1}, {"v": 2}):
        _write("1", payload)
        outbox_drain_topic(topic=TOPIC)
    _write("2", {"v": 1})
    outbox_drain_topic(topic=TOPIC)
    fake_handler.answers.clear()
    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay"):
        _write("2", {"v": 2})

    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay"):
        revived = outbox_retry(topic=TOPIC)

    assert revived == 1
    assert list(OutboxMessage.objects.order_by("key", "id").values_list("key", "status", "payload")) == [
        ("1", PENDING, {"v": 2}), ("2", PENDING, {"v": 2}),
    ]


@pytest.mark.django_db
def test_retry_with_nothing_parked_changes_nothing():
    _write("1", {})
    assert outbox_retry(topic=TOPIC) == 0
    assert _row("1").status == PENDING


@pytest.mark.django_db
def test_a_retry_that_tried_nothing_gives_the_attempt_back_and_never_parks(settings, fake_handler):
    # given a message at its last allowed attempt, and a handler that only waits (the remote side asked so)
    settings.OUTBOX_MAX_ATTEMPTS = 1
    with transaction.atomic():
        outbox_write(topic=TOPIC, key="k", payload={})
    fake_handler.answers["k"] = Retry(after_seconds=30, reason="asked to wait", tried=False)

    # when it is drained
    started = timezone.now()
    report = outbox_drain_topic(topic=TOPIC)

    # then it waits the 30 s with its attempt given back, instead of being parked
    message = OutboxMessage.objects.get(key="k")
    assert (report.retried, report.parked) == (1, 0)
    assert (message.status, message.attempts, message.last_error) == (PENDING, 0, "asked to wait")
    assert message.available_at >= started + datetime.timedelta(seconds=30)
