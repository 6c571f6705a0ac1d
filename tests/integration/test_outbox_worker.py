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

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from django.db import connection, transaction
from django.utils import timezone

from marketplace.celery import app as celery_app
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.services import outbox_write
from marketplace.outbox.tasks import outbox_sweep

from .outbox.channel_double import TOPIC, ChannelDouble

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a worker process shares the database"),
]

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
BROKER_URL = os.environ.get("OUTBOX_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")
KEYS = 400
WRITES = 1000
TRANSACTION_SIZE = 10
HELD = "SP-HELD"


def _redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(BROKER_URL)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {BROKER_URL}")
    return client


def _forget_connections() -> None:
    """Drop the app's cached broker connections, so that the next publish connects to the current broker_url."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker():
    """This process publishes to Redis instead of running tasks eagerly; the queue starts and ends empty."""
    client = _redis_or_skip()
    client.flushdb()
    saved = {name: celery_app.conf[name] for name in ("task_always_eager", "broker_url")}
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = BROKER_URL
    _forget_connections()
    yield client
    _forget_connections()
    celery_app.conf.update(saved)
    client.flushdb()


@pytest.fixture
def workers(channel):
    """Start Celery workers (their own process groups); every one is SIGKILLed at teardown whatever happens."""
    started: list[subprocess.Popen] = []
    database = connection.settings_dict
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "tests.integration.outbox.worker_settings",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_BROKER_URL": BROKER_URL,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        "OUTBOX_TEST_CHANNEL_URL": channel.url,
    }
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]

    def start() -> subprocess.Popen:
        process = subprocess.Popen(
            [str(CELERY), "-A", "marketplace.celery", "worker", "-l", "warning", "-c", "2",
             "--include", "tests.integration.outbox.channel_double", "-n", f"outbox-test-{len(started)}@%h",
             "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, start_new_session=True,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        _kill(process)


def _kill(process: subprocess.Popen) -> None:
    """SIGKILL the worker and its pool processes (a dead machine, not a warm shutdown)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


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


def _wait_for(condition, *, timeout: float, every: float = 0.1, tick=None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if tick:
            tick()
        time.sleep(every)
    return condition()


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
    assert _wait_for(lambda: channel.accepted_count() >= 50, timeout=30), "the first worker delivered nothing"
    channel.outage(1.5)
    _write_changes(300, 600, latest)

    # When it is killed mid-run
    assert _wait_for(lambda: channel.accepted_count() >= 150, timeout=30), "the first worker stopped delivering"
    _kill(first)
    pending_at_kill = pending.count()
    accepted_at_kill = channel.accepted_count()

    # and 400 more changes are committed while no worker runs, then a new worker starts
    _write_changes(600, WRITES, latest)
    workers()

    # Then, with the beat's sweep every second, everything drains
    drained = _wait_for(lambda: not pending.exists(), timeout=45, every=1.0, tick=outbox_sweep.delay)
    assert drained, f"still pending: {_describe(pending)}"

    assert pending_at_kill > 0
    assert accepted_at_kill < channel.accepted_count()
    assert len(latest) == KEYS + 1
    assert channel.accepted[HELD] == [{"title": "Nước mắm", "price": 125000}, {"title": "Nước mắm", "price": 99000}]
    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.PARKED).count() == 0
    assert channel.latest() == latest
    # The failures really happened: 500s, 429s and the outage's 503s were answered and retried
    assert {500, 429, 503} <= set(channel.answers)
