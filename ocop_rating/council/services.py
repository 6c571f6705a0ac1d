"""Evaluation rounds, councils, assignments, conflicts of interest and the members' scorecards.

The council for one dossier is the members assigned to it minus those who declared a conflict of
interest: quorum is measured against that number. Scorecards are blind (see
council.selectors.scorecards_visible_to) and locked once submitted; only the round's chair can
reopen one, with a note, until the result is finalised.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_rating import roles
from ocop_rating.council.events import (
    conflict_declared_event,
    council_member_added_event,
    dossier_assigned_event,
    round_moved_event,
    round_opened_event,
    scorecard_entries_saved_event,
    scorecard_moved_event,
)
from ocop_rating.council.selectors import user_chairs_round
from ocop_rating.criteria.forms import LeafChoice
from ocop_rating.criteria.selectors import sheet_spec_get
from ocop_rating.dossiers.services import dossier_sheet, dossier_transition, leaf_choice_check
from ocop_rating.models import (
    Assignment,
    ConflictDeclaration,
    CouncilMember,
    Criterion,
    Dossier,
    EvaluationRound,
    Option,
    ProvincePolicy,
    Scorecard,
    ScoreEntry,
)
from ocop_rating.results.scoring import MemberScore, member_total
from ocop_rating.workflow.events import (
    PermissionRefused,
    TransitionRefused,
    WorkflowError,
    refusals_audited,
)
from ocop_rating.workflow.transitions import StateMachine, transition

ROUND_MACHINE = StateMachine(label=gettext_lazy("đợt đánh giá"), allowed={
    EvaluationRound.Status.OPEN: (EvaluationRound.Status.SCORING,),
    EvaluationRound.Status.SCORING: (EvaluationRound.Status.FINALISED,),
})

SCORECARD_MACHINE = StateMachine(label=gettext_lazy("phiếu chấm"), allowed={
    Scorecard.Status.DRAFT: (Scorecard.Status.SUBMITTED, Scorecard.Status.LOCKED),
    Scorecard.Status.SUBMITTED: (Scorecard.Status.REOPENED, Scorecard.Status.LOCKED),
    Scorecard.Status.REOPENED: (Scorecard.Status.SUBMITTED,),
})


def _require_role(actor, *wanted: str, message: str) -> None:
    if not roles.user_has_role(actor, *wanted):
        raise PermissionRefused(message)


def round_transition(*, evaluation_round: EvaluationRound, to_status: str, actor, note: str = "") -> EvaluationRound:
    """Move a round to ``to_status`` (locked, checked against ROUND_MACHINE, one audit event)."""
    return transition(
        evaluation_round, machine=ROUND_MACHINE, to_status=to_status,
        event=lambda locked, from_status: round_moved_event(locked, from_status, actor=actor, note=note),
    )


def scorecard_transition(*, scorecard: Scorecard, to_status: str, actor, note: str = "", **changes) -> Scorecard:
    """Move a scorecard to ``to_status`` (locked, checked against SCORECARD_MACHINE, one audit event)."""
    return transition(
        scorecard, machine=SCORECARD_MACHINE, to_status=to_status, select_related=("assignment",),
        event=lambda locked, from_status: scorecard_moved_event(locked, from_status, actor=actor, note=note),
        **changes,
    )


@refusals_audited("round_open")
def round_open(*, province_code: int, name: str, opens_on: datetime.date, actor) -> EvaluationRound:
    """Open a provincial evaluation round; its quorum, spread and per-criterion rule are copied from the province's policy."""
    _require_role(actor, roles.SECRETARIAT, message=_("Chỉ cơ quan tham mưu OCOP cấp tỉnh được mở đợt đánh giá."))
    name = (name or "").strip()
    if not name:
        raise WorkflowError(_("Hãy đặt tên cho đợt đánh giá."))
    policy = ProvincePolicy.objects.filter(province_code=province_code).first() or ProvincePolicy(
        province_code=province_code,
    )
    round_ = EvaluationRound.objects.create(
        province_code=province_code, name=name, opens_on=opens_on, created_by=actor,
        quorum_numerator=policy.quorum_numerator, quorum_denominator=policy.quorum_denominator,
        max_spread=policy.max_spread, per_criterion=policy.per_criterion,
    )
    round_opened_event(evaluation_round=round_, actor=actor)
    return round_


