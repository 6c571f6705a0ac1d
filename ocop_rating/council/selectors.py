"""Reads of the rating workflow that depend on who is asking (blind scoring, assignments)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet

from ocop_rating import roles
from ocop_rating.models import (
    Assignment,
    ConflictDeclaration,
    CouncilMember,
    Dossier,
    EvaluationRound,
    Result,
    Scorecard,
    ScoreEntry,
)

REVEALED_RESULT_STATUSES = (Result.Status.FINALISED, Result.Status.PROPOSED_CENTRAL, Result.Status.DECIDED)
SUBMITTED_SCORECARDS = (Scorecard.Status.SUBMITTED, Scorecard.Status.LOCKED)


def _chair_seats(user) -> QuerySet[CouncilMember]:
    """The chair's seats of an active, signed-in ``user`` who holds the council-chair role group."""
    return CouncilMember.objects.filter(
        user=user, role=CouncilMember.Role.CHAIR, user__groups__name=roles.COUNCIL_CHAIR,
    )


def _may_chair(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def user_chairs_round(*, user, round_id: int | None) -> bool:
    """Return True when ``user`` chairs round ``round_id``: the chair's seat and the council-chair role (one query).

    This is the one place "is this user the round's chair?" is written. Anonymous and inactive users and
    a missing round get False without a query; a chair's seat without the role group (the role was taken
    away) is not chairing.
    """
    if not round_id or not _may_chair(user):
        return False
    return _chair_seats(user).filter(round_id=round_id).exists()


def rounds_chaired_by(*, user) -> QuerySet[EvaluationRound]:
    """Return the rounds ``user`` chairs, under the rule of user_chairs_round (none for anonymous users).

    A subquery on the seats, not a join, so counts annotated on the rounds (their council) stay whole.
    """
    if not _may_chair(user):
        return EvaluationRound.objects.none()
    return EvaluationRound.objects.filter(pk__in=_chair_seats(user).values("round_id"))


def scorecards_visible_to(
    *, user, dossier: Dossier | None = None, evaluation_round: EvaluationRound | None = None,
) -> QuerySet[Scorecard]:
    """Return the scorecards ``user`` may read (of one dossier or one round when given); scoring is blind.

    This is the one place the blind rule is written: every output that carries a sheet's figures (portal
    pages, minutes PDF and XLSX, admin) takes its scorecards from here.

    * A member assigned to a dossier always sees their own sheet of its current round, and other
      members' submitted sheets only once their own is submitted (a reopened sheet hides the others again).
    * The round's chair (as chair), the secretariat and the decision signer see every sheet of a dossier
      only once its result is finalised; before that the chair is an ordinary member for their own sheet.
    * Everyone else sees nothing.
    """
    cards = Scorecard.objects.select_related("assignment__member__user").order_by(
        "assignment__dossier_id", "assignment__member_id",
    )
    if dossier is not None:
        cards = cards.filter(assignment__dossier=dossier)
    if evaluation_round is not None:
        cards = cards.filter(assignment__round=evaluation_round)
    if not getattr(user, "is_authenticated", False):
        return cards.none()
    held = roles.user_roles(user)
    revealed = Q(assignment__dossier__result__status__in=REVEALED_RESULT_STATUSES)
    current_round = Q(assignment__round_id=F("assignment__dossier__round_id"))
    visible = Q(assignment__member__user=user) & current_round
    own_submitted = Scorecard.objects.filter(
        current_round, assignment__member__user=user, status__in=SUBMITTED_SCORECARDS,
    ).values("assignment__dossier_id")
    visible |= Q(status__in=SUBMITTED_SCORECARDS, assignment__dossier_id__in=own_submitted)
    if held & {roles.SECRETARIAT, roles.DECISION_SIGNER}:
        visible |= revealed
    elif roles.COUNCIL_CHAIR in held:
        visible |= revealed & Q(assignment__dossier__round__in=rounds_chaired_by(user=user))
    return cards.filter(visible)


def assignments_for_member(*, user) -> QuerySet[Assignment]:
    """The dossiers a council member has to score (a member sees only the dossiers assigned to them)."""
    return Assignment.objects.filter(member__user=user).select_related("dossier", "round").order_by(
        "round__opens_on", "dossier_id",
    )


def dossiers_pending_for_commune(*, user) -> QuerySet[Dossier]:
    """Submitted dossiers of the communes ``user`` checks, nearest deadline first."""
    return Dossier.objects.filter(
        status=Dossier.Status.SUBMITTED, ward_code__in=user.ocop_communes.values("ward_code"),
    ).order_by("commune_deadline", "pk")


def dossiers_visible_to(*, user) -> QuerySet[Dossier]:
    """Every dossier ``user`` may open (read-only), whatever the step; none for users without a rating role.

    * a producer's staff: their producer's dossiers, drafts included;
    * a commune officer: submitted dossiers of the communes they check (not drafts);
    * the secretariat: every dossier past draft; the decision signer: every dossier the council finalised;
    * a council member or chair: the dossiers assigned to them; the chair of a round: every dossier in it.
    """
    held = roles.user_roles(user)
    if not held:
        return Dossier.objects.none()
    visible = Q(pk__in=[])
    if roles.PRODUCER in held:
        visible |= Q(producer__partner__users=user)
    if roles.COMMUNE_OFFICER in held:
        visible |= Q(ward_code__in=user.ocop_communes.values("ward_code")) & ~Q(status=Dossier.Status.DRAFT)
    if roles.SECRETARIAT in held:
        visible |= ~Q(status=Dossier.Status.DRAFT)
    if roles.DECISION_SIGNER in held:
        visible |= Q(status__in=DECIDED_DOSSIER_STATUSES)
    if held & {roles.COUNCIL_MEMBER, roles.COUNCIL_CHAIR}:
        visible |= Q(pk__in=Assignment.objects.filter(member__user=user).values("dossier_id"))
        visible |= Q(round__in=rounds_chaired_by(user=user))
    return Dossier.objects.filter(visible).distinct()


DECIDED_DOSSIER_STATUSES = (
    Dossier.Status.FINALISED, Dossier.Status.PROPOSED_CENTRAL, Dossier.Status.RECOGNISED,
    Dossier.Status.NOT_RECOGNISED,
)


def scoring_pending_for(*, user, dossier: Dossier) -> bool:
    """Return True while ``user`` still has to score ``dossier``: assigned, no conflict, sheet not submitted.

    Until then the user sees no computed figure of the dossier (average, spread, star, reasons): with
    two sheets in, the average and the spread give away both members' totals.
    """
    assignment = (
        Assignment.objects.filter(dossier=dossier, round_id=dossier.round_id, member__user=user)
        .select_related("scorecard", "member").first()
        if dossier.round_id and getattr(user, "is_authenticated", False) else None
    )
    if assignment is None:
        return False
    if ConflictDeclaration.objects.filter(member=assignment.member, dossier=dossier, has_conflict=True).exists():
        return False
    scorecard = getattr(assignment, "scorecard", None)
    return scorecard is None or scorecard.status not in SUBMITTED_SCORECARDS


# --- the rounds screens ------------------------------------------------------------------------------


def _with_counts(rounds: QuerySet[EvaluationRound]) -> QuerySet[EvaluationRound]:
    """Annotate each round with its dossiers, its scoring seats and the dossiers still in scoring."""
    return rounds.annotate(
        dossier_count=Count("dossiers", distinct=True),
        council_size=Count("council", filter=Q(council__role__in=CouncilMember.SCORING_ROLES), distinct=True),
        awaiting_count=Count("dossiers", filter=Q(dossiers__status=Dossier.Status.IN_ROUND), distinct=True),
    )


def rounds_listed_for(*, user, unfinished_only: bool = False) -> list[EvaluationRound] | None:
    """Return the rounds ``user`` runs, with their counts, newest first; None when the rounds are not theirs.

    Every round for the secretariat, the rounds they chair for a council chair (user_chairs_round's rule);
    ``unfinished_only`` leaves out finalised rounds (the portal's home).
    """
    held = roles.user_roles(user)
    if roles.SECRETARIAT in held:
        rounds = EvaluationRound.objects.all()
    elif roles.COUNCIL_CHAIR in held:
        rounds = rounds_chaired_by(user=user)
    else:
        return None
    if unfinished_only:
        rounds = rounds.exclude(status=EvaluationRound.Status.FINALISED)
    return list(_with_counts(rounds).order_by("-opens_on", "-pk"))


def round_or_none(*, round_id: int) -> EvaluationRound | None:
    """Return the round with primary key ``round_id``, or None (who may open it is the view's check)."""
    return EvaluationRound.objects.filter(pk=round_id).first()


def round_seats(*, evaluation_round: EvaluationRound) -> list[CouncilMember]:
    """Return the round's council seats (chair, members, secretary) with their users, in seating order."""
    return list(evaluation_round.council.select_related("user"))


@dataclass(frozen=True)
class RoundProgress:
    """What the round's blind progress table is made of: statuses and declarations, never points."""

    dossiers: list[Dossier]
    assignments: dict[tuple[int, int], Assignment]  # (dossier id, seat id) → assignment, with its scorecard
    conflicts: dict[tuple[int, int], ConflictDeclaration]  # (dossier id, seat id) → declaration


def round_progress(*, evaluation_round: EvaluationRound) -> RoundProgress:
    """Return the round's dossiers (with product and result), assignments and declarations (three queries)."""
    return RoundProgress(
        dossiers=list(
            Dossier.objects.filter(round=evaluation_round).select_related("product", "result").order_by("pk")
        ),
        assignments={
            (a.dossier_id, a.member_id): a
            for a in Assignment.objects.filter(round=evaluation_round).select_related("scorecard")
        },
        conflicts={
            (c.dossier_id, c.member_id): c
            for c in ConflictDeclaration.objects.filter(member__round=evaluation_round)
        },
    )


def dossier_of_round_or_none(*, evaluation_round: EvaluationRound, dossier_id: int) -> Dossier | None:
    """Return the round's dossier ``dossier_id`` with its product and set, or None if it is not in the round."""
    return Dossier.objects.select_related("product", "product_set").filter(
        pk=dossier_id, round=evaluation_round,
    ).first()


def scorecard_of_round_or_none(*, evaluation_round: EvaluationRound, scorecard_id: int) -> Scorecard | None:
    """Return the round's scorecard ``scorecard_id`` with its member and dossier, or None."""
    return Scorecard.objects.select_related("assignment__member__user", "assignment__dossier").filter(
        pk=scorecard_id, assignment__round=evaluation_round,
    ).first()


def dossier_sheets_in_round(
    *, evaluation_round: EvaluationRound, dossier: Dossier,
) -> tuple[list[Assignment], dict[int, ConflictDeclaration]]:
    """Return the dossier's assignments in the round (chair first, with member, user and scorecard) and the
    members' conflict declarations on it, keyed by seat id."""
    assignments = list(
        Assignment.objects.filter(dossier=dossier, round=evaluation_round)
        .select_related("member__user", "scorecard").order_by("member__role", "member_id")
    )
    conflicts = {c.member_id: c for c in ConflictDeclaration.objects.filter(dossier=dossier)}
    return assignments, conflicts


# --- a member's scoring screen ---------------------------------------------------------------------------


def own_assignment_or_none(*, user, assignment_id: int) -> Assignment | None:
    """Return ``user``'s own assignment ``assignment_id`` (with dossier, round and seat) if they score, else None."""
    if not roles.user_has_role(user, *roles.SCORING_ROLES):
        return None
    return Assignment.objects.select_related(
        "dossier__product", "dossier__product_set", "round", "member",
    ).filter(pk=assignment_id, member__user=user).first()


@dataclass(frozen=True)
class ScoringState:
    """Where a member stands on one assignment: their declaration, their sheet and its entries."""

    declaration: ConflictDeclaration | None
    scorecard: Scorecard | None
    entries: dict[int, ScoreEntry]  # criterion id → entry


def scoring_state(*, assignment: Assignment) -> ScoringState:
    """Return the member's conflict declaration on the dossier, their scorecard and its entries (three queries)."""
    scorecard = Scorecard.objects.filter(assignment=assignment).first()
    return ScoringState(
        declaration=ConflictDeclaration.objects.filter(
            member_id=assignment.member_id, dossier_id=assignment.dossier_id,
        ).first(),
        scorecard=scorecard,
        entries={e.criterion_id: e for e in scorecard.entries.all()} if scorecard else {},
    )


def score_entries_of(*, assignment: Assignment) -> dict[int, ScoreEntry]:
    """Return the entries saved on the assignment's sheet, keyed by criterion id."""
    return {entry.criterion_id: entry for entry in ScoreEntry.objects.filter(scorecard__assignment=assignment)}
