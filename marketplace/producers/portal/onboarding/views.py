"""Onboarding pages: apply to sell, follow the application, the provincial office's review, staff invitations.

Views parse input and call selectors and services. Review pages answer 404 to everyone outside the
OCOP secretariat; another producer's invitation is not found (404).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.producers.portal.access import portal_forbidden, portal_view
from marketplace.producers.portal.onboarding import selectors, services
from marketplace.producers.portal.onboarding.forms import (
    InvitationForm,
    ProducerApplicationForm,
    RejectionForm,
)


def _found_or_404(value):
    if value is None:
        raise Http404
    return value


def _reviewer_or_404(user) -> None:
    if not selectors.user_reviews_applications(user):
        raise Http404


@login_required
@require_http_methods(["GET", "POST"])
def apply(request):
    """A signed-in user who sells nothing yet applies to sell on the marketplace."""
    if selectors.user_is_producer_user(request.user):
        messages.info(request, _("Bạn đã là người bán của một chủ thể trên sàn."))
        return redirect("producer_portal:home")
    if selectors.application_open_of_user(user=request.user) is not None:
        return redirect("producer_portal:onboarding_status")
    form = ProducerApplicationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(applicant=request.user, data=form.cleaned_data, documents=form.documents())
        except services.OnboardingError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Đã nộp đơn đăng ký bán hàng. Văn phòng điều phối OCOP tỉnh sẽ xét duyệt."))
            return redirect("producer_portal:onboarding_status")
    return render(request, "producers/portal/onboarding/apply.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def application_status(request):
    """The applicant's latest application: its state, documents and, if rejected, the reason."""
    application = selectors.application_latest_of_user(user=request.user)
    if application is None:
        return redirect("producer_portal:onboarding_apply")
    return render(request, "producers/portal/onboarding/status.html", {"application": application})


@login_required
@require_http_methods(["GET"])
def document_download(request, application_id: int, document_id: int):
    """Stream a registration document to the secretariat or the applicant, always as a download."""
    document = _found_or_404(selectors.application_document_visible_or_none(
        user=request.user, application_id=application_id, document_id=document_id,
    ))
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=document.content_type)
    response["Content-Disposition"] = content_disposition_header(True, document.original_name)
    response["Content-Length"] = str(document.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET"])
def review_queue(request):
    """The provincial office's queue of applications waiting for a decision."""
    _reviewer_or_404(request.user)
    return render(request, "producers/portal/onboarding/review_queue.html", {
        "applications": selectors.applications_for_review(),
        "reviewed": selectors.applications_recently_reviewed(),
    })


@login_required
@require_http_methods(["GET"])
def review_detail(request, application_id: int):
    """One application with its documents, and the approve and reject buttons while it waits."""
    _reviewer_or_404(request.user)
    application = _found_or_404(selectors.application_for_review_or_none(application_id=application_id))
    return render(request, "producers/portal/onboarding/review_detail.html", {
        "application": application, "rejection_form": RejectionForm(),
    })


@login_required
@require_POST
def review_approve(request, application_id: int):
    _reviewer_or_404(request.user)
    application = _found_or_404(selectors.application_for_review_or_none(application_id=application_id))
    try:
        producer = services.application_approve(
            application=application, actor=request.user, site_url=request.build_absolute_uri("/"),
        )
    except services.OnboardingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã duyệt: %(name)s có thể bán hàng trên sàn.") % {"name": producer.name})
    return redirect("producer_portal:onboarding_review", application_id=application.pk)


@login_required
@require_POST
def review_reject(request, application_id: int):
    _reviewer_or_404(request.user)
    application = _found_or_404(selectors.application_for_review_or_none(application_id=application_id))
    form = RejectionForm(request.POST)
    if not form.is_valid():
        return render(request, "producers/portal/onboarding/review_detail.html", {
            "application": application, "rejection_form": form,
        }, status=400)
    try:
        services.application_reject(application=application, actor=request.user,
                                    reason=form.cleaned_data["reason"], site_url=request.build_absolute_uri("/"))
    except services.OnboardingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã từ chối đơn của %(name)s.") % {"name": application.name})
    return redirect("producer_portal:onboarding_review", application_id=application.pk)


@portal_view
@require_http_methods(["GET", "POST"])
def staff(request, access):
    """The producer's users and pending invitations; invite a further user by e-mail (the producer's own people)."""
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(
                access=access, email=form.cleaned_data["email"], site_url=request.build_absolute_uri("/"),
            )
        except services.OnboardingError as exc:
            if exc.code == services.ASSISTED_PEOPLE_REFUSAL:
                return portal_forbidden(request, reason=exc.message)
            form.add_error("email", exc.message)
        else:
            messages.success(request, _("Đã gửi lời mời tới %(email)s.") % {"email": invitation.email})
            return redirect("producer_portal:onboarding_staff")
    return render(request, "producers/portal/onboarding/staff.html", {
        "access": access, "form": form,
        "users": selectors.producer_users(producer=access.producer),
        "invitations": selectors.invitations_pending(producer=access.producer),
    })


@portal_view
@require_POST
def invitation_revoke(request, access, invitation_id: int):
    invitation = _found_or_404(selectors.invitation_of_producer_or_none(
        producer=access.producer, invitation_id=invitation_id,
    ))
    try:
        services.invitation_revoke(access=access, invitation=invitation)
    except services.OnboardingError as exc:
        if exc.code == services.ASSISTED_PEOPLE_REFUSAL:
            return portal_forbidden(request, reason=exc.message)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thu hồi lời mời gửi tới %(email)s.") % {"email": invitation.email})
    return redirect("producer_portal:onboarding_staff")


@login_required
@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """An invitation link: shows whom it is from (GET); the signed-in user accepts it (POST)."""
    found = selectors.invitation_by_token_or_none(token=token)
    refusal = services.invitation_refusal(found)
    if request.method == "POST" and refusal is None:
        try:
            producer = services.invitation_accept(token=token, user=request.user)
        except services.OnboardingError as exc:
            refusal = exc.message
        else:
            messages.success(request, _("Bạn đã tham gia làm việc cho %(name)s.") % {"name": producer.name})
            return redirect("producer_portal:home")
    return render(request, "producers/portal/onboarding/invitation.html", {
        "invitation": found if refusal is None else None, "refusal": refusal,
    }, status=200 if refusal is None else 410 if found is not None else 404)
