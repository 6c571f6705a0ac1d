"""Reads of the dossier screens: which dossier a user may open, and what its pages show.

Convention for pages of one object (the whole rating app): a selector answers ``<entity>_..._or_none``
with None when the object does not exist *or* the user may not see it, and the view raises Http404,
so a dossier's existence does not leak. Selectors never raise Http404 themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from ocop_rating import roles
from ocop_rating.council.selectors import (
    REVEALED_RESULT_STATUSES,
    dossiers_pending_for_commune,
    dossiers_visible_to,
    user_chairs_round,
)
from ocop_rating.dossiers.services import dossier_sheet
from ocop_rating.models import (
    CommuneAssessment,
    Criterion,
    Dossier,
    DossierEvent,
    EvidenceFile,
    Part,
    Result,
    SelfAssessment,
    Sheet,
)

# What every page of one dossier shows of it (title, producer, set and group, criteria version).
DOSSIER_PAGE_RELATED = ("product", "producer", "product_set__group", "criteria_version")
# The commune officer's own steps that count as "handled" on their queue page.
HANDLED_STATUSES = (Dossier.Status.FORWARDED, Dossier.Status.RETURNED)


def _one_or_none(queryset: QuerySet, **lookups):
    try:
        return queryset.get(**lookups)
    except queryset.model.DoesNotExist:
        return None


# --- one dossier, if the user may open it ------------------------------------------------------------


def dossier_visible_to_or_none(*, user, dossier_id: int) -> Dossier | None:
    """Return the dossier if ``user`` may read it (council.selectors.dossiers_visible_to), else None."""
    return _one_or_none(dossiers_visible_to(user=user).select_related(*DOSSIER_PAGE_RELATED), pk=dossier_id)


def dossier_of_producer_staff_or_none(*, user, dossier_id: int) -> Dossier | None:
    """Return a dossier of a producer ``user`` works for (any status) if they hold the producer role, else None."""
    if not roles.user_has_role(user, roles.PRODUCER):
        return None
    return _one_or_none(
        Dossier.objects.select_related(*DOSSIER_PAGE_RELATED).distinct(),
        pk=dossier_id, producer__partner__users=user,
    )


def dossier_for_commune_check_or_none(*, user, dossier_id: int) -> Dossier | None:
    """Return the dossier if ``user`` may read it and is a commune officer of its commune, else None."""
    dossier = dossier_visible_to_or_none(user=user, dossier_id=dossier_id)
    if dossier is None or not roles.user_is_commune_officer_of(user, dossier.ward_code):
        return None
    return dossier


def dossier_evidence_file_or_none(*, dossier: Dossier, file_id: int) -> EvidenceFile | None:
    """Return the evidence file ``file_id`` if it belongs to ``dossier``, else None."""
    return _one_or_none(EvidenceFile.objects.all(), pk=file_id, dossier=dossier)


# --- lists -----------------------------------------------------------------------------------------------


def dossiers_of_producer_staff(*, user) -> list[Dossier]:
    """Return every dossier of the producers ``user`` works for, newest first."""
    return list(
        Dossier.objects.filter(producer__partner__users=user)
        .select_related("product", "product_set").order_by("-created_at", "-pk").distinct()
    )


def dossiers_open_of_producer_staff(*, user) -> list[Dossier]:
    """Return the dossiers of the producers ``user`` works for that are not closed yet, newest first."""
    return list(
        Dossier.objects.filter(producer__partner__users=user).exclude(status__in=Dossier.CLOSED_STATUSES)
        .select_related("product").order_by("-created_at", "-pk").distinct()
    )


def commune_queue_dossiers(*, user) -> list[Dossier]:
    """Return the submitted dossiers of the communes ``user`` checks, nearest deadline first."""
    return list(dossiers_pending_for_commune(user=user).select_related("product", "producer", "product_set"))


def dossier_events_handled_by(*, user, limit: int) -> list[DossierEvent]:
    """Return the last ``limit`` forwards and returns ``user`` made, in communes they still cover, newest first.

    The dossiers of communes no longer theirs are left out: those are no longer theirs to open.
    """
    return list(
        DossierEvent.objects.filter(actor=user, to_status__in=HANDLED_STATUSES,
                                    dossier__ward_code__in=user.ocop_communes.values("ward_code"))
        .select_related("dossier__product").order_by("-at", "-pk")[:limit]
    )


@dataclass(frozen=True)
class CommuneWaiting:
    """How many dossiers wait for a commune officer, and the one with the nearest deadline."""

    count: int
    nearest: Dossier | None


def commune_waiting_summary(*, user) -> CommuneWaiting:
    """Return how many dossiers wait for ``user``'s communes and the nearest one (two queries)."""
    pending = dossiers_pending_for_commune(user=user)
    return CommuneWaiting(count=pending.count(), nearest=pending.first())


