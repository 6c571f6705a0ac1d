"""URLs of the rating portal's rounds screens, included in ocop_rating.urls under the same namespace."""

from django.urls import path

from ocop_rating.council import views as round_views

urlpatterns: list = [
    path("rounds/", round_views.round_list, name="round_list"),
    path("rounds/new/", round_views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", round_views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/council/", round_views.round_council_add, name="round_council_add"),
    path("rounds/<int:round_id>/assign/", round_views.round_dossier_assign, name="round_dossier_assign"),
    path("rounds/<int:round_id>/start/", round_views.round_scoring_begin, name="round_scoring_start"),
    path("rounds/<int:round_id>/close/", round_views.round_close, name="round_finalise"),
    path("rounds/<int:round_id>/dossiers/<int:dossier_id>/", round_views.round_result, name="round_result"),
    path("rounds/<int:round_id>/dossiers/<int:dossier_id>/compute/", round_views.round_result_compute,
         name="round_result_compute"),
    path("rounds/<int:round_id>/dossiers/<int:dossier_id>/finalise/", round_views.round_result_finalise,
         name="round_result_finalise"),
    path("rounds/<int:round_id>/scorecards/<int:scorecard_id>/reopen/", round_views.round_scorecard_reopen,
         name="round_scorecard_reopen"),
    path("decisions/", round_views.decision_list, name="decision_list"),
    path("decisions/<int:dossier_id>/", round_views.decision_record, name="decision_record"),
]