@refusals_audited("council_member_add")
def council_member_add(*, evaluation_round: EvaluationRound, user, role: str, actor) -> CouncilMember:
    """Seat ``user`` on the round's council as chair or secretary (one each per round) or member, while open.

    The secretary (thư ký hội đồng) is an officer of the provincial OCOP secretariat who keeps the
    minutes: never assigned a dossier, so never counted in a dossier's council size or quorum.
    """
    _require_role(actor, roles.SECRETARIAT, message=_("Chỉ cơ quan tham mưu OCOP cấp tỉnh được lập hội đồng."))
    locked = EvaluationRound.objects.select_for_update().get(pk=evaluation_round.pk)
    if locked.status != EvaluationRound.Status.OPEN:
        raise TransitionRefused(_("Đợt đánh giá đã bắt đầu chấm, không thể thay đổi hội đồng."))
    if role not in CouncilMember.Role.values:
        raise WorkflowError(_("Vai trò trong hội đồng không hợp lệ."))
    if role == CouncilMember.Role.CHAIR:
        if not roles.user_has_role(user, roles.COUNCIL_CHAIR):
            raise WorkflowError(_("Người này chưa được cấp vai trò chủ tịch hội đồng."))
        if locked.council.filter(role=CouncilMember.Role.CHAIR).exists():
            raise WorkflowError(_("Hội đồng đã có chủ tịch."))
    elif role == CouncilMember.Role.SECRETARY:
        if not roles.user_has_role(user, roles.SECRETARIAT):
            raise WorkflowError(_("Thư ký hội đồng phải là cán bộ của cơ quan tham mưu OCOP cấp tỉnh."))
        if locked.council.filter(role=CouncilMember.Role.SECRETARY).exists():
            raise WorkflowError(_("Hội đồng đã có thư ký; mỗi đợt đánh giá chỉ có một thư ký hội đồng."))
    elif not roles.user_has_role(user, roles.COUNCIL_MEMBER, roles.COUNCIL_CHAIR):
        raise WorkflowError(_("Người này chưa được cấp vai trò thành viên hội đồng."))
    if locked.council.filter(user=user).exists():
        raise WorkflowError(_("Người này đã có trong hội đồng."))
    seat = CouncilMember.objects.create(round=locked, user=user, role=role)
    council_member_added_event(seat=seat, actor=actor)
    return seat


@refusals_audited("dossier_assign")
def dossier_assign(*, evaluation_round: EvaluationRound, dossier: Dossier, actor,
                   members: list[CouncilMember] | None = None) -> list[Assignment]:
    """Put a forwarded dossier of the round's province into the round, assigned to ``members``.

    By default every seat that scores (chair and members); the secretary cannot be assigned.
    """
    _require_role(actor, roles.SECRETARIAT, message=_("Chỉ cơ quan tham mưu OCOP cấp tỉnh được phân công chấm."))
    locked_round = EvaluationRound.objects.select_for_update().get(pk=evaluation_round.pk)
    if locked_round.status == EvaluationRound.Status.FINALISED:
        raise TransitionRefused(_("Đợt đánh giá đã kết thúc."))
    if dossier.province_code != locked_round.province_code:
        raise WorkflowError(_("Hồ sơ không thuộc tỉnh của đợt đánh giá này."))
    council = list(locked_round.council.all())
    scorers = [seat for seat in council if seat.role in CouncilMember.SCORING_ROLES]
    chosen = scorers if members is None else list(members)
    if not chosen:
        raise WorkflowError(_("Hãy chọn ít nhất một thành viên hội đồng để chấm hồ sơ."))
    council_ids = {seat.pk for seat in council}
    if any(seat.pk not in council_ids for seat in chosen):
        raise WorkflowError(_("Chỉ phân công được thành viên của hội đồng đợt này."))
    scorer_ids = {seat.pk for seat in scorers}
    if any(seat.pk not in scorer_ids for seat in chosen):
        raise WorkflowError(_("Thư ký hội đồng không chấm điểm nên không được phân công chấm hồ sơ."))
    moved = dossier_transition(dossier=dossier, to_status=Dossier.Status.IN_ROUND, actor=actor,
                               note=locked_round.name, round=locked_round)
    assignments = [Assignment.objects.create(round=locked_round, dossier=moved, member=seat) for seat in chosen]
    dossier_assigned_event(dossier=moved, evaluation_round=locked_round, seats=chosen, actor=actor)
    return assignments


@refusals_audited("round_scoring_start")
def round_scoring_start(*, evaluation_round: EvaluationRound, actor) -> EvaluationRound:
    """Close the council's composition and let members score (needs a chair)."""
    _require_role(actor, roles.SECRETARIAT, message=_("Chỉ cơ quan tham mưu OCOP cấp tỉnh được bắt đầu chấm."))
    if not evaluation_round.council.filter(role=CouncilMember.Role.CHAIR).exists():
        raise WorkflowError(_("Hội đồng chưa có chủ tịch."))
    return round_transition(evaluation_round=evaluation_round, to_status=EvaluationRound.Status.SCORING, actor=actor)


