"""Results and decisions: a dossier's result in its round, computing and finalising it, the signer's
decisions, and the council minutes (PDF, XLSX) for the secretariat, the round's chair and the signer.

The minutes exist once the round is finished: before that scoring is blind, so a download is refused
with a message on the round's page (the figures shown are in any case only those the requester may see).
Reads go through council.selectors and results.selectors; writes through results.services.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
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
    dossier_sheets_in_round,
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
from ocop_rating.models import Dossier, EvaluationRound, Result, Scorecard
from ocop_rating.results.documents import round_minutes_pdf, round_minutes_xlsx
from ocop_rating.results.selectors import (
    decision_overview,
    result_for_decision_or_none,
    result_of_dossier_or_none,
    round_for_minutes_or_none,
)
from ocop_rating.results.services import (
    result_compute,
    result_finalise,
    result_record_central_decision,
    result_record_central_refusal,
    result_record_decision,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _minutes_download(request, round_id: int, *, render, content_type: str, extension: str) -> HttpResponse:
    # 404 for anyone who may not read the minutes: no hint that the round exists.
    evaluation_round = round_for_minutes_or_none(user=request.user, round_id=round_id)
    if evaluation_round is None:
        raise Http404
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


def _result_step(request, round_id: int, dossier_id: int, *, step: Callable[..., Result],
                 done: Callable[[Dossier, Result], None]):
    """Run a result service ``step`` on the round's dossier; show its refusal, or let ``done`` say what it did."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    dossier = dossier_of_round_or_404(round_, dossier_id)
    try:
        result = step(dossier=dossier, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        done(dossier, result)
    return round_page_redirect(request, round_, dossier.pk)


@login_required
@require_POST
def round_result_compute(request, round_id: int, dossier_id: int):
    """Compute (or recompute) a dossier's result from the submitted sheets (the chair or the secretariat)."""

    def done(dossier: Dossier, result: Result) -> None:
        if result.can_finalise:
            messages.success(request, _("Đã tính kết quả hồ sơ #%(pk)s; kết quả đủ điều kiện chốt.") % {
                "pk": dossier.pk})
        else:
            messages.warning(request, _("Đã tính kết quả hồ sơ #%(pk)s; chưa thể chốt: %(reasons)s") % {
                "pk": dossier.pk, "reasons": " ".join(result.reasons)})

    return _result_step(request, round_id, dossier_id, step=result_compute, done=done)


@login_required
@require_POST
def round_result_finalise(request, round_id: int, dossier_id: int):
    """Finalise a dossier's result (the round's chair); a refusal lists the reasons (quorum, spread...)."""

    def done(dossier: Dossier, result: Result) -> None:
        if result.star:
            text = _("Đã chốt kết quả hồ sơ #%(pk)s: %(average)s điểm, %(star)s sao.") % {
                "pk": dossier.pk, "average": result.average, "star": result.star}
        else:
            text = _("Đã chốt kết quả hồ sơ #%(pk)s: sản phẩm bị loại (tiêu chí %(leaf)s).") % {
                "pk": dossier.pk, "leaf": result.eliminated_leaf}
        messages.success(request, text)

    return _result_step(request, round_id, dossier_id, step=result_finalise, done=done)


@login_required
@require_http_methods(["GET"])
def round_result(request, round_id: int, dossier_id: int):
    """A dossier's result in the round, with the chair's finalise and reopen actions."""
    round_, is_secretariat, is_chair = round_or_404(request, round_id)
    dossier = dossier_of_round_or_404(round_, dossier_id)
    result = result_of_dossier_or_none(dossier=dossier)
    scoring_pending = scoring_pending_for(user=request.user, dossier=dossier)
    result_hidden = scoring_pending and result is not None
    if scoring_pending:
        result = None
    assignments, conflicts = dossier_sheets_in_round(evaluation_round=round_, dossier=dossier)
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
    overview = decision_overview()
    context = {
        "awaiting_by_round": overview.awaiting_by_round,
        "proposed": overview.proposed,
        "decided": overview.decided,
    }
    return render(request, "ocop_rating/portal/decisions/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def decision_record(request, dossier_id: int):
    """Record the province's decision (or, for a 5★ proposal, the Ministry's) on a finalised result."""
    result = result_for_decision_or_none(user=request.user, dossier_id=dossier_id)
    if result is None:
        raise Http404
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
