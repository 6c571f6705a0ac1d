"""The rating portal's rounds screens: the secretariat runs rounds, the chair finalises, the signer decides.

Who reaches what (anonymous users are sent to the login page everywhere):

* ``round_list``: the secretariat sees every round, a council chair the rounds they chair; any other
  signed-in user gets 403 (the screen is not for their role).
* ``round_create``: the secretariat only; 403 for everyone else.
* ``round_detail``, ``round_result`` and the POST actions on a round: the secretariat and the round's own
  chair; 404 for everyone else, chairs of other rounds included, so a round's existence does not leak.
  What each may do there is the services' decision (rounds.py, results.py): their refusals are shown as
  messages and audited.
* ``decision_list``: the decision signer only; 403 for everyone else.
* ``decision_record``: the decision signer, for a result the council has finalised; 404 otherwise.

Scoring is blind: the progress table shows the sheets' statuses only, never points; members' totals are
shown only as workflow_selectors.scorecards_visible_to allows.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.core.divisions import THANH_HOA
from ocop_rating import roles
from ocop_rating.council.forms import (
    CentralDecisionForm,
    CentralRefusalForm,
    CouncilSeatForm,
    DecisionForm,
    DossierAssignForm,
    ReopenForm,
    RoundCreateForm,
    user_label,
)
from ocop_rating.council.selectors import (
    REVEALED_RESULT_STATUSES,
    SUBMITTED_SCORECARDS,
    scorecards_visible_to,
    scoring_pending_for,
)
from ocop_rating.council.services import (
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
    scorecard_reopen,
)
from ocop_rating.errors import RatingError
from ocop_rating.models import (
    Assignment,
    ConflictDeclaration,
    CouncilMember,
    Dossier,
    EvaluationRound,
    Result,
    Scorecard,
)
from ocop_rating.results.services import (
    result_compute,
    result_finalise,
    result_record_central_decision,
    result_record_central_refusal,
    result_record_decision,
    round_finalise,
)

RECENT_DECISIONS = 20
AWAITING_DECISION = (Result.Status.FINALISED, Result.Status.PROPOSED_CENTRAL)


def _forbidden(request, *, reason: str):
    return render(request, "ocop_rating/portal/rounds/forbidden.html", {"reason": reason}, status=403)


def _with_counts(rounds):
    return rounds.annotate(
        dossier_count=Count("dossiers", distinct=True),
        council_size=Count("council", distinct=True),
        awaiting_count=Count("dossiers", filter=Q(dossiers__status=Dossier.Status.IN_ROUND), distinct=True),
    )


def _chaired_rounds(user):
    return EvaluationRound.objects.filter(
        council__user=user, council__role=CouncilMember.Role.CHAIR,
    )


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_rounds.html)."""
    held = roles.user_roles(request.user)
    context: dict = {}
    if roles.SECRETARIAT in held:
        context["rounds"] = list(_with_counts(EvaluationRound.objects.exclude(status=EvaluationRound.Status.FINALISED)))
        context["as_secretariat"] = True
    elif roles.COUNCIL_CHAIR in held:
        context["rounds"] = list(
            _with_counts(_chaired_rounds(request.user).exclude(status=EvaluationRound.Status.FINALISED))
        )
        context["as_chair"] = True
    if roles.DECISION_SIGNER in held:
        context["awaiting_decisions"] = Result.objects.filter(status__in=AWAITING_DECISION).count()
        context["as_signer"] = True
    return context