def _own_assignment(*, dossier: Dossier, actor) -> Assignment:
    assignment = (
        Assignment.objects.select_related("member", "round")
        .filter(dossier=dossier, round_id=dossier.round_id, member__user=actor).first()
        if dossier.round_id and getattr(actor, "is_authenticated", False) else None
    )
    if assignment is None or not roles.user_has_role(actor, roles.COUNCIL_MEMBER, roles.COUNCIL_CHAIR):
        raise PermissionRefused(_("Bạn không được phân công chấm hồ sơ này."))
    return assignment


def _has_conflict(assignment: Assignment) -> bool:
    return ConflictDeclaration.objects.filter(
        member=assignment.member, dossier_id=assignment.dossier_id, has_conflict=True,
    ).exists()


@refusals_audited("conflict_declare")
def conflict_declare(*, dossier: Dossier, has_conflict: bool, actor, note: str = "") -> ConflictDeclaration:
    """Declare whether the acting member has a conflict of interest with the dossier (before submitting).

    Declaring a conflict discards the member's draft sheet: a conflicted member cannot score.
    """
    dossier = Dossier.objects.get(pk=dossier.pk)
    assignment = _own_assignment(dossier=dossier, actor=actor)
    scorecard = Scorecard.objects.select_for_update().filter(assignment=assignment).first()
    if scorecard is not None and scorecard.status not in Scorecard.EDITABLE_STATUSES:
        raise TransitionRefused(_("Bạn đã nộp phiếu chấm hồ sơ này, không thể khai báo lại xung đột lợi ích."))
    if has_conflict and not (note or "").strip():
        raise WorkflowError(_("Hãy ghi rõ nội dung xung đột lợi ích."))
    declaration, _created = ConflictDeclaration.objects.update_or_create(
        member=assignment.member, dossier=dossier, defaults={"has_conflict": has_conflict, "note": note.strip()},
    )
    if has_conflict and scorecard is not None:
        scorecard.delete()
    conflict_declared_event(assignment=assignment, has_conflict=has_conflict, note=note.strip(), actor=actor)
    return declaration


def _scoring_assignment(*, dossier: Dossier, actor) -> Assignment:
    dossier = Dossier.objects.get(pk=dossier.pk)
    assignment = _own_assignment(dossier=dossier, actor=actor)
    if _has_conflict(assignment):
        raise PermissionRefused(_("Bạn đã khai báo xung đột lợi ích với hồ sơ này nên không được chấm."))
    if Scorecard.objects.filter(assignment=assignment, status=Scorecard.Status.LOCKED).exists():
        raise TransitionRefused(_("Phiếu chấm đã khóa vì hội đồng đã chốt kết quả."))
    if assignment.round.status != EvaluationRound.Status.SCORING or dossier.status != Dossier.Status.IN_ROUND:
        raise TransitionRefused(_("Hồ sơ này hiện không trong thời gian chấm điểm."))
    return assignment


def _editable_scorecard(scorecard: Scorecard) -> None:
    if scorecard.status == Scorecard.Status.SUBMITTED:
        raise TransitionRefused(_("Phiếu chấm đã nộp và bị khóa; cần chủ tịch hội đồng mở lại để sửa."))
    if scorecard.status == Scorecard.Status.LOCKED:
        raise TransitionRefused(_("Phiếu chấm đã khóa vì hội đồng đã chốt kết quả."))


@refusals_audited("scorecard_save_entry")
def scorecard_save_entry(*, dossier: Dossier, criterion: Criterion, actor, option: Option | None = None,
                         points: Decimal | None = None, knockout: bool = False) -> ScoreEntry:
    """Record the acting member's choice on one leaf of their own sheet for ``dossier``.

    A knock-out flag (only on leaves with a knock-out note) may come without points: evaluation stops there.
    """
    choice = LeafChoice(criterion=criterion, option=option, points=points, knockout=knockout)
    return _score_entries_save(dossier=dossier, choices=[choice], actor=actor)[0]


@refusals_audited("scorecard_save_entry")
def scorecard_sheet_save(*, dossier: Dossier, choices: list[LeafChoice], actor) -> list[ScoreEntry]:
    """Record the acting member's choices on several leaves at once: all or, on any refusal, none; one event."""
    return _score_entries_save(dossier=dossier, choices=choices, actor=actor)


