"""Writes of the rating workflow: criteria versions, dossiers, rounds and scoring, results.

Each step lives in its own module and is re-exported here, so callers import from one place.
"""

from .criteria_loader import CriteriaFileError, criteria_version_load
from .dossiers import (
    CommuneCheck,
    dossier_commune_forward,
    dossier_commune_return,
    dossier_create,
    dossier_registration_set,
    dossier_self_assessment_set,
    dossier_submit,
    evidence_file_add,
    evidence_file_remove,
    evidence_file_validate,
    working_days_add,
)
from .events import PermissionRefused, TransitionRefused, WorkflowError
from .results import (
    result_compute,
    result_finalise,
    result_record_central_decision,
    result_record_central_refusal,
    result_record_decision,
    round_finalise,
)
from .rounds import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
    scorecard_reopen,
    scorecard_save_entry,
    scorecard_submit,
)

__all__ = [
    "CommuneCheck",
    "CriteriaFileError",
    "PermissionRefused",
    "TransitionRefused",
    "WorkflowError",
    "conflict_declare",
    "council_member_add",
    "criteria_version_load",
    "dossier_assign",
    "dossier_commune_forward",
    "dossier_commune_return",
    "dossier_create",
    "dossier_registration_set",
    "dossier_self_assessment_set",
    "dossier_submit",
    "evidence_file_add",
    "evidence_file_remove",
    "evidence_file_validate",
    "result_compute",
    "result_finalise",
    "result_record_central_decision",
    "result_record_central_refusal",
    "result_record_decision",
    "round_finalise",
    "round_open",
    "round_scoring_start",
    "scorecard_reopen",
    "scorecard_save_entry",
    "scorecard_submit",
    "working_days_add",
]
