from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarDashboardConfig

# Viewing the sync state is read-only; putting parked listings back in the queue is a separate right.
VIEW_PERMISSIONS = ["is_staff", "channels.view_channellisting"]
RETRY_PERMISSIONS = [*VIEW_PERMISSIONS, "outbox.retry_outboxmessage"]


class ChannelsDashboardConfig(OscarDashboardConfig):
    """The postal channel's sync dashboard, mounted by the forked dashboard at /shop/dashboard/kenh-buu-dien/."""

    label = "channels_dashboard"
    name = "marketplace.channels.dashboard"
    verbose_name = _("Bảng điều khiển kênh bưu điện")

    default_permissions = VIEW_PERMISSIONS
    permissions_map = {
        "postal-sync": VIEW_PERMISSIONS,
        "postal-sync-retry": RETRY_PERMISSIONS,
    }

    def get_urls(self):
        from . import views

        urls = [
            path("", views.postal_sync, name="postal-sync"),
            path("gui-lai/", views.postal_sync_retry, name="postal-sync-retry"),
        ]
        return self.post_process_urls(urls)
