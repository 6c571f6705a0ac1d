import oscar.apps.catalogue.apps as apps
from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.utils.module_loading import import_string


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalog"

    def ready(self):
        super().ready()
        # The lists (catalogue:index, catalogue:category) may be served by a layer above the catalogue (the
        # product search, which reads its own index); the catalogue names them only by dotted path in settings.
        list_views = getattr(settings, "CATALOGUE_LIST_VIEWS", {})
        if "index" in list_views:
            self.catalogue_view = import_string(list_views["index"])
        if "category" in list_views:
            self.category_view = import_string(list_views["category"])
        from oscar.core.loading import get_model

        from marketplace.producers.models import Producer

        from . import receivers

        product = get_model("catalogue", "Product")
        image = get_model("catalogue", "ProductImage")
        stockrecord = get_model("partner", "StockRecord")
        for model, saved, deleted in (
            (product, receivers.product_saved, receivers.product_deleted),
            (image, receivers.image_saved, receivers.image_deleted),
            (stockrecord, receivers.stockrecord_saved, receivers.stockrecord_deleted),
        ):
            post_save.connect(saved, sender=model, dispatch_uid=f"catalog.changes.{model._meta.label}.saved")
            post_delete.connect(deleted, sender=model, dispatch_uid=f"catalog.changes.{model._meta.label}.deleted")
        post_save.connect(receivers.producer_saved, sender=Producer, dispatch_uid="catalog.changes.producer.saved")

        # A product view is counted outside the database (catalog.view_counts), not written by Oscar's analytics;
        # importing Oscar's receivers first makes the disconnect work whichever app is ready first.
        from oscar.apps.analytics import receivers as analytics_receivers
        from oscar.apps.catalogue.signals import product_viewed

        product_viewed.disconnect(analytics_receivers.receive_product_view)
        product_viewed.connect(receivers.product_viewed, dispatch_uid="catalog.view_counts.product_viewed")
