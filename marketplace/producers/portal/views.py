"""The portal's home and the choice of the producer to work for (own producers, or assisted listing)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.producers.models import Producer
from marketplace.producers.portal.access import (
    SESSION_ASSISTED,
    SESSION_PRODUCER,
    action_record,
    may_act_for_producers,
    portal_access,
    portal_forbidden,
    portal_view,
    producers_of_user,
)
from marketplace.producers.portal.forms import ProducerChoiceForm


@portal_view
@require_http_methods(["GET"])
def home(request, access):
    """What the producer works on: the areas of the portal, for the producer the request works for."""
    return render(request, "producers/portal/home.html", {
        "access": access,
        "switchable": producers_of_user(request.user).count() > 1,
    })


@login_required
@require_http_methods(["GET", "POST"])
def choose(request):
    """A user of several producers picks the one they work for now."""
    producers = producers_of_user(request.user)
    if not producers.exists():
        return portal_forbidden(request, reason=_("Bạn không làm việc cho chủ thể nào trên sàn."))
    form = ProducerChoiceForm(request.POST or None, producers=producers)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_PRODUCER] = form.cleaned_data["producer"].pk
        request.session.pop(SESSION_ASSISTED, None)
        return redirect("producer_portal:home")
    return render(request, "producers/portal/choose.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def assist(request):
    """Staff with the assisted-listing permission pick a producer to work for; every action records both."""
    if not may_act_for_producers(request.user):
        return portal_forbidden(request, reason=_("Chỉ cán bộ được giao hỗ trợ đăng bán mới thao tác thay chủ thể."))
    form = ProducerChoiceForm(request.POST or None, producers=Producer.objects.order_by("name", "pk"))
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_ASSISTED] = form.cleaned_data["producer"].pk
        access = portal_access(request)
        action_record(access, "assist_start")
        messages.success(request, _("Bạn đang thao tác thay cho %(name)s. Mọi thao tác đều ghi tên bạn.") % {
            "name": access.producer.name})
        return redirect("producer_portal:home")
    current = portal_access(request)
    return render(request, "producers/portal/assist.html", {
        "form": form, "current": current if current is not None and current.assisted else None,
    })


@login_required
@require_POST
def assist_stop(request):
    """Stop working for a producer (assisted listing)."""
    access = portal_access(request)
    if access is not None and access.assisted:
        action_record(access, "assist_stop")
        messages.success(request, _("Đã dừng thao tác thay cho %(name)s.") % {"name": access.producer.name})
    request.session.pop(SESSION_ASSISTED, None)
    return redirect("producer_portal:assist")
