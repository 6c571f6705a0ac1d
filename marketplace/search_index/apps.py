from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchIndexConfig(AppConfig):
    name = "marketplace.search_index"
    label = "search_index"
    verbose_name = _("Tìm kiếm sản phẩm")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from catalog.changes import PRODUCT_CHANGED
        from marketplace.outbox.registry import outbox_subscribe

        from .documents import TOPIC

        # Always on: the default backend is the database itself, so there is always an index to keep true.
        outbox_subscribe(PRODUCT_CHANGED, TOPIC)
