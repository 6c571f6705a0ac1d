"""Celery tasks of the outbox: drain one topic after a commit, and a minute sweep that catches lost drains."""

from celery import shared_task

from .services import outbox_drain_topic, outbox_prune_delivered, outbox_topics_due


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def outbox_drain(topic: str) -> dict[str, int]:
    """Deliver due messages of ``topic`` for up to OUTBOX_DRAIN_SECONDS; enqueue itself again if more are due."""
    report = outbox_drain_topic(topic=topic)
    if report.more_due:
        outbox_drain.delay(topic)
    return {
        "delivered": report.delivered, "retried": report.retried, "parked": report.parked,
        "superseded": report.superseded, "lost_claims": report.lost_claims, "batches": report.batches,
    }


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def outbox_sweep() -> list[str]:
    """Enqueue a drain for every topic with due messages (beat, every minute); prune old delivered ones."""
    topics = outbox_topics_due()
    for topic in topics:
        outbox_drain.delay(topic)
    outbox_prune_delivered()
    return topics
