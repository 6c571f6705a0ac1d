"""Bulk import and export of the producer's products, under /producer/san-pham/nhap-xuat/ (names "bulk_")."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.bulk_home, name="bulk_home"),
    path("xuat/", views.bulk_export, name="bulk_export"),
    path("file-mau/", views.bulk_template, name="bulk_template"),
    path("xem-truoc/", views.bulk_preview, name="bulk_preview"),
    path("xac-nhan/", views.bulk_confirm, name="bulk_confirm"),
]
