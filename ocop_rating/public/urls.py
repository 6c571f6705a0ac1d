"""The public certificate check. /ocop/verify/<code>/ is printed on packaging as a QR code: never change these."""

from django.urls import path

from ocop_rating.public import views

urlpatterns: list = [
    path("verify/", views.verify_search, name="verify_search"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("verify/<str:code>/certificate.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/qr.png", views.certificate_qr, name="certificate_qr"),
]
