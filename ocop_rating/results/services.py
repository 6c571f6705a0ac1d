"""Results: computed by the scoring engine from the submitted sheets, finalised by the chair, decided by the signer.

* 3★/4★: the provincial decision is recorded and the certificate issued at province level.
* 5★ (average ≥ 90 and every 5★ minimum met, as scoring.compute_result decides): the province's
  decision approving the result is recorded and the dossier is proposed to the central level; the
  certificate (5★, central) is issued only when the Ministry's decision is recorded. When the central
  council scores below 90, the province recognises the star of the central score (3★/4★) with its own
  decision and certificate, or none below 50 (result_record_central_refusal).
* 1★/2★ or eliminated: a result, no certificate; the dossier ends as not recognised.
"""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_issue, certificate_reevaluation_refused
from ocop_rating.council.selectors import scoring_pending_for, user_chairs_round
from ocop_rating.council.services import member_score_of, round_transition, scorecard_transition
from ocop_rating.criteria.selectors import sheet_spec_get
from ocop_rating.dossiers.services import dossier_sheet, dossier_transition
from ocop_rating.models import (
    ConflictDeclaration,
    Dossier,
    EvaluationRound,
    Result,
    Scorecard,
)
from ocop_rating.results.events import result_computed_event, result_moved_event
from ocop_rating.results.scoring import (
    CENTRAL_LEVEL_STAR,
    CERTIFIED_STARS,
    TWO_PLACES,
    RatingPolicy,
    compute_result,
    star_band,
)
from ocop_rating.workflow.events import (
    PermissionRefused,
    TransitionRefused,
    WorkflowError,
    refusals_audited,
)
from ocop_rating.workflow.transitions import StateMachine, transition

RESULT_MACHINE = StateMachine(label=gettext_lazy("kết quả"), allowed={
    Result.Status.COMPUTED: (Result.Status.COMPUTED, Result.Status.FINALISED),
    Result.Status.FINALISED: (Result.Status.DECIDED, Result.Status.PROPOSED_CENTRAL),
    Result.Status.PROPOSED_CENTRAL: (Result.Status.DECIDED,),
})
COUNTED_SCORECARDS = (Scorecard.Status.SUBMITTED, Scorecard.Status.LOCKED)
CENTRAL_PASS_SCORE = Decimal(90)


def result_transition(*, result: Result, to_status: str, actor, note: str = "", **changes) -> Result:
    """Move a result to ``to_status`` (locked, checked against RESULT_MACHINE, one audit event)."""
    return transition(
        result, machine=RESULT_MACHINE, to_status=to_status,
        event=lambda locked, from_status: result_moved_event(locked, from_status, actor=actor, note=note),
        **changes,
    )


def _dossier_in_round(dossier: Dossier) -> Dossier:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if locked.round_id is None:
        raise TransitionRefused(_("Hồ sơ chưa được đưa vào đợt đánh giá nào."))
    return locked


