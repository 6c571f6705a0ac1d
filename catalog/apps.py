import oscar.apps.catalogue.apps as apps
from django.db.models.signals import post_delete, post_save


class CatalogueConfig(apps.CatalogueConfig):
    name = "catalog"

    def ready(self):
        super().ready()
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
