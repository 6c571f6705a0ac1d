"""The embedded default for `make run`: SQLite, tasks in process, database search."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
DEMO_DATA_ALLOWED = env.bool("DEMO_DATA_ALLOWED", default=True)  # noqa: F405
