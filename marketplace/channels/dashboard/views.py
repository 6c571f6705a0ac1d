"""The postal channel's sync dashboard (staff): counts, 30 days of deliveries, failed listings, retry. Thin.

Access is checked by ChannelsDashboardConfig.permissions_map (Oscar's dashboard decorator): viewing needs
is_staff and channels.view_channellisting, retrying also outbox.retry_outboxmessage.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from oscar.apps.dashboard.nav import default_access_fn

from marketplace.channels.services import sync_retry

from . import selectors
from .forms import PostalSyncRetryForm


@require_GET
def postal_sync(request):
    """How the push to the postal channel is doing, and what it could not deliver."""
    return render(request, "oscar/dashboard/channels/postal_sync.html", {
        "overview": selectors.postal_sync_overview(),
        "may_retry": selectors.postal_sync_may_retry(user=request.user),
        # A failed listing's title links to the product's dashboard page only for staff Oscar lets open it.
        "may_open_products": default_access_fn(request.user, "dashboard:catalogue-product", url_kwargs={"pk": 0}),
    })


@require_POST
def postal_sync_retry(request):
    """Put one failed listing (POST product=<id>) or every failed listing back in the queue, then go back."""
    form = PostalSyncRetryForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("product", []):
            messages.error(request, error)
        return redirect("dashboard:postal-sync")
    count = sync_retry(product_ids=form.product_ids())
    if count:
        messages.success(request, _("Đã đưa lại %(count)s tin đăng vào hàng chờ gửi.") % {"count": count})
    else:
        messages.info(request, _("Không có tin đăng lỗi nào để gửi lại."))
    return redirect("dashboard:postal-sync")
