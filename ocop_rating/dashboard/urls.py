"""The portal's home and the secretariat's dashboard."""

from django.urls import path

from ocop_rating.dashboard import views

urlpatterns: list = [
    path("", views.portal, name="portal"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/expiring.csv", views.dashboard_expiring_csv, name="dashboard_expiring_csv"),
]
