"""The producer's sales, under /producer/ban-hang/ (names prefixed "sales_")."""

from django.urls import path

from marketplace.producers.portal.sales import views

urlpatterns = [
    path("", views.sales_overview, name="sales_overview"),
    path("tai-ve.csv", views.sales_csv, name="sales_csv"),
    path("ho-so/<int:dossier_id>/bang-ke/", views.sales_statement, name="sales_statement"),
]