def _result_store(*, dossier: Dossier, actor) -> Result:
    """Compute the dossier's result from the counted sheets and store it (status computed)."""
    round_ = EvaluationRound.objects.get(pk=dossier.round_id)
    existing = Result.objects.select_for_update().filter(dossier=dossier).first()
    if existing is not None and existing.status != Result.Status.COMPUTED:
        raise TransitionRefused(_("Kết quả đã được hội đồng chốt, không thể tính lại hay sửa."))
    if dossier.status != Dossier.Status.IN_ROUND:
        raise TransitionRefused(_("Hồ sơ không ở giai đoạn hội đồng chấm điểm."))
    conflicted = ConflictDeclaration.objects.filter(dossier=dossier, has_conflict=True).values("member_id")
    assignments = list(
        dossier.assignments.filter(round=round_).exclude(member_id__in=conflicted).select_related("member__user")
    )
    scorecards = list(
        Scorecard.objects.filter(assignment__in=assignments, status__in=COUNTED_SCORECARDS)
        .select_related("assignment__member__user").order_by("assignment__member_id")
    )
    spec = sheet_spec_get(sheet=dossier_sheet(dossier))
    policy = RatingPolicy(
        council_size=len(assignments),
        quorum=Fraction(round_.quorum_numerator, round_.quorum_denominator),
        max_spread=round_.max_spread,
        per_criterion=round_.per_criterion,
    )
    rating = compute_result(spec, [member_score_of(card) for card in scorecards], policy)
    seats = {card.assignment.member_id: card.assignment.member for card in scorecards}
    snapshot = [
        {
            "member": total.member_id,
            "name": seats[total.member_id].user.get_full_name() or seats[total.member_id].user.get_username(),
            "role": seats[total.member_id].role,
            "parts": {part: str(points) for part, points in total.parts.items()},
            "total": str(total.total),
        }
        for total in rating.member_totals
    ]
    values = {
        "round": round_, "criteria_version_id": dossier.criteria_version_id, "member_totals": snapshot,
        "council_size": len(assignments), "average": rating.average_display, "band": rating.band,
        "cap": rating.cap, "star": rating.star, "spread": rating.spread, "eliminated": rating.eliminated,
        "eliminated_leaf": rating.knockout_leaf or "", "can_finalise": rating.can_finalise,
        "reasons": list(rating.reasons), "proposed_to_central": rating.proposed_to_central,
        "computed_at": timezone.now(),
    }
    if existing is None:
        result = Result.objects.create(dossier=dossier, **values)
        result_computed_event(result=result, actor=actor,
                              note=_result_note(counted=len(scorecards), council_size=len(assignments)))
        return result
    return result_transition(result=existing, to_status=Result.Status.COMPUTED, actor=actor,
                             note=_result_note(counted=len(scorecards), council_size=len(assignments)), **values)


def _result_note(*, counted: int, council_size: int) -> str:
    # No figures in the audit trail: until the result is finalised they would break blind scoring
    # (with two sheets in, the average and the spread give both totals away). The result row keeps them.
    return _("đã tính kết quả từ %(counted)d/%(size)d phiếu chấm") % {"counted": counted, "size": council_size}


@refusals_audited("result_compute")
def result_compute(*, dossier: Dossier, actor) -> Result:
    """Compute (or recompute, until finalised) the council's result for ``dossier``; secretariat or chair."""
    locked = _dossier_in_round(dossier)
    is_secretariat = roles.user_has_role(actor, roles.SECRETARIAT)
    if not (is_secretariat or user_chairs_round(user=actor, round_id=locked.round_id)):
        raise PermissionRefused(_("Chỉ chủ tịch hội đồng hoặc cơ quan tham mưu được tính kết quả."))
    if not is_secretariat:
        _chair_has_scored(actor=actor, dossier=locked)
    return _result_store(dossier=locked, actor=actor)


def _chair_has_scored(*, actor, dossier: Dossier) -> None:
    """Scoring is blind for the chair too: no result before their own sheet is in (or a conflict declared)."""
    if scoring_pending_for(user=actor, dossier=dossier):
        raise TransitionRefused(_("Hãy nộp phiếu chấm của bạn cho hồ sơ này trước khi tính hoặc chốt kết quả."))


@refusals_audited("result_finalise")
def result_finalise(*, dossier: Dossier, actor) -> Result:
    """Recompute and finalise the result (the round's chair); refused with the reasons when quorum or spread fail.

    Finalising locks every sheet of the dossier; a sheet reopened for correction must be resubmitted first.
    """
    locked = _dossier_in_round(dossier)
    if not user_chairs_round(user=actor, round_id=locked.round_id):
        raise PermissionRefused(_("Chỉ chủ tịch hội đồng được chốt kết quả."))
    _chair_has_scored(actor=actor, dossier=locked)
    scorecards = list(Scorecard.objects.select_for_update().filter(assignment__dossier=locked))
    if any(card.status == Scorecard.Status.REOPENED for card in scorecards):
        raise TransitionRefused(_("Có phiếu chấm đang được mở lại để chấm lại: hãy chờ thành viên nộp lại."))
    result = _result_store(dossier=locked, actor=actor)
    if not result.can_finalise:
        raise TransitionRefused(
            _("Chưa thể chốt kết quả: %(reasons)s") % {"reasons": " ".join(result.reasons)}
        )
    for card in scorecards:
        if card.status != Scorecard.Status.LOCKED:
            scorecard_transition(scorecard=card, to_status=Scorecard.Status.LOCKED, actor=actor,
                                 note=_("hội đồng chốt kết quả"))
    result = result_transition(result=result, to_status=Result.Status.FINALISED, actor=actor,
                               finalised_at=timezone.now())
    # No figures in the dossier's history: the producer reads it, and sees the result only once decided.
    dossier_transition(dossier=locked, to_status=Dossier.Status.FINALISED, actor=actor,
                       note=_("hội đồng đã chốt kết quả"))
    return result


