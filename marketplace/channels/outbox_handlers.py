"""The postal channel's outbox handler (topic ``postal.listing``): one request per batch of listing changes."""

import logging

from django.conf import settings

from marketplace.outbox.registry import Failed, Outcome, Retry, outbox_handler

from .push import (
    TOPIC,
    ChannelError,
    Planned,
    PostalChannelClient,
    plan_batch,
    push_enabled,
    record_results,
)

logger = logging.getLogger(__name__)


@outbox_handler(TOPIC, batch_size=settings.POSTAL_CHANNEL_BATCH_SIZE)
def postal_push(messages) -> dict[str, Outcome]:
    """Deliver a batch of listing changes to the channel in one request."""
    if not push_enabled():
        return {m.key: Retry(reason="POSTAL_CHANNEL_URL is not set") for m in messages}
    planned, outcomes = plan_batch(messages)
    if not planned:
        return outcomes
    client = PostalChannelClient.from_settings()
    try:
        return {**outcomes, **_send(client, planned)}
    except ChannelError as error:
        # The channel refused the request as a whole (e.g. one item it cannot parse): send each listing
        # alone, so that one bad listing is parked with the reason and the others go through.
        logger.warning("postal channel refused a batch of %d (%s); sending them one by one", len(planned), error.reason)
    for plan in planned:
        outcomes.update(_send(client, [plan]))
    return outcomes


def _send(client: PostalChannelClient, planned: list[Planned]) -> dict[str, Outcome]:
    """One request for ``planned``; a failure of the whole request raises unless it is the outcome of each."""
    try:
        results = client.batch(
            upserts=[plan.item for plan in planned if plan.item is not None],
            deletes=[plan.listing_id for plan in planned if plan.item is None],
        )
    except ChannelError as error:
        if error.refused_request and len(planned) > 1:
            raise
        logger.warning("postal channel push of %d listings failed: %s", len(planned), error.reason)
        outcome = _outcome_of(error)
        return {plan.key: outcome for plan in planned}
    return record_results(planned, results)


def _outcome_of(error: ChannelError) -> Outcome:
    if error.permanent:
        return Failed(reason=error.reason)
    return Retry(after_seconds=error.after_seconds, reason=error.reason, tried=error.sent)
