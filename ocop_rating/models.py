"""Every model of the ocop_rating app, for Django's registry: each is defined in its sub-domain's package."""

from ocop_rating.certificates.models import CertificateSequence
from ocop_rating.council.models import (
    Assignment,
    ConflictDeclaration,
    CouncilMember,
    EvaluationRound,
    ProvincePolicy,
    Scorecard,
    ScoreEntry,
)
from ocop_rating.criteria.models import (
    STAR_MARKER_LEVELS,
    CriteriaVersion,
    Criterion,
    Option,
    Part,
    Sheet,
)
from ocop_rating.dossiers.models import (
    MAX_EVIDENCE_BYTES,
    CommuneAssessment,
    CommuneOfficer,
    Dossier,
    DossierEvent,
    EvidenceFile,
    SelfAssessment,
    private_storage,
)
from ocop_rating.results.models import Result
from ocop_rating.workflow.models import AuditEvent

__all__ = [
    "MAX_EVIDENCE_BYTES", "STAR_MARKER_LEVELS", "Assignment", "AuditEvent", "CertificateSequence",
    "CommuneAssessment", "CommuneOfficer", "ConflictDeclaration", "CouncilMember", "CriteriaVersion", "Criterion",
    "Dossier", "DossierEvent", "EvaluationRound", "EvidenceFile", "Option", "Part", "ProvincePolicy", "Result",
    "ScoreEntry", "Scorecard", "SelfAssessment", "Sheet", "private_storage",
]
