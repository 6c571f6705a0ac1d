"""URLs of the rating portal, mounted at /ocop/; /ocop/verify/<code>/ is printed on packaging: never change it."""

from django.urls import path

from . import minutes_views, portal_views, public_views

app_name = "ocop_rating"

urlpatterns = [
    path("", portal_views.portal, name="portal"),
    path("council/assignments/<int:assignment_id>/", portal_views.score, name="score"),
    path("rounds/<int:round_id>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("rounds/<int:round_id>/minutes.xlsx", minutes_views.minutes_xlsx, name="minutes_xlsx"),
    path("verify/", public_views.verify_search, name="verify_search"),
    path("verify/<str:code>/", public_views.verify, name="verify"),
    path("verify/<str:code>/certificate.pdf", public_views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/qr.png", public_views.certificate_qr, name="certificate_qr"),
]
