"""The audit trail of results: computed, finalised, decided. The only writer of those rows.

Notes carry how many sheets counted, never averages or stars before the round ends (scoring is blind).
"""

from __future__ import annotations

from ocop_rating.results.models import Result
from ocop_rating.workflow.events import audit_event_write


def result_computed_event(*, result: Result, actor, note: str):
    return audit_event_write(
        action="result_compute", actor=actor, target=f"result:{result.pk}", dossier=result.dossier,
        evaluation_round=result.round, to_status=result.status, note=note,
    )


def result_moved_event(result: Result, from_status: str, *, actor, note: str = ""):
    """A status change (``workflow.transitions.transition`` calls this with the locked row)."""
    return audit_event_write(
        action="result_transition", actor=actor, target=f"result:{result.pk}", dossier=result.dossier,
        evaluation_round=result.round, from_status=from_status, to_status=result.status, note=note,
    )
