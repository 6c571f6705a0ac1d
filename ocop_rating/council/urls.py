"""Rounds, their council and dossiers, and each member's scoring sheet."""

from django.urls import path

from ocop_rating.council import views

urlpatterns: list = [
    path("rounds/", views.round_list, name="round_list"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/council/", views.round_council_add, name="round_council_add"),
    path("rounds/<int:round_id>/assign/", views.round_dossier_assign, name="round_dossier_assign"),
    path("rounds/<int:round_id>/start/", views.round_scoring_start, name="round_scoring_start"),
    path("rounds/<int:round_id>/close/", views.round_finalise, name="round_finalise"),
    path("rounds/<int:round_id>/scorecards/<int:scorecard_id>/reopen/", views.round_scorecard_reopen,
         name="round_scorecard_reopen"),
    path("council/assignments/<int:assignment_id>/", views.score, name="score"),
]
