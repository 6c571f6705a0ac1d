"""The dossier's history: its timeline (``DossierEvent``, what the producer and the commune see) for every
status change, and the audit trail for every successful edit. The only writer of those rows for dossiers.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ocop_rating.dossiers.models import Dossier, DossierEvent, EvidenceFile
from ocop_rating.workflow.events import audit_event_write, user_or_none


def dossier_created_event(*, dossier: Dossier, actor) -> DossierEvent:
    return DossierEvent.objects.create(
        dossier=dossier, actor=user_or_none(actor), from_status="", to_status=dossier.status, note=_("tạo hồ sơ"),
    )


def dossier_moved_event(dossier: Dossier, from_status: str, *, actor, note: str = "") -> DossierEvent:
    """A status change (``workflow.transitions.transition`` calls this with the locked row)."""
    return DossierEvent.objects.create(
        dossier=dossier, actor=user_or_none(actor), from_status=from_status, to_status=dossier.status, note=note,
    )


def dossier_registration_edited_event(*, dossier: Dossier, actor, fields: list[str]):
    return audit_event_write(
        action="dossier_registration_set", actor=actor, target=f"dossier:{dossier.pk}", dossier=dossier,
        note=", ".join(sorted(fields)),
    )


def dossier_self_assessment_edited_event(*, dossier: Dossier, actor, criteria: list[str]):
    return audit_event_write(
        action="dossier_self_assessment_set", actor=actor, target=f"dossier:{dossier.pk}", dossier=dossier,
        note=", ".join(criteria),
    )


def evidence_file_added_event(*, evidence: EvidenceFile, actor):
    return audit_event_write(
        action="evidence_file_add", actor=actor, target=f"evidencefile:{evidence.pk}", dossier=evidence.dossier,
        note=f"{evidence.get_kind_display()}: {evidence.original_name}",
    )


def evidence_file_removed_event(*, evidence: EvidenceFile, dossier: Dossier, actor):
    return audit_event_write(
        action="evidence_file_remove", actor=actor, target=f"evidencefile:{evidence.pk}", dossier=dossier,
        note=f"{evidence.get_kind_display()}: {evidence.original_name}",
    )