# ---------------------------------------------------------------------------------------------
# Rounds
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def round_list(request):
    """Every round for the secretariat; the rounds they chair for a council chair."""
    held = roles.user_roles(request.user)
    if roles.SECRETARIAT in held:
        rounds = EvaluationRound.objects.all()
    elif roles.COUNCIL_CHAIR in held:
        rounds = _chaired_rounds(request.user)
    else:
        return _forbidden(request, reason=_("Trang này dành cho cơ quan tham mưu OCOP cấp tỉnh và chủ tịch hội đồng."))
    context = {
        "rounds": _with_counts(rounds).order_by("-opens_on", "-pk"),
        "can_create": roles.SECRETARIAT in held,
    }
    return render(request, "ocop_rating/portal/rounds/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    """Open a round of Thanh Hóa province (the secretariat)."""
    if not roles.user_has_role(request.user, roles.SECRETARIAT):
        return _forbidden(request, reason=_("Chỉ cơ quan tham mưu OCOP cấp tỉnh được mở đợt đánh giá."))
    form = RoundCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = round_open(province_code=THANH_HOA, name=form.cleaned_data["name"],
                                 opens_on=form.cleaned_data["opens_on"], actor=request.user)
        except RatingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã mở đợt đánh giá “%(name)s”.") % {"name": created.name})
            return redirect("ocop_rating:round_detail", round_id=created.pk)
    return render(request, "ocop_rating/portal/rounds/create.html", {"form": form})


def _round_or_404(request, round_id: int) -> tuple[EvaluationRound, bool, bool]:
    """The round with (is_secretariat, is_chair) if the user may open it; 404 otherwise."""
    held = roles.user_roles(request.user)
    round_ = get_object_or_404(EvaluationRound, pk=round_id)
    is_secretariat = roles.SECRETARIAT in held
    is_chair = roles.COUNCIL_CHAIR in held and round_.council.filter(
        user=request.user, role=CouncilMember.Role.CHAIR,
    ).exists()
    if not (is_secretariat or is_chair):
        raise Http404
    return round_, is_secretariat, is_chair


def _progress_rows(round_: EvaluationRound, seats: list[CouncilMember], *, viewer) -> list[dict]:
    """One row per dossier of the round: each seat's sheet status (never points) and the result.

    A dossier's result stays hidden from a viewer who still has to score it (the chair is a scorer too).
    """
    dossiers = list(
        Dossier.objects.filter(round=round_).select_related("product", "result").order_by("pk")
    )
    assignments = {
        (a.dossier_id, a.member_id): a
        for a in Assignment.objects.filter(round=round_).select_related("scorecard")
    }
    conflicts = {
        (c.dossier_id, c.member_id): c
        for c in ConflictDeclaration.objects.filter(member__round=round_)
    }
    rows = []
    for dossier in dossiers:
        cells = []
        for seat in seats:
            assignment = assignments.get((dossier.pk, seat.pk))
            scorecard = getattr(assignment, "scorecard", None) if assignment else None
            cells.append({
                "seat": seat,
                "assigned": assignment is not None,
                "scorecard": scorecard,
                "status": scorecard.status if scorecard else ("none" if assignment else "unassigned"),
                "conflict": conflicts.get((dossier.pk, seat.pk)),
            })
        own = next((cell for cell in cells if cell["assigned"] and cell["seat"].user_id == viewer.pk), None)
        pending = own is not None and not (own["conflict"] and own["conflict"].has_conflict) and (
            own["scorecard"] is None or own["scorecard"].status not in SUBMITTED_SCORECARDS
        )
        rows.append({
            "dossier": dossier,
            "title": dossier.product_name or dossier.product.get_title(),
            "cells": cells,
            "result": None if pending else getattr(dossier, "result", None),
            "result_hidden": pending and getattr(dossier, "result", None) is not None,
            "scoring_pending": pending,
            "in_round": dossier.status == Dossier.Status.IN_ROUND,
        })
    return rows


@login_required
@require_http_methods(["GET"])
def round_detail(request, round_id: int):
    """The round's status, policy, council, assignment forms and the blind progress table."""
    round_, is_secretariat, is_chair = _round_or_404(request, round_id)
    seats = list(round_.council.select_related("user"))
    is_open = round_.status == EvaluationRound.Status.OPEN
    is_scoring = round_.status == EvaluationRound.Status.SCORING
    has_chair = any(seat.role == CouncilMember.Role.CHAIR for seat in seats)
    context = {
        "round": round_,
        "seats": [{"seat": seat, "name": user_label(seat.user)} for seat in seats],
        "rows": _progress_rows(round_, seats, viewer=request.user),
        "is_secretariat": is_secretariat,
        "is_chair": is_chair,
        "is_open": is_open,
        "is_scoring": is_scoring,
        "is_finalised": round_.status == EvaluationRound.Status.FINALISED,
        "has_chair": has_chair,
        "chair_form": CouncilSeatForm(round=round_, role=CouncilMember.Role.CHAIR)
        if is_secretariat and is_open and not has_chair else None,
        "member_form": CouncilSeatForm(round=round_, role=CouncilMember.Role.MEMBER)
        if is_secretariat and is_open else None,
        "assign_form": DossierAssignForm(round=round_) if is_secretariat and (is_open or is_scoring) else None,
        "reopen_form": ReopenForm() if is_chair and is_scoring else None,
    }
    return render(request, "ocop_rating/portal/rounds/detail.html", context)


def _back(request, round_: EvaluationRound, dossier_id: int | None = None):
    if dossier_id is not None and request.POST.get("back") == "result":
        return redirect("ocop_rating:round_result", round_id=round_.pk, dossier_id=dossier_id)
    return redirect("ocop_rating:round_detail", round_id=round_.pk)


def _form_errors(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def round_council_add(request, round_id: int):
    """Seat a chair or a member (the secretariat, while the round is open)."""
    round_, _is_secretariat, _is_chair = _round_or_404(request, round_id)
    role = request.POST.get("role", "")
    if role not in CouncilMember.Role.values:
        messages.error(request, _("Vai trò trong hội đồng không hợp lệ."))
        return _back(request, round_)
    form = CouncilSeatForm(request.POST, round=round_, role=role)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request, round_)
    user = form.cleaned_data["user"]
    try:
        council_member_add(round=round_, user=user, role=role, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thêm %(name)s vào hội đồng (%(role)s).") % {
            "name": user_label(user), "role": CouncilMember.Role(role).label,
        })
    return _back(request, round_)


