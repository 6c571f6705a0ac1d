"""Benchmark settings: production-like serving (DEBUG off, persistent connections) on a dedicated database.

The database comes from BENCH_DATABASE_URL; `python -m tests.perf.bench` sets it (PostgreSQL database
`ocop_bench` when the server answers, else a SQLite file under /tmp) before Django or gunicorn start.
"""

import tempfile
from pathlib import Path

from marketplace.settings.base import *  # noqa: F403
from marketplace.settings.base import BASE_DIR, TEMPLATES, env

BENCH_SQLITE_URL = f"sqlite:///{tempfile.gettempdir()}/ocop_bench.sqlite3"

DEBUG = False
SECRET_KEY = "bench-only-secret-key"  # noqa: S105
# "testserver" lets the bench count queries in-process with Django's test client.
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "tests.perf.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"

DATABASES = {"default": env.db_url_config(env("BENCH_DATABASE_URL", default=BENCH_SQLITE_URL))}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# As in production: one connection per worker, kept between requests.
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

MEDIA_ROOT = Path(tempfile.gettempdir()) / "ocop-bench-media"  # no uploads: products have no images
CELERY_TASK_ALWAYS_EAGER = True
# Pages are measured without their assets; the bench creates this (empty) directory so WhiteNoise is quiet.
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "perf" / "templates"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
