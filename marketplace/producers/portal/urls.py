"""The producer portal, mounted at /producer/ (ARCHITECTURE.md, stable URLs). Each area adds its urls here."""

from django.urls import include, path

from marketplace.producers.portal import views

app_name = "producer_portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("chon-chu-the/", views.choose, name="choose"),
    path("ho-tro/", views.assist, name="assist"),
    path("ho-tro/dung/", views.assist_stop, name="assist_stop"),
    path("don-hang/", include("marketplace.producers.portal.orders.urls")),
    path("san-pham/nhap-xuat/", include("marketplace.producers.portal.bulk.urls")),
    path("san-pham/", include("marketplace.producers.portal.listings.urls")),
    path("ban-hang/", include("marketplace.producers.portal.sales.urls")),
    path("kenh-buu-dien/", include("marketplace.producers.portal.channel.urls")),
    path("", include("marketplace.producers.portal.onboarding.urls")),
]
