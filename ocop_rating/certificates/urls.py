"""The secretariat's certificate register (the public check is in ocop_rating.public)."""

from django.urls import path

from ocop_rating.certificates import views

urlpatterns: list = [
    path("certificates/", views.certificate_list, name="certificate_list"),
    path("certificates/<int:certificate_id>/revoke/", views.certificate_revoke, name="certificate_revoke"),
]
