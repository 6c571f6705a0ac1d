"""Settings of the Celery worker started by test_postal_channel_worker.py: the outbox worker's, plus what it shares with the test.

The test process and the worker must build the same items: the same photos (MEDIA_ROOT, a temporary
directory the test passes in POSTAL_TEST_MEDIA_ROOT) and the same SITE_BASE_URL (read from the
environment by the base settings, like POSTAL_CHANNEL_URL/TOKEN). The cache is Redis, as in
production, so that the channel's Retry-After hold-back is shared by the worker's processes.
"""

import os

from tests.integration.outbox.worker_settings import *  # noqa: F403

MEDIA_ROOT = os.environ["POSTAL_TEST_MEDIA_ROOT"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["POSTAL_TEST_CACHE_URL"],
        "KEY_PREFIX": os.environ.get("POSTAL_TEST_CACHE_PREFIX", "postal-worker-test"),
    },
}
