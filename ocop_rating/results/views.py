"""Downloads of a round's council minutes (PDF, XLSX) for the secretariat, the round's chair and the signer.

The minutes exist once the round is finished: before that scoring is blind, so a download is refused
with a message on the round's page (the figures shown are in any case only those the requester may see).
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ocop_rating import roles
from ocop_rating.council.forms import (
    CentralDecisionForm,
    CentralRefusalForm,
    DecisionForm,
    ReopenForm,
    user_label,
)
from ocop_rating.council.selectors import (
    REVEALED_RESULT_STATUSES,
    scorecards_visible_to,
    scoring_pending_for,
)
from ocop_rating.council.views import (
    dossier_of_round_or_404,
    forbidden,
    round_or_404,
    round_page_redirect,
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
from ocop_rating.results.documents import round_minutes_pdf, round_minutes_xlsx
from ocop_rating.results.services import (
    result_compute,
    result_finalise,
    result_record_central_decision,
    result_record_central_refusal,
    result_record_decision,
)
from ocop_rating.roles import DECISION_SIGNER, SECRETARIAT, user_has_role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _round_for_minutes(request, round_id: int) -> EvaluationRound:
    """The round, if this user may read its minutes; 404 otherwise (no hint that it exists)."""
    evaluation_round = get_object_or_404(EvaluationRound, pk=round_id)
    is_chair = CouncilMember.objects.filter(
        round=evaluation_round, user=request.user, role=CouncilMember.Role.CHAIR,
    ).exists()
    if not (is_chair or user_has_role(request.user, SECRETARIAT, DECISION_SIGNER)):
        raise Http404
    return evaluation_round


def _minutes_download(request, round_id: int, *, render, content_type: str, extension: str) -> HttpResponse:
    evaluation_round = _round_for_minutes(request, round_id)
    if evaluation_round.status != EvaluationRound.Status.FINALISED:
        messages.error(request, _("Biên bản họp hội đồng chỉ có sau khi đợt đánh giá kết thúc "
                                  "(mọi hồ sơ đã được chốt kết quả)."))
        return redirect("ocop_rating:round_detail", round_id=evaluation_round.pk)
    with translation.override("vi"):  # the minutes are an official Vietnamese document
        content = render(evaluation_round=evaluation_round, viewer=request.user)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="bien-ban-dot-{round_id}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def minutes_pdf(request, round_id: int):
    return _minutes_download(request, round_id, render=round_minutes_pdf, content_type="application/pdf",
                             extension="pdf")


@login_required
@require_GET
def minutes_xlsx(request, round_id: int):
    return _minutes_download(request, round_id, render=round_minutes_xlsx, content_type=XLSX, extension="xlsx")


RECENT_DECISIONS = 20




@login_required
@require_POST
def round_result_compute(request, round_id: int, dossier_id: int):
    """Compute (or recompute) a dossier's result from the submitted sheets (the chair or the secretariat)."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    dossier = dossier_of_round_or_404(round_, dossier_id)
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
    return round_page_redirect(request, round_, dossier.pk)


@login_required
@require_POST
def round_result_finalise(request, round_id: int, dossier_id: int):
    """Finalise a dossier's result (the round's chair); a refusal lists the reasons (quorum, spread...)."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    dossier = dossier_of_round_or_404(round_, dossier_id)
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
    return round_page_redirect(request, round_, dossier.pk)


@login_required
@require_http_methods(["GET"])
def round_result(request, round_id: int, dossier_id: int):
    """A dossier's result in the round, with the chair's finalise and reopen actions."""
    round_, is_secretariat, is_chair = round_or_404(request, round_id)
    dossier = dossier_of_round_or_404(round_, dossier_id)
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


@login_required
@require_http_methods(["GET"])
def decision_list(request):
    """Finalised results awaiting a decision (by round), those awaiting the Ministry, and recent decisions."""
    if not roles.user_has_role(request.user, roles.DECISION_SIGNER):
        return forbidden(request, reason=_("Trang này dành cho người ký quyết định công nhận."))
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
