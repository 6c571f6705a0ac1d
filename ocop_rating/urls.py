"""URLs of the rating portal, mounted at /ocop/; /ocop/verify/<code>/ is printed on packaging: never change it."""

from django.urls import include, path

from ocop_rating.council import sheet_views as portal_views
from ocop_rating.council import urls as urls_rounds
from ocop_rating.dashboard import urls as urls_dashboard
from ocop_rating.dossiers import urls as urls_dossiers
from ocop_rating.public import views as public_views
from ocop_rating.results import views as minutes_views

app_name = "ocop_rating"

urlpatterns = [
    path("", portal_views.portal, name="portal"),
    path("", include(urls_dossiers)),
    path("", include(urls_rounds)),
    path("", include(urls_dashboard)),
    path("council/assignments/<int:assignment_id>/", portal_views.score, name="score"),
    path("rounds/<int:round_id>/minutes.pdf", minutes_views.minutes_pdf, name="minutes_pdf"),
    path("rounds/<int:round_id>/minutes.xlsx", minutes_views.minutes_xlsx, name="minutes_xlsx"),
    path("verify/", public_views.verify_search, name="verify_search"),
    path("verify/<str:code>/", public_views.verify, name="verify"),
    path("verify/<str:code>/certificate.pdf", public_views.certificate_pdf, name="certificate_pdf"),
    path("verify/<str:code>/qr.png", public_views.certificate_qr, name="certificate_qr"),
]
