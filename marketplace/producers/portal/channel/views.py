"""The producer's postal channel setting, under /producer/kenh-buu-dien/. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from marketplace.producers.portal.access import portal_forbidden, portal_view

from . import selectors, services
from .forms import ChannelOptInForm


@portal_view
@require_http_methods(["GET", "POST"])
def channel_settings(request, access):
    """Show whether the producer's products are listed on the postal channel; POST changes it."""
    form = ChannelOptInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            opt_in = form.cleaned_data["opt_in"]
            try:
                services.producer_channel_opt_in_set(access=access, opt_in=opt_in)
            except services.ChannelSettingRefused as exc:
                return portal_forbidden(request, reason=exc.message)
            if opt_in:
                messages.success(request, _("Đã bật đăng bán trên kênh bưu điện."))
            else:
                messages.success(request, _("Đã ngừng đăng bán trên kênh bưu điện."))
            return redirect("producer_portal:channel_settings")
        status = 400
    return render(request, "producers/portal/channel/settings.html", {
        "form": form,
        "opted_in": access.producer.postal_channel_opt_in,
        "listed_count": selectors.producer_listed_count(producer=access.producer),
    }, status=status)
