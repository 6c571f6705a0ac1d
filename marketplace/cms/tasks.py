"""Celery tasks of the CMS: publish and unpublish the pages whose scheduled time has come (beat, every 5 minutes)."""

from celery import shared_task
from django.core.management import call_command


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def publish_scheduled_pages() -> None:
    """Run Wagtail's `publish_scheduled` (idempotent: a second run finds nothing due)."""
    call_command("publish_scheduled")
