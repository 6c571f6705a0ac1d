import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Fork of Oscar's dashboard, only so that its CSV exports go through marketplace.core.spreadsheets."""

    name = "marketplace.shop.dashboard"
