"""Reads of results: what awaits a decision, one result, and the minutes' round."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ocop_rating import roles
from ocop_rating.council.models import EvaluationRound
from ocop_rating.council.selectors import REVEALED_RESULT_STATUSES, user_chairs_round
from ocop_rating.dossiers.models import Dossier
from ocop_rating.results.models import Result

# Results the decision signer still has to decide on.
AWAITING_DECISION = (Result.Status.FINALISED, Result.Status.PROPOSED_CENTRAL)
# How many recorded decisions the signer's list shows.
RECENT_DECISIONS = 20
_DECISION_LIST_RELATED = ("dossier__product", "round")


def results_awaiting_decision_count() -> int:
    """Return how many results wait for the decision signer (finalised, or proposed to the Ministry)."""
    return Result.objects.filter(status__in=AWAITING_DECISION).count()


def result_of_dossier_or_none(*, dossier: Dossier) -> Result | None:
    """Return the council's result on ``dossier`` whatever its status (the caller applies the blind rule)."""
    return Result.objects.filter(dossier=dossier).first()


@dataclass(frozen=True)
class DecisionOverview:
    """The signer's list: finalised results by round, 5★ proposals at the Ministry, recent decisions."""

    awaiting_by_round: list[tuple[EvaluationRound, list[Result]]]
    proposed: list[Result]
    decided: list[Result]


def decision_overview() -> DecisionOverview:
    """Return what the decision signer's list shows (three queries)."""
    finalised = Result.objects.filter(status=Result.Status.FINALISED).select_related(
        *_DECISION_LIST_RELATED,
    ).order_by("-round__opens_on", "round_id", "dossier_id")
    return DecisionOverview(
        awaiting_by_round=[(round_, list(results)) for round_, results in groupby(finalised, key=lambda r: r.round)],
        proposed=list(
            Result.objects.filter(status=Result.Status.PROPOSED_CENTRAL).select_related(*_DECISION_LIST_RELATED)
            .order_by("decision_date", "dossier_id")
        ),
        decided=list(
            Result.objects.filter(status=Result.Status.DECIDED).select_related(*_DECISION_LIST_RELATED, "certificate")
            .order_by("-decision_date", "-pk")[:RECENT_DECISIONS]
        ),
    )


def result_for_decision_or_none(*, user, dossier_id: int) -> Result | None:
    """Return the finalised (or later) result on dossier ``dossier_id`` if ``user`` signs decisions, else None."""
    if not roles.user_has_role(user, roles.DECISION_SIGNER):
        return None
    return Result.objects.select_related("dossier__product", "round", "certificate").filter(
        dossier_id=dossier_id, status__in=REVEALED_RESULT_STATUSES,
    ).first()


def round_for_minutes_or_none(*, user, round_id: int) -> EvaluationRound | None:
    """Return the round if ``user`` may read its minutes (its chair, the secretariat, the signer), else None."""
    evaluation_round = EvaluationRound.objects.filter(pk=round_id).first()
    if evaluation_round is None:
        return None
    if user_chairs_round(user=user, round_id=evaluation_round.pk) or roles.user_has_role(
        user, roles.SECRETARIAT, roles.DECISION_SIGNER,
    ):
        return evaluation_round
    return None
