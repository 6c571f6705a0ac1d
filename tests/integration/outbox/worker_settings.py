"""Settings of the Celery worker started by test_outbox_worker.py: the test settings, tasks really queued.

A short lease, so that the messages a killed worker had claimed fall due again within the test, and
backoff capped at 4 s instead of an hour, so that an unlucky message that failed five times running
does not outlast the test.
"""

from marketplace.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
OUTBOX_LEASE_SECONDS = 5
OUTBOX_DRAIN_SECONDS = 10
OUTBOX_BACKOFF_CAP_SECONDS = 4
