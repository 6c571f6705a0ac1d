"""The secretariat's certificate register: search and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ocop_rating import roles
from ocop_rating.certificates.forms import CertificateRevokeForm, CertificateSearchForm
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.selectors import certificate_or_none
from ocop_rating.certificates.services import certificate_revoke as certificate_revoke_service
from ocop_rating.certificates.services import certificate_status_text
from ocop_rating.dashboard.selectors import (
    certificates_search,
)
from ocop_rating.errors import RatingError

CERTIFICATES_PER_PAGE = 20


@login_required
@require_GET
def certificate_list(request):
    """Every certificate, searchable by code or product title, filtered by status and stars, 20 a page."""
    roles.secretariat_or_404(request.user)
    today = timezone.localdate()
    form = CertificateSearchForm(request.GET)
    filters = form.filters()
    page = Paginator(certificates_search(today=today, **filters), CERTIFICATES_PER_PAGE).get_page(
        request.GET.get("page"),
    )
    rows = [
        {
            "certificate": certificate,
            "status_text": certificate_status_text(certificate=certificate, today=today),
            "is_valid": certificate.is_valid(on=today),
            "revocable": certificate.status == Certificate.Status.ACTIVE,
        }
        for certificate in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "querystring": query.urlencode(),
        "filtered": any(value not in ("", None) for value in filters.values()),
    }
    return render(request, "ocop_rating/portal/certificates/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, certificate_id: int):
    """Record a revocation decision: reason, decision number and date; the shop's badge goes at once."""
    roles.secretariat_or_404(request.user)
    certificate = certificate_or_none(certificate_id=certificate_id)
    if certificate is None:
        raise Http404
    today = timezone.localdate()
    form = CertificateRevokeForm(request.POST or None, certificate=certificate, today=today,
                                 initial={"revoked_on": today})
    if request.method == "POST":
        if form.is_valid():
            try:
                certificate_revoke_service(
                    certificate=certificate, reason=form.cleaned_data["reason"],
                    decision_number=form.cleaned_data["decision_number"],
                    revoked_on=form.cleaned_data["revoked_on"], actor=request.user,
                )
            except RatingError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(
                    request, _("Đã thu hồi giấy chứng nhận %(code)s. Sản phẩm không còn hiển thị sao OCOP.")
                    % {"code": certificate.code},
                )
                return redirect("ocop_rating:certificate_list")
        else:
            messages.error(request, _("Chưa thu hồi: %(errors)s") % {
                "errors": " ".join(str(error) for errors in form.errors.values() for error in errors),
            })
    context = {
        "certificate": certificate,
        "form": form,
        "status_text": certificate_status_text(certificate=certificate, today=today),
        "revocable": certificate.status == Certificate.Status.ACTIVE,
    }
    return render(request, "ocop_rating/portal/certificates/revoke.html", context)
