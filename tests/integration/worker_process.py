"""Real Celery workers on Redis for the worker tests (test_outbox_worker.py, test_postal_channel_worker.py).

A worker is a separate process sharing the PostgreSQL test database; the test process publishes to
Redis instead of running tasks eagerly (``broker_publishing``) and plays Celery beat itself. Workers
are killed with SIGKILL (a dead machine, not a warm shutdown), always, at the end of the test.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis
from django.db import connection
from kombu import pools as kombu_pools

from marketplace.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
BROKER_URL = os.environ.get("OUTBOX_TEST_BROKER_URL", "redis://127.0.0.1:6379/5")


def redis_or_skip(url: str) -> redis.Redis:
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip(f"needs Redis at {url}")
    return client


def _forget_connections() -> None:
    """Drop the cached broker connections, so that the next publish connects to the current broker_url.

    The app's pools are kombu's global ones (keyed by broker): closing one and leaving it registered
    would hand the next test a closed pool ("Acquire on closed pool"), so kombu's groups are cleared too.
    """
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    kombu_pools.reset()


@contextlib.contextmanager
def broker_publishing(url: str = BROKER_URL) -> Iterator[redis.Redis]:
    """This process publishes tasks to Redis at ``url`` instead of running them eagerly; the queue starts and ends empty."""
    client = redis_or_skip(url)
    client.flushdb()
    saved = {name: celery_app.conf[name] for name in ("task_always_eager", "broker_url")}
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_url = url
    _forget_connections()
    try:
        yield client
    finally:
        _forget_connections()
        celery_app.conf.update(saved)
        client.flushdb()


def worker_environment(*, settings_module: str, broker_url: str = BROKER_URL, **extra: str) -> dict[str, str]:
    """The environment of a worker: this process's, the test database, the broker, tasks really queued."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "False",
        **extra,
    }
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


@contextlib.contextmanager
def worker_processes(*, env: dict[str, str], name: str, include: tuple[str, ...] = ()) -> Iterator[Callable]:
    """Yield ``start()``, which starts a two-process worker in its own process group; all are SIGKILLed at the end."""
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        arguments = [str(CELERY), "-A", "marketplace.celery", "worker", "-l", "warning", "-c", "2"]
        for module in include:
            arguments += ["--include", module]
        arguments += ["-n", f"{name}-{len(started)}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        process = subprocess.Popen(arguments, cwd=ROOT, env=env, start_new_session=True)
        started.append(process)
        return process

    try:
        yield start
    finally:
        for process in started:
            worker_kill(process)


def worker_kill(process: subprocess.Popen) -> None:
    """SIGKILL the worker and its pool processes (a dead machine, not a warm shutdown)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)


def wait_for(condition: Callable[[], bool], *, timeout: float, every: float = 0.1,
             tick: Callable[[], object] | None = None) -> bool:
    """Poll ``condition`` until it holds or ``timeout`` seconds pass, calling ``tick`` between polls."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        if tick:
            tick()
        time.sleep(every)
    return condition()
