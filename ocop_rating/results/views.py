"""Downloads of a round's council minutes (PDF, XLSX) for the secretariat, the round's chair and the signer.

The minutes exist once the round is finished: before that scoring is blind, so a download is refused
with a message on the round's page (the figures shown are in any case only those the requester may see).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ocop_rating.models import CouncilMember, EvaluationRound
from ocop_rating.results.documents import round_minutes_pdf, round_minutes_xlsx
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
        content = render(round=evaluation_round, viewer=request.user)
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
