"""A real Celery worker on Redis drains the outbox to a remote channel under failures and a SIGKILL.

Given a local HTTP server playing the channel (500s, 429 with Retry-After, an outage), 1,000 writes
for 400 listings (each written two or three times), one listing changed while its first content is
still on the wire, and a worker killed with SIGKILL mid-run and then replaced: when nothing is pending any more, the channel holds exactly the latest content of every
listing and nothing is parked. The test process plays Celery beat (the minute sweep, every second
here): after the kill, the drain tasks the dead worker had taken are only redelivered by Redis after
its visibility timeout, and the sweep is what notices the due messages meanwhile.

PostgreSQL only (the worker and the test share the test database, so it must be a server) and Redis
(CELERY_BROKER_URL, database 5 by default).
"""

import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.services import outbox_write
from marketplace.outbox.tasks import outbox_sweep

from .outbox.channel_double import TOPIC, ChannelDouble
from .worker_process import (
    broker_publishing,
    wait_for,
    worker_environment,
    worker_kill,
    worker_processes,
)

pytestmark = [
    pytest.mark.postgres,
    # Both modules' Celery workers use the same Redis broker: never run them at once (pytest -n, --dist loadgroup).
    pytest.mark.xdist_group("celery-worker"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a worker process shares the database"),
]

KEYS = 400
WRITES = 1000
TRANSACTION_SIZE = 10
HELD = "SP-HELD"


@pytest.fixture
def broker():
    """This process publishes to Redis instead of running tasks eagerly; the queue starts and ends empty."""
    with broker_publishing() as client:
        yield client


@pytest.fixture
def workers(channel):
    """Start Celery workers (their own process groups); every one is SIGKILLed at teardown whatever happens."""
    env = worker_environment(settings_module="tests.integration.outbox.worker_settings",
                             OUTBOX_TEST_CHANNEL_URL=channel.url)
    with worker_processes(env=env, name="outbox-test", include=("tests.integration.outbox.channel_double",)) as start:
        yield start


@pytest.fixture
def channel():
    with ChannelDouble() as double:
        yield double


def _write(key: str, payload: dict, latest: dict) -> None:
    with transaction.atomic():
        outbox_write(topic=TOPIC, key=key, payload=payload)
    latest[key] = payload


def _write_changes(first: int, last: int, latest: dict) -> None:
    """Writes ``first``..``last - 1``: write n changes listing n % KEYS; ten writes per transaction."""
    for start in range(first, last, TRANSACTION_SIZE):
        with transaction.atomic():
            for n in range(start, min(start + TRANSACTION_SIZE, last)):
                key = f"SP-{n % KEYS:03d}"
                payload = {"title": f"Sản phẩm {n % KEYS}", "price": 100000 + n, "write": n}
                outbox_write(topic=TOPIC, key=key, payload=payload)
                latest[key] = payload
        time.sleep(0.01)


def _describe(messages) -> list:
    now = timezone.now()
    return [
        (m.key, m.attempts, round((m.available_at - now).total_seconds(), 1), m.last_error, bool(m.claim_token))
        for m in messages[:10]
    ]


def test_a_killed_worker_loses_nothing_and_the_channel_ends_with_the_latest_content(broker, channel, workers):
    latest: dict[str, dict] = {}
    pending = OutboxMessage.objects.filter(topic=TOPIC, status=OutboxMessage.Status.PENDING)

    # Given a worker draining while the first 600 changes are committed, one of which is changed
    # again while the channel is still receiving its first content
    first = workers()
    arrived = channel.hold(HELD)
    _write(HELD, {"title": "Nước mắm", "price": 125000}, latest)
    _write_changes(0, 300, latest)
    assert arrived.wait(timeout=30), "the held listing never reached the channel"
    _write(HELD, {"title": "Nước mắm", "price": 99000}, latest)
    channel.release(HELD)
    assert wait_for(lambda: channel.accepted_count() >= 50, timeout=30), "the first worker delivered nothing"
    channel.outage(1.5)
    _write_changes(300, 600, latest)

    # When it is killed mid-run
    assert wait_for(lambda: channel.accepted_count() >= 150, timeout=30), "the first worker stopped delivering"
    worker_kill(first)
    pending_at_kill = pending.count()
    accepted_at_kill = channel.accepted_count()

    # and 400 more changes are committed while no worker runs, then a new worker starts
    _write_changes(600, WRITES, latest)
    workers()

    # Then, with the beat's sweep every second, everything drains
    drained = wait_for(lambda: not pending.exists(), timeout=45, every=1.0, tick=outbox_sweep.delay)
    assert drained, f"still pending: {_describe(pending)}"

    assert pending_at_kill > 0
    assert accepted_at_kill < channel.accepted_count()
    assert len(latest) == KEYS + 1
    assert channel.accepted[HELD] == [{"title": "Nước mắm", "price": 125000}, {"title": "Nước mắm", "price": 99000}]
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PARKED).count() == 0
    assert channel.latest() == latest
    # The failures really happened: 500s, 429s and the outage's 503s were answered and retried
    assert {500, 429, 503} <= set(channel.answers)
