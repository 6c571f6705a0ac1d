"""The audit trail of rounds, their council, assignments, conflicts of interest and scoring sheets.
The only writer of those rows; the services call these, views never do.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ocop_rating.council.models import Assignment, CouncilMember, EvaluationRound, Scorecard
from ocop_rating.dossiers.models import Dossier
from ocop_rating.workflow.events import audit_event_write


def round_opened_event(*, evaluation_round: EvaluationRound, actor):
    return audit_event_write(
        action="round_open", actor=actor, target=f"round:{evaluation_round.pk}", evaluation_round=evaluation_round,
        to_status=evaluation_round.status, note=evaluation_round.name,
    )


def round_moved_event(evaluation_round: EvaluationRound, from_status: str, *, actor, note: str = ""):
    """A status change (``workflow.transitions.transition`` calls this with the locked row)."""
    return audit_event_write(
        action="round_transition", actor=actor, target=f"round:{evaluation_round.pk}",
        evaluation_round=evaluation_round, from_status=from_status, to_status=evaluation_round.status, note=note,
    )


def council_member_added_event(*, seat: CouncilMember, actor):
    return audit_event_write(
        action="council_member_add", actor=actor, target=f"councilmember:{seat.pk}", evaluation_round=seat.round,
        note=f"{seat.user.get_username()} ({seat.role})",
    )


def dossier_assigned_event(*, dossier: Dossier, evaluation_round: EvaluationRound, seats: list[CouncilMember], actor):
    return audit_event_write(
        action="dossier_assign", actor=actor, target=f"dossier:{dossier.pk}", dossier=dossier,
        evaluation_round=evaluation_round, note=", ".join(seat.user.get_username() for seat in seats),
    )


def conflict_declared_event(*, assignment: Assignment, has_conflict: bool, note: str, actor):
    return audit_event_write(
        action="conflict_declare", actor=actor, target=f"dossier:{assignment.dossier_id}",
        dossier=assignment.dossier, evaluation_round=assignment.round,
        note=(_("có xung đột: %(note)s") % {"note": note}) if has_conflict else _("không có xung đột"),
    )


def scorecard_moved_event(scorecard: Scorecard, from_status: str, *, actor, note: str = ""):
    """A status change (``workflow.transitions.transition`` calls this with the locked row)."""
    return audit_event_write(
        action="scorecard_transition", actor=actor, target=f"scorecard:{scorecard.pk}",
        dossier=scorecard.assignment.dossier, evaluation_round=scorecard.assignment.round,
        from_status=from_status, to_status=scorecard.status, note=note,
    )


def scorecard_entries_saved_event(*, scorecard: Scorecard, criteria: list[str], actor):
    """The member saved points on some leaves of their sheet (the codes only: scoring is blind)."""
    return audit_event_write(
        action="scorecard_save_entry", actor=actor, target=f"scorecard:{scorecard.pk}",
        dossier=scorecard.assignment.dossier, evaluation_round=scorecard.assignment.round, note=", ".join(criteria),
    )
