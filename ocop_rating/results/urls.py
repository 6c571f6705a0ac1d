"""Each dossier's result in its round, the round's minutes, and the decisions recorded on results."""

from django.urls import path

from ocop_rating.results import views

urlpatterns: list = [
    path("rounds/<int:round_id>/dossiers/<int:dossier_id>/", views.round_result, name="round_result"),
    path("rounds/<int:round_id>/dossiers/<int:dossier_id>/compute/", views.round_result_compute,
         name="round_result_compute"),
    path("rounds/<int:round_id>/dossiers/<int:dossier_id>/finalise/", views.round_result_finalise,
         name="round_result_finalise"),
    path("rounds/<int:round_id>/minutes.pdf", views.minutes_pdf, name="minutes_pdf"),
    path("rounds/<int:round_id>/minutes.xlsx", views.minutes_xlsx, name="minutes_xlsx"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/<int:dossier_id>/", views.decision_record, name="decision_record"),
]