def _score_entries_save(*, dossier: Dossier, choices: list[LeafChoice], actor) -> list[ScoreEntry]:
    assignment = _scoring_assignment(dossier=dossier, actor=actor)
    scorecard, _created = Scorecard.objects.get_or_create(assignment=assignment)
    scorecard = Scorecard.objects.select_for_update().select_related("assignment").get(pk=scorecard.pk)
    _editable_scorecard(scorecard)
    if not choices:
        return []
    sheet = dossier_sheet(assignment.dossier)
    entries = [_score_entry_write(scorecard=scorecard, sheet=sheet, choice=choice) for choice in choices]
    scorecard_entries_saved_event(scorecard=scorecard, criteria=[c.criterion.code for c in choices], actor=actor)
    return entries


def _score_entry_write(*, scorecard: Scorecard, sheet, choice: LeafChoice) -> ScoreEntry:
    criterion, option, points, knockout = choice.criterion, choice.option, choice.points, choice.knockout
    if knockout and not criterion.knockout_note:
        raise WorkflowError(_("Tiêu chí %(code)s không có điều kiện loại sản phẩm.") % {"code": criterion.code})
    if knockout and option is None and points is None:
        if criterion.sheet_id != sheet.pk:
            raise WorkflowError(
                _("Tiêu chí %(code)s thuộc phiếu khác, không thuộc phiếu của hồ sơ này.") % {"code": criterion.code}
            )
        checked_option, checked_points = None, None
    else:
        checked_option, checked_points = leaf_choice_check(sheet=sheet, criterion=criterion, option=option,
                                                           points=points)
    entry, _created = ScoreEntry.objects.update_or_create(
        scorecard=scorecard, criterion=criterion,
        defaults={"option": checked_option, "points": checked_points, "knockout": knockout},
    )
    return entry


def member_score_of(scorecard: Scorecard) -> MemberScore:
    """Map a scorecard's entries onto the scoring engine's MemberScore (member id = council seat id)."""
    points = {}
    knockouts = set()
    for code, value, knockout in scorecard.entries.values_list("criterion__code", "points", "knockout"):
        if value is not None:
            points[code] = value
        if knockout:
            knockouts.add(code)
    return MemberScore(member_id=scorecard.assignment.member_id, points=points, knockouts=frozenset(knockouts))


@refusals_audited("scorecard_submit")
def scorecard_submit(*, dossier: Dossier, actor, comments: str = "") -> Scorecard:
    """Submit the acting member's complete sheet; its totals are computed and it is locked."""
    assignment = _scoring_assignment(dossier=dossier, actor=actor)
    scorecard = Scorecard.objects.select_for_update().filter(assignment=assignment).first()
    if scorecard is None:
        raise WorkflowError(_("Bạn chưa chấm tiêu chí nào."))
    if scorecard.status == Scorecard.Status.SUBMITTED:
        raise TransitionRefused(_("Phiếu chấm đã được nộp, không thể nộp lại."))
    _editable_scorecard(scorecard)
    score = member_score_of(scorecard)
    spec = sheet_spec_get(sheet=dossier_sheet(assignment.dossier))
    unscored = [leaf.code for leaf in spec.leaves if leaf.code not in score.points]
    if unscored and not score.knockouts:
        raise WorkflowError(_("Bạn chưa chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(unscored)})
    totals = member_total(spec, score, allow_incomplete=bool(score.knockouts))
    return scorecard_transition(
        scorecard=scorecard, to_status=Scorecard.Status.SUBMITTED, actor=actor, note=_("nộp phiếu chấm"),
        submitted_at=timezone.now(), total=totals.total, part_a=totals.parts.get("A"),
        part_b=totals.parts.get("B"), part_c=totals.parts.get("C"), comments=comments.strip(),
    )


@refusals_audited("scorecard_reopen")
def scorecard_reopen(*, scorecard: Scorecard, note: str, actor) -> Scorecard:
    """Reopen a submitted sheet for its member to correct (the round's chair only, with a note)."""
    if not user_chairs_round(user=actor, round_id=scorecard.assignment.round_id):
        raise PermissionRefused(_("Chỉ chủ tịch hội đồng được mở lại phiếu chấm."))
    if not (note or "").strip():
        raise WorkflowError(_("Hãy ghi rõ lý do mở lại phiếu chấm."))
    current = Scorecard.objects.get(pk=scorecard.pk)
    if current.status == Scorecard.Status.LOCKED:
        raise TransitionRefused(_("Phiếu chấm đã khóa vì hội đồng đã chốt kết quả."))
    return scorecard_transition(scorecard=current, to_status=Scorecard.Status.REOPENED, actor=actor,
                                note=note.strip())
