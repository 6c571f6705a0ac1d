"""The outbox under contention: writers of one key at once, drains claiming at once.

Runs in the PostgreSQL pass only: SQLite serialises writers, so it cannot show a race.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.db import connection, connections, transaction

from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.services import outbox_claim, outbox_write

from .conftest import TOPIC

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent transactions"),
]

WRITERS = 8


def _at_once(count, work):
    barrier = threading.Barrier(count)

    def run(n):
        try:
            barrier.wait(timeout=30)
            return work(n)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_writers_of_one_new_key_at_once_leave_one_pending_row_with_every_write_counted():
    # Given no message for listing 7 yet; when eight transactions write it at the same moment
    def write(n):
        with transaction.atomic():
            outbox_write(topic=TOPIC, key="7", payload={"n": n})
            time.sleep(0.05)  # hold the transaction open so that the others collide with it
        return n

    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay"):
        _at_once(WRITERS, write)

    # Then one pending row exists, every write went through it, and it holds one of the payloads
    rows = list(OutboxMessage.objects.values_list("topic", "key", "status", "revision", "payload"))
    assert len(rows) == 1
    topic, key, status, revision, payload = rows[0]
    assert (topic, key, status, revision) == (TOPIC, "7", "pending", WRITERS)
    assert payload["n"] in range(WRITERS)


def test_the_last_committed_write_of_a_key_wins():
    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay"):
        with transaction.atomic():
            outbox_write(topic=TOPIC, key="7", payload={"n": "first"})
        order = []

        def write(n):
            with transaction.atomic():
                outbox_write(topic=TOPIC, key="7", payload={"n": n})  # locks the row: writers queue here
                order.append(n)
            return n

        _at_once(WRITERS, write)

    # The row lock orders the writers; the content is the one that committed last
    row = OutboxMessage.objects.get()
    assert (row.revision, row.payload) == (WRITERS + 1, {"n": order[-1]})


def test_drains_claiming_at_once_take_disjoint_batches_and_together_all_due_messages():
    with mock.patch("marketplace.outbox.tasks.outbox_drain.delay"), transaction.atomic():
        for n in range(40):
            outbox_write(topic=TOPIC, key=f"{n:02d}", payload={"n": n})

    claims = _at_once(4, lambda n: outbox_claim(topic=TOPIC, batch_size=15))

    tokens = [token for token, batch in claims if batch]
    keys = [message.key for _, batch in claims for message in batch]
    assert len(keys) == len(set(keys)) == 40
    assert len(set(tokens)) == len(tokens) >= 3
    assert OutboxMessage.objects.filter(claim_token__isnull=True).count() == 0
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {1}
