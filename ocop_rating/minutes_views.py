"""Downloads of a round's council minutes (PDF, XLSX) for the secretariat, the round's chair and the signer."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.views.decorators.http import require_GET

from .minutes import round_minutes_pdf, round_minutes_xlsx
from .models import CouncilMember, EvaluationRound
from .roles import DECISION_SIGNER, SECRETARIAT, user_has_role

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


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def minutes_pdf(request, round_id: int):
    evaluation_round = _round_for_minutes(request, round_id)
    with translation.override("vi"):  # the minutes are an official Vietnamese document
        content = round_minutes_pdf(round=evaluation_round)
    return _download(content, content_type="application/pdf", filename=f"bien-ban-dot-{round_id}.pdf")


@login_required
@require_GET
def minutes_xlsx(request, round_id: int):
    evaluation_round = _round_for_minutes(request, round_id)
    with translation.override("vi"):
        content = round_minutes_xlsx(round=evaluation_round)
    return _download(content, content_type=XLSX, filename=f"bien-ban-dot-{round_id}.xlsx")
