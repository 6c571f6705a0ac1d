import oscar.apps.dashboard.apps as apps
from django.apps import apps as django_apps
from django.urls import include, path


class DashboardConfig(apps.DashboardConfig):
    """Fork of Oscar's dashboard: its CSV exports go through marketplace.core.spreadsheets, and it mounts the
    postal channel's sync dashboard (app ``channels_dashboard``, looked up by label so that the shop layer
    does not import the channels layer above it) and the bank statement import (staff only)."""

    name = "marketplace.shop.dashboard"

    def ready(self):
        super().ready()
        self.channels_app = django_apps.get_app_config("channels_dashboard")

    def get_urls(self):
        from .orders.views import BankStatementImportView

        urls = super().get_urls()
        urls.append(path("kenh-buu-dien/", include(self.channels_app.urls[0])))
        urls.append(path("thanh-toan/sao-ke/", BankStatementImportView.as_view(), name="payments-bank-statement"))
        return urls
