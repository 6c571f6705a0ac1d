from django.urls import path
from django.utils.translation import gettext_lazy as _
from oscar.core.application import OscarConfig


class SearchConfig(OscarConfig):
    """Replaces ``oscar.apps.search`` (django-haystack) under the same label and URL namespace ("search").

    ``oscar.config.Shop`` mounts it at ``/shop/search/``, so ``{% url 'search:search' %}`` keeps working.
    """

    label = "search"
    name = "marketplace.search_index.storefront"
    verbose_name = _("Tìm kiếm")
    namespace = "search"

    def get_urls(self):
        from marketplace.search_index import views

        urlpatterns = [
            path("", views.SearchView.as_view(), name="search"),
            path("suggest/", views.suggest_json, name="suggest"),
        ]
        return self.post_process_urls(urlpatterns)
