"""The postal channel's outbox handler (topic ``postal.listing``): one request per batch of listing changes."""

import logging

from django.conf import settings

from marketplace.outbox.registry import Failed, Outcome, Retry, outbox_handler

from .push import TOPIC, ChannelError, PostalChannelClient, plan_batch, push_enabled, record_results

logger = logging.getLogger(__name__)


@outbox_handler(TOPIC, batch_size=settings.POSTAL_CHANNEL_BATCH_SIZE)
def postal_push(messages) -> dict[str, Outcome]:
    """Deliver a batch of listing changes to the channel in one request."""
    if not push_enabled():
        return {m.key: Retry(reason="POSTAL_CHANNEL_URL is not set") for m in messages}
    planned, outcomes = plan_batch(messages)
    if not planned:
        return outcomes
    try:
        results = PostalChannelClient.from_settings().batch(
            upserts=[plan.item for plan in planned if plan.item is not None],
            deletes=[plan.listing_id for plan in planned if plan.item is None],
        )
    except ChannelError as error:
        logger.warning("postal channel push of %d listings failed: %s", len(planned), error.reason)
        outcome = Failed(reason=error.reason) if error.permanent else Retry(
            after_seconds=error.after_seconds, reason=error.reason, tried=error.sent)
        return {**outcomes, **{plan.key: outcome for plan in planned}}
    return {**outcomes, **record_results(planned, results)}