# --- a dossier's sheet, self-assessment and summary -------------------------------------------------------


def sheet_leaves(*, sheet: Sheet) -> list[Criterion]:
    """Return the sheet's leaf criteria in sheet order, with their parent and options (two queries)."""
    return list(
        Criterion.objects.filter(sheet=sheet, is_leaf=True).select_related("parent")
        .prefetch_related("options").order_by("position")
    )


def sheet_parts(*, sheet: Sheet) -> list[Part]:
    """Return the sheet's parts (A, B, C) in order."""
    return list(Part.objects.filter(sheet=sheet).order_by("code"))


def self_assessments_by_criterion(*, dossier: Dossier) -> dict[int, SelfAssessment]:
    """Return the producer's own scores on ``dossier``, keyed by criterion id, with their options."""
    return {
        row.criterion_id: row
        for row in SelfAssessment.objects.filter(dossier=dossier).select_related("option")
    }


def dossier_evidence_files(*, dossier: Dossier) -> list[EvidenceFile]:
    """Return the dossier's evidence files in upload order."""
    return list(EvidenceFile.objects.filter(dossier=dossier).order_by("uploaded_at", "pk"))


def dossier_result_visible_to_or_none(*, dossier: Dossier, user) -> Result | None:
    """Return the council's result on ``dossier`` if ``user`` may see it, else None.

    Once decided, everyone who sees the dossier; once finalised (or proposed to the central level), the
    secretariat, the decision signer and the round's chair; before that, no one.
    """
    result = Result.objects.filter(dossier=dossier).select_related("certificate").first()
    if result is None or result.status not in REVEALED_RESULT_STATUSES:
        return None
    if result.status == Result.Status.DECIDED:
        return result
    if roles.user_has_role(user, roles.SECRETARIAT, roles.DECISION_SIGNER):
        return result
    if user_chairs_round(user=user, round_id=result.round_id):
        return result
    return None


@dataclass(frozen=True)
class DossierSummaryData:
    """What the read-only summary of a dossier shows, as read from the database."""

    sheet: Sheet
    leaves: list[Criterion]
    parts: list[Part]
    assessments: dict[int, SelfAssessment]
    evidence: list[EvidenceFile]
    commune_assessments: list[CommuneAssessment]
    events: list[DossierEvent]
    result: Result | None


def dossier_summary_data(*, dossier: Dossier, viewer) -> DossierSummaryData:
    """Return everything the dossier's summary shows to ``viewer`` (the result only if they may see it)."""
    sheet = dossier_sheet(dossier)
    return DossierSummaryData(
        sheet=sheet,
        leaves=sheet_leaves(sheet=sheet),
        parts=sheet_parts(sheet=sheet),
        assessments=self_assessments_by_criterion(dossier=dossier),
        evidence=dossier_evidence_files(dossier=dossier),
        commune_assessments=list(
            CommuneAssessment.objects.filter(dossier=dossier).select_related("officer").order_by("-created_at")
        ),
        events=list(DossierEvent.objects.filter(dossier=dossier).select_related("actor").order_by("at", "pk")),
        result=dossier_result_visible_to_or_none(dossier=dossier, user=viewer),
    )
