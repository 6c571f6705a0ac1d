"""URLs of the rating portal's dashboard screens, included in ocop_rating.urls under the same namespace."""

from django.urls import path

from ocop_rating.dashboard import views as dashboard_views

urlpatterns: list = [
    path("dashboard/", dashboard_views.dashboard, name="dashboard"),
    path("dashboard/expiring.csv", dashboard_views.dashboard_expiring_csv, name="dashboard_expiring_csv"),
    path("certificates/", dashboard_views.certificate_list, name="certificate_list"),
    path("certificates/<int:certificate_id>/revoke/", dashboard_views.certificate_revoke, name="certificate_revoke"),
]
