"""The URL map: stable public paths (ARCHITECTURE.md), Vietnamese unprefixed, English under /en/."""

from django.apps import apps
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from marketplace.channels import views as channel_views
from marketplace.cms import views as discovery_views
from marketplace.core import views as core_views
from marketplace.core.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/divisions/wards/<int:province_code>/", core_views.wards_json, name="divisions-wards"),
    path("feeds/postal.xml", channel_views.postal_feed_xml, name="postal_feed_xml"),
    path("feeds/postal.csv", channel_views.postal_feed_csv, name="postal_feed_csv"),
    path("robots.txt", discovery_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", discovery_views.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", discovery_views.sitemap_section, name="sitemap_section"),
]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("shop/producers/", include("marketplace.search_index.producer_urls")),
    path("shop/", include(apps.get_app_config("oscar").urls[0])),
    path("ocop/", include("ocop_rating.urls")),
    path("producer/", include("marketplace.producers.portal.urls")),
    # Wagtail's catch-all comes last (its page view serves the active language's pages only).
    path("", include("marketplace.cms.urls")),
    prefix_default_language=False,
)

# 400 and 500 render without the request or the database (themes/templates/errors/standalone.html).
handler400 = "marketplace.core.views.bad_request"

if settings.DEBUG:
    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
