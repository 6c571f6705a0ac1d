"""Celery tasks of the rating workflow: thin wrappers that call a service and are safe to run twice."""

import datetime
import smtplib

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from ocop_rating.certificates.services import (
    certificates_expire_due,
    certificates_remind_reevaluation,
)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError, smtplib.SMTPException, ConnectionError),
    retry_backoff=60,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    max_retries=5,
)
def certificates_daily(today_iso: str | None = None) -> dict[str, int]:
    """Expire certificates past their validity, then send the re-evaluation reminders (beat: daily 00:05)."""
    today = datetime.date.fromisoformat(today_iso) if today_iso else timezone.localdate()
    expired = certificates_expire_due(today=today)
    reminded = certificates_remind_reevaluation(today=today)
    return {"expired": expired, "reminded": reminded}
