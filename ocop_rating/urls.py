"""URLs of the rating portal, mounted at /ocop/ under the namespace ``ocop_rating``: each stage's package
adds its own. /ocop/verify/<code>/ is printed on packaging: never change it (ARCHITECTURE.md lists the stable URLs).
"""

from django.urls import include, path

from ocop_rating.certificates import urls as certificate_urls
from ocop_rating.council import urls as council_urls
from ocop_rating.dashboard import urls as dashboard_urls
from ocop_rating.dossiers import urls as dossier_urls
from ocop_rating.public import urls as public_urls
from ocop_rating.results import urls as result_urls

app_name = "ocop_rating"

urlpatterns = [
    path("", include(dashboard_urls)),
    path("", include(dossier_urls)),
    path("", include(council_urls)),
    path("", include(result_urls)),
    path("", include(certificate_urls)),
    path("", include(public_urls)),
]
