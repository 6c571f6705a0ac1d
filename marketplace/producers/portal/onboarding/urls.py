"""Onboarding URLs, included into the producer portal (/producer/) under the names ``onboarding_*``."""

from django.urls import path

from marketplace.producers.portal.onboarding import views

urlpatterns = [
    path("dang-ky/", views.apply, name="onboarding_apply"),
    path("dang-ky/ho-so/", views.application_status, name="onboarding_status"),
    path("dang-ky/<int:application_id>/giay-to/<int:document_id>/", views.document_download,
         name="onboarding_document"),
    path("xet-duyet/", views.review_queue, name="onboarding_review_queue"),
    path("xet-duyet/<int:application_id>/", views.review_detail, name="onboarding_review"),
    path("xet-duyet/<int:application_id>/duyet/", views.review_approve, name="onboarding_approve"),
    path("xet-duyet/<int:application_id>/tu-choi/", views.review_reject, name="onboarding_reject"),
    path("nhan-vien/", views.staff, name="onboarding_staff"),
    path("nhan-vien/loi-moi/<int:invitation_id>/thu-hoi/", views.invitation_revoke, name="onboarding_revoke"),
    path("loi-moi/<str:token>/", views.invitation, name="onboarding_invitation"),
]
