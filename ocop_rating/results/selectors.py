"""Reads of results."""

from ocop_rating.results.models import Result

# Results the decision signer still has to decide on.
AWAITING_DECISION = (Result.Status.FINALISED, Result.Status.PROPOSED_CENTRAL)
