"""Celery tasks of the CMS: publish and unpublish the pages whose scheduled time has come (beat, every 5 minutes);
tell the staff about a contact message."""

from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def publish_scheduled_pages() -> None:
    """Run Wagtail's `publish_scheduled` (idempotent: a second run finds nothing due)."""
    call_command("publish_scheduled")


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True, autoretry_for=(OSError,),
             retry_backoff=60, max_retries=5)
def contact_message_notify_task(message_id: int) -> None:
    """E-mail the staff about a contact message (idempotent: a message is e-mailed once)."""
    from .trust.services import contact_message_notify

    contact_message_notify(message_id=message_id)
