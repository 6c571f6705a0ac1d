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
