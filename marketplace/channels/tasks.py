"""Celery tasks of the postal channel: the nightly reconciliation (beat, 03:30)."""

import logging

from celery import shared_task

from .push import push_enabled
from .reconcile import reconcile

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def postal_reconcile() -> dict[str, int] | None:
    """Reconcile with the channel (idempotent: a second run finds nothing, or queues the same keys again)."""
    if not push_enabled():
        return None
    report = reconcile()
    summary = {"on_channel": report.on_channel, "listed": report.listed, "missing": len(report.missing),
               "stale": len(report.stale), "extra": len(report.extra), "queued": report.queued}
    logger.info("postal channel reconciliation: %s", summary)
    return summary
