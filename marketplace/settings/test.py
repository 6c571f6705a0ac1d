"""Tests: SQLite by default, PostgreSQL when DATABASE_URL points at it."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True  # noqa: F405
MEDIA_ROOT = tempfile.mkdtemp(prefix="ocop-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="ocop-test-private-")
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT  # noqa: F405
ALLOWED_HOSTS = ["*"]
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
DEMO_DATA_ALLOWED = True
# The suite searches the database unless a run asks otherwise: ELASTICSEARCH_URL alone (a developer's cluster)
# adds the Elasticsearch backend to tests/integration/search/ with throw-away index prefixes, nothing else.
PRODUCT_SEARCH_BACKEND = env("PRODUCT_SEARCH_BACKEND", default="database")  # noqa: F405
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", default="ocop-test")  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
