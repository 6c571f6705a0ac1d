"""Dossiers: the producer files them, the commune checks them."""

from django.urls import path

from ocop_rating.dossiers import views

urlpatterns: list = [
    path("dossiers/", views.dossier_list, name="dossier_list"),
    path("dossiers/new/", views.dossier_create, name="dossier_create"),
    path("dossiers/<int:dossier_id>/", views.dossier_detail, name="dossier_detail"),
    path("dossiers/<int:dossier_id>/registration/", views.dossier_registration, name="dossier_registration"),
    path("dossiers/<int:dossier_id>/self-assessment/", views.dossier_self_assessment, name="dossier_self_assessment"),
    path("dossiers/<int:dossier_id>/evidence/", views.dossier_evidence, name="dossier_evidence"),
    path("dossiers/<int:dossier_id>/evidence/<int:file_id>/", views.dossier_evidence_download,
         name="dossier_evidence_download"),
    path("dossiers/<int:dossier_id>/evidence/<int:file_id>/remove/", views.dossier_evidence_remove,
         name="dossier_evidence_remove"),
    path("dossiers/<int:dossier_id>/submit/", views.dossier_submit, name="dossier_submit"),
    path("commune/", views.commune_queue, name="commune_queue"),
    path("commune/dossiers/<int:dossier_id>/check/", views.commune_check, name="commune_check"),
]