def _decision_checked(decision_number: str, decision_date: datetime.date | None) -> str:
    decision_number = (decision_number or "").strip()
    if not decision_number or decision_date is None:
        raise WorkflowError(_("Hãy nhập số và ngày của quyết định công nhận."))
    return decision_number


def _locked_for_decision(*, dossier: Dossier, actor, expected: str, refusal: str) -> tuple[Dossier, Result]:
    """Lock the dossier and its result for the decision signer's step; refuse another role or another status."""
    if not roles.user_has_role(actor, roles.DECISION_SIGNER):
        raise PermissionRefused(_("Chỉ người ký quyết định được ghi nhận quyết định công nhận."))
    locked = Dossier.objects.select_for_update().select_related("product").get(pk=dossier.pk)
    result = Result.objects.select_for_update().select_related("criteria_version").filter(dossier=locked).first()
    if result is None or result.status != expected:
        raise TransitionRefused(refusal)
    return locked, result


def _recognise(*, locked: Dossier, result: Result, actor, stars: int, level: str, score_total: Decimal,
               decision_number: str, decision_date: datetime.date, issued_on: datetime.date | None,
               note: str, result_fields: dict) -> Result:
    """Issue the certificate, decide the result with it (and ``result_fields``) and recognise the dossier."""
    certificate = certificate_issue(
        product=locked.product, stars=stars, decision_number=decision_number, decision_date=decision_date,
        issuing_level=level, criteria_version=result.criteria_version, score_total=score_total,
        issued_on=issued_on or decision_date, actor=actor,
    )
    result = result_transition(result=result, to_status=Result.Status.DECIDED, actor=actor, note=note,
                               certificate=certificate, **result_fields)
    dossier_transition(dossier=locked, to_status=Dossier.Status.RECOGNISED, actor=actor, note=decision_number)
    return result


def _not_recognise(*, locked: Dossier, result: Result, actor, result_note: str, dossier_note: str,
                   **result_changes) -> Result:
    """Decide the result without a certificate and close the dossier as not recognised (one event each)."""
    result = result_transition(result=result, to_status=Result.Status.DECIDED, actor=actor, note=result_note,
                               **result_changes)
    dossier_transition(dossier=locked, to_status=Dossier.Status.NOT_RECOGNISED, actor=actor, note=dossier_note)
    return result


@refusals_audited("result_record_decision")
def result_record_decision(*, dossier: Dossier, actor, decision_number: str = "",
                           decision_date: datetime.date | None = None,
                           issued_on: datetime.date | None = None) -> Result:
    """Record the provincial decision on a finalised result (decision signer).

    3★/4★ → certificate at province level; 5★ → proposed to the central level (no certificate yet);
    1★/2★ or eliminated → no certificate (the decision number is optional).
    """
    locked, result = _locked_for_decision(
        dossier=dossier, actor=actor, expected=Result.Status.FINALISED,
        refusal=_("Kết quả chưa được hội đồng chốt hoặc đã có quyết định."),
    )
    star = result.star
    if star not in CERTIFIED_STARS:
        decision_number = (decision_number or "").strip()
        result = _not_recognise(locked=locked, result=result, actor=actor, result_note=decision_number,
                                dossier_note=_("không đủ điều kiện công nhận"),
                                decision_number=decision_number, decision_date=decision_date)
        if locked.kind == Dossier.Kind.RE_EVALUATION and locked.previous_certificate_id:
            certificate_reevaluation_refused(certificate=locked.previous_certificate, today=timezone.localdate(),
                                             actor=actor)
        return result
    decision_number = _decision_checked(decision_number, decision_date)
    if star == CENTRAL_LEVEL_STAR:
        result = result_transition(result=result, to_status=Result.Status.PROPOSED_CENTRAL, actor=actor,
                                   note=decision_number, decision_number=decision_number,
                                   decision_date=decision_date)
        dossier_transition(dossier=locked, to_status=Dossier.Status.PROPOSED_CENTRAL, actor=actor,
                           note=decision_number)
        return result
    return _recognise(locked=locked, result=result, actor=actor, stars=star,
                      level=Certificate.IssuingLevel.PROVINCE, score_total=result.average,
                      decision_number=decision_number, decision_date=decision_date, issued_on=issued_on,
                      note=decision_number,
                      result_fields={"decision_number": decision_number, "decision_date": decision_date})


