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
    # Expire OCOP certificates and send re-evaluation reminders (CELERY_TIMEZONE: 00:05 in Hà Nội), just after
    # the badges stop showing at midnight, so that the postal channel drops an expired star within minutes.
    "ocop-certificates-daily": {
        "task": "ocop_rating.tasks.certificates_daily",
        "schedule": crontab(hour=0, minute=5),
    },
    # Compare the postal channel's listings with ours and queue the repairs (no-op while push is off).
    "postal-channel-reconcile": {
        "task": "marketplace.channels.tasks.postal_reconcile",
        "schedule": crontab(hour=3, minute=30),
    },
    # Drain every outbox topic with due messages: retries, and drains lost with a dead worker or broker.
    "outbox-sweep": {
        "task": "marketplace.outbox.tasks.outbox_sweep",
        "schedule": 60.0,
    },
    # Add the product views counted in Redis to the analytics records (catalog.view_counts).
    "product-views-flush": {
        "task": "catalog.tasks.product_views_flush",
        "schedule": 5 * 60.0,
    },
    # Cancel the orders whose bank transfer did not arrive in time (VIETQR_TRANSFER_EXPIRY_HOURS), releasing their stock.
    "payments-expire-bank-transfers": {
        "task": "marketplace.shop.order.tasks.expire_unpaid_bank_transfers",
        "schedule": 15 * 60.0,
    },
    # Publish (and unpublish) the CMS pages whose scheduled go-live or expiry time has passed.
    "cms-publish-scheduled": {
        "task": "marketplace.cms.tasks.publish_scheduled_pages",
        "schedule": 5 * 60.0,
    },
}