@login_required
@require_POST
def round_dossier_assign(request, round_id: int):
    """Put a forwarded dossier into the round for all or chosen council members (the secretariat)."""
    round_, _is_secretariat, _is_chair = _round_or_404(request, round_id)
    form = DossierAssignForm(request.POST, round=round_)
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request, round_)
    chosen = list(form.cleaned_data["members"]) or None
    dossier = form.cleaned_data["dossier"]
    try:
        assignments = dossier_assign(round=round_, dossier=dossier, members=chosen, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã phân công hồ sơ #%(pk)s cho %(count)d thành viên.") % {
            "pk": dossier.pk, "count": len(assignments),
        })
    return _back(request, round_)


def _round_step(request, round_id: int, *, step, done: str):
    """Run a round-wide service step for the user; its refusal or ``done`` is shown on the round's page."""
    round_, _is_secretariat, _is_chair = _round_or_404(request, round_id)
    try:
        step(round=round_, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return _back(request, round_)


@login_required
@require_POST
def round_scoring_begin(request, round_id: int):
    """Close the council's composition and let members score (the secretariat)."""
    return _round_step(request, round_id, step=round_scoring_start, done=_("Đợt đánh giá đã bắt đầu chấm điểm."))


@login_required
@require_POST
def round_close(request, round_id: int):
    """Close the round once every dossier has a finalised result (the chair)."""
    return _round_step(request, round_id, step=round_finalise, done=_("Đã kết thúc đợt đánh giá."))


def _dossier_of_round_or_404(round_: EvaluationRound, dossier_id: int) -> Dossier:
    return get_object_or_404(Dossier.objects.select_related("product", "product_set"), pk=dossier_id, round=round_)


@login_required
@require_POST
def round_result_compute(request, round_id: int, dossier_id: int):
    """Compute (or recompute) a dossier's result from the submitted sheets (the chair or the secretariat)."""
    round_, _is_secretariat, _is_chair = _round_or_404(request, round_id)
    dossier = _dossier_of_round_or_404(round_, dossier_id)
    try:
        result = result_compute(dossier=dossier, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        if result.can_finalise:
            messages.success(request, _("Đã tính kết quả hồ sơ #%(pk)s; kết quả đủ điều kiện chốt.") % {
                "pk": dossier.pk})
        else:
            messages.warning(request, _("Đã tính kết quả hồ sơ #%(pk)s; chưa thể chốt: %(reasons)s") % {
                "pk": dossier.pk, "reasons": " ".join(result.reasons)})
    return _back(request, round_, dossier.pk)


@login_required
@require_POST
def round_result_finalise(request, round_id: int, dossier_id: int):
    """Finalise a dossier's result (the round's chair); a refusal lists the reasons (quorum, spread...)."""
    round_, _is_secretariat, _is_chair = _round_or_404(request, round_id)
    dossier = _dossier_of_round_or_404(round_, dossier_id)
    try:
        result = result_finalise(dossier=dossier, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        if result.star:
            text = _("Đã chốt kết quả hồ sơ #%(pk)s: %(average)s điểm, %(star)s sao.") % {
                "pk": dossier.pk, "average": result.average, "star": result.star}
        else:
            text = _("Đã chốt kết quả hồ sơ #%(pk)s: sản phẩm bị loại (tiêu chí %(leaf)s).") % {
                "pk": dossier.pk, "leaf": result.eliminated_leaf}
        messages.success(request, text)
    return _back(request, round_, dossier.pk)


@login_required
@require_POST
def round_scorecard_reopen(request, round_id: int, scorecard_id: int):
    """Reopen a member's submitted sheet for correction, with a mandatory note (the chair; audited)."""
    round_, _is_secretariat, _is_chair = _round_or_404(request, round_id)
    scorecard = get_object_or_404(
        Scorecard.objects.select_related("assignment__member__user", "assignment__dossier"),
        pk=scorecard_id, assignment__round=round_,
    )
    form = ReopenForm(request.POST)
    dossier_id = scorecard.assignment.dossier_id
    if not form.is_valid():
        _form_errors(request, form)
        return _back(request, round_, dossier_id)
    try:
        scorecard_reopen(scorecard=scorecard, note=form.cleaned_data["note"], actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã mở lại phiếu chấm của %(name)s để chấm lại.") % {
            "name": user_label(scorecard.assignment.member.user)})
    return _back(request, round_, dossier_id)


@login_required
@require_http_methods(["GET"])
def round_result(request, round_id: int, dossier_id: int):
    """A dossier's result in the round, with the chair's finalise and reopen actions."""
    round_, is_secretariat, is_chair = _round_or_404(request, round_id)
    dossier = _dossier_of_round_or_404(round_, dossier_id)
    result = Result.objects.filter(dossier=dossier).first()
    scoring_pending = scoring_pending_for(user=request.user, dossier=dossier)
    result_hidden = scoring_pending and result is not None
    if scoring_pending:
        result = None
    assignments = list(
        Assignment.objects.filter(dossier=dossier, round=round_).select_related("member__user", "scorecard")
        .order_by("member__role", "member_id")
    )
    conflicts = {c.member_id: c for c in ConflictDeclaration.objects.filter(dossier=dossier)}
    visible = list(scorecards_visible_to(user=request.user, dossier=dossier))
    in_round = dossier.status == Dossier.Status.IN_ROUND
    sheets = []
    for assignment in assignments:
        scorecard = getattr(assignment, "scorecard", None)
        sheets.append({
            "seat": assignment.member,
            "name": user_label(assignment.member.user),
            "scorecard": scorecard,
            "status": scorecard.status if scorecard else "none",
            "conflict": conflicts.get(assignment.member_id),
            "can_reopen": is_chair and in_round and scorecard is not None
            and scorecard.status == Scorecard.Status.SUBMITTED,
        })
    context = {
        "round": round_,
        "dossier": dossier,
        "title": dossier.product_name or dossier.product.get_title(),
        "result": result,
        "revealed": result is not None and result.status in REVEALED_RESULT_STATUSES,
        "sheets": sheets,
        "visible_cards": [
            {"card": card, "name": user_label(card.assignment.member.user)}
            for card in visible if card.total is not None
        ],
        "is_secretariat": is_secretariat,
        "is_chair": is_chair,
        "result_hidden": result_hidden,
        "scoring_pending": scoring_pending,
        "can_compute": in_round and round_.status == EvaluationRound.Status.SCORING and not scoring_pending,
        "can_finalise": is_chair and in_round and round_.status == EvaluationRound.Status.SCORING
        and not scoring_pending,
        "reopen_form": ReopenForm(),
    }
    return render(request, "ocop_rating/portal/rounds/result.html", context)


# ---------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def decision_list(request):
    """Finalised results awaiting a decision (by round), those awaiting the Ministry, and recent decisions."""
    if not roles.user_has_role(request.user, roles.DECISION_SIGNER):
        return _forbidden(request, reason=_("Trang này dành cho người ký quyết định công nhận."))
    related = ("dossier__product", "round")
    finalised = Result.objects.filter(status=Result.Status.FINALISED).select_related(*related).order_by(
        "-round__opens_on", "round_id", "dossier_id",
    )
    context = {
        "awaiting_by_round": [(round_, list(results)) for round_, results in groupby(finalised, key=lambda r: r.round)],
        "proposed": Result.objects.filter(status=Result.Status.PROPOSED_CENTRAL).select_related(*related)
        .order_by("decision_date", "dossier_id"),
        "decided": Result.objects.filter(status=Result.Status.DECIDED).select_related(*related, "certificate")
        .order_by("-decision_date", "-pk")[:RECENT_DECISIONS],
    }
    return render(request, "ocop_rating/portal/decisions/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_record(request, dossier_id: int):
    """Record the province's decision (or, for a 5★ proposal, the Ministry's) on a finalised result."""
    if not roles.user_has_role(request.user, roles.DECISION_SIGNER):
        raise Http404
    result = get_object_or_404(
        Result.objects.select_related("dossier__product", "round", "certificate"),
        dossier_id=dossier_id, status__in=REVEALED_RESULT_STATUSES,
    )
    central = result.status == Result.Status.PROPOSED_CENTRAL
    form_class = CentralDecisionForm if central else DecisionForm
    form = refusal_form = None
    if result.status != Result.Status.DECIDED:
        refusing = central and request.POST.get("action") == "central_refusal"
        form = form_class(None if refusing else (request.POST or None))
        if central:
            refusal_form = CentralRefusalForm(request.POST if refusing else None)
    if request.method == "POST" and form is None:
        messages.error(request, _("Kết quả này đã có quyết định."))
        return redirect("ocop_rating:decision_record", dossier_id=dossier_id)
    if request.method == "POST":
        bound = refusal_form if refusal_form is not None and refusal_form.is_bound else form
        if bound.is_valid():
            data = bound.cleaned_data
            try:
                if bound is refusal_form:
                    recorded = result_record_central_refusal(
                        dossier=result.dossier, central_score=data["central_score"],
                        decision_number=data["decision_number"], decision_date=data["decision_date"],
                        issued_on=data["issued_on"], actor=request.user,
                    )
                else:
                    record = result_record_central_decision if central else result_record_decision
                    recorded = record(dossier=result.dossier, decision_number=data["decision_number"],
                                      decision_date=data["decision_date"], issued_on=data["issued_on"],
                                      actor=request.user)
            except RatingError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _decided_message(recorded))
                return redirect("ocop_rating:decision_record", dossier_id=dossier_id)
    context = {
        "result": result,
        "dossier": result.dossier,
        "title": result.dossier.product_name or result.dossier.product.get_title(),
        "form": form,
        "refusal_form": refusal_form,
        "central": central,
        "certified_star": result.star in (3, 4, 5),
    }
    return render(request, "ocop_rating/portal/decisions/record.html", context)


def _decided_message(result: Result) -> str:
    if result.certificate is not None:
        return _("Đã ghi nhận quyết định. Mã số chứng nhận: %(code)s.") % {"code": result.certificate.code}
    if result.status == Result.Status.PROPOSED_CENTRAL:
        return _("Đã ghi nhận quyết định của tỉnh; hồ sơ được đề nghị Bộ Nông nghiệp và Môi trường công nhận 5 sao.")
    return _("Đã ghi nhận quyết định; sản phẩm không được cấp giấy chứng nhận OCOP.")