@refusals_audited("result_record_central_decision")
def result_record_central_decision(*, dossier: Dossier, decision_number: str, decision_date: datetime.date,
                                   actor, issued_on: datetime.date | None = None) -> Result:
    """Record the Ministry's 5★ decision on a result proposed to the central level; issues the central certificate."""
    locked, result = _locked_for_decision(
        dossier=dossier, actor=actor, expected=Result.Status.PROPOSED_CENTRAL,
        refusal=_("Kết quả này chưa được đề nghị trung ương công nhận."),
    )
    decision_number = _decision_checked(decision_number, decision_date)
    return _recognise(locked=locked, result=result, actor=actor, stars=CENTRAL_LEVEL_STAR,
                      level=Certificate.IssuingLevel.CENTRAL, score_total=result.average,
                      decision_number=decision_number, decision_date=decision_date, issued_on=issued_on,
                      note=decision_number, result_fields={
                          "central_decision_number": decision_number, "central_decision_date": decision_date})


@refusals_audited("result_record_central_refusal")
def result_record_central_refusal(*, dossier: Dossier, central_score, decision_number: str = "",
                                  decision_date: datetime.date | None = None, actor,
                                  issued_on: datetime.date | None = None) -> Result:
    """Record that the central council scored a proposed product below 90, and the province's decision on it.

    Decision 26/2026 Art. 7: the provincial chairman may then recognise 3★ or 4★ on the central result.
    The star is the central score's band (70 → 4★, 50 → 3★) and the certificate is provincial; below 50
    the product is not recognised (the decision number is then optional).
    """
    locked, result = _locked_for_decision(
        dossier=dossier, actor=actor, expected=Result.Status.PROPOSED_CENTRAL,
        refusal=_("Kết quả này chưa được đề nghị trung ương công nhận."),
    )
    try:
        central_score = Decimal(str(central_score)).quantize(TWO_PLACES)
    except (InvalidOperation, ValueError):
        central_score = None
    if central_score is None or not (0 <= central_score < CENTRAL_PASS_SCORE):
        raise WorkflowError(_("Điểm của hội đồng trung ương phải từ 0 đến dưới 90."))
    star = star_band(central_score)
    if star not in CERTIFIED_STARS:
        return _not_recognise(
            locked=locked, result=result, actor=actor,
            result_note=_("trung ương chấm %(score)s điểm: không công nhận") % {"score": central_score},
            dossier_note=_("trung ương chấm dưới 50 điểm"),
            central_score=central_score, decision_number=(decision_number or "").strip(),
            decision_date=decision_date,
        )
    decision_number = _decision_checked(decision_number, decision_date)
    return _recognise(
        locked=locked, result=result, actor=actor, stars=star, level=Certificate.IssuingLevel.PROVINCE,
        score_total=central_score, decision_number=decision_number, decision_date=decision_date,
        issued_on=issued_on,
        note=_("trung ương chấm %(score)s điểm; tỉnh công nhận %(star)s sao theo quyết định %(number)s")
        % {"score": central_score, "star": star, "number": decision_number},
        result_fields={"central_score": central_score, "decision_number": decision_number,
                       "decision_date": decision_date},
    )


@refusals_audited("round_finalise")
def round_finalise(*, evaluation_round: EvaluationRound, actor) -> EvaluationRound:
    """Close the round (its chair) once every dossier in it has a finalised result."""
    if not user_chairs_round(user=actor, round_id=evaluation_round.pk):
        raise PermissionRefused(_("Chỉ chủ tịch hội đồng được kết thúc đợt đánh giá."))
    pending = Dossier.objects.filter(round=evaluation_round, status=Dossier.Status.IN_ROUND).count()
    if pending:
        raise TransitionRefused(
            _("Còn %(count)d hồ sơ chưa được chốt kết quả.") % {"count": pending}
        )
    return round_transition(evaluation_round=evaluation_round, to_status=EvaluationRound.Status.FINALISED, actor=actor)
