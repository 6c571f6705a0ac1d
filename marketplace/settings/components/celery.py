"""Celery: a Redis broker when REDIS_URL is set, otherwise tasks run in process."""

from celery.schedules import crontab

from .. import base_env as _base_env

REDIS_URL = _base_env.env("REDIS_URL", default="")
CELERY_BROKER_URL = _base_env.env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = _base_env.env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 15 * 60}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE: dict = {
    # Expire OCOP certificates and send re-evaluation reminders (CELERY_TIMEZONE: 01:00 in Hà Nội).
    "ocop-certificates-daily": {
        "task": "ocop_rating.tasks.certificates_daily",
        "schedule": crontab(hour=1, minute=0),
    },
    # Drain every outbox topic with due messages: retries, and drains lost with a dead worker or broker.
    "outbox-sweep": {
        "task": "marketplace.outbox.tasks.outbox_sweep",
        "schedule": 60.0,
    },
}
