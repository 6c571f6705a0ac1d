"""Reads of the producer's listings: only ever the products of the producer a portal request works for."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

from catalog.models import Product, ProductSet
from marketplace.producers.models import Producer

ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def producer_products(*, producer: Producer) -> QuerySet[Product]:
    """The producer's products, newest first, with their photos (in order) and the producer's stock records."""
    return (
        Product.objects.filter(producer=producer)
        .select_related("ocop_set")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch("stockrecords", queryset=StockRecord.objects.filter(partner_id=producer.partner_id)
                     .order_by("pk"), to_attr="producer_stockrecords"),
        )
        .order_by("-date_created", "-pk")
    )


def producer_product(*, producer: Producer, product_id: int) -> Product | None:
    """One of the producer's products, or None (also for another producer's product)."""
    return producer_products(producer=producer).filter(pk=product_id).first()


def producer_product_image(*, producer: Producer, product_id: int, image_id: int):
    """One photo of one of the producer's products, or None."""
    return (ProductImage.objects.select_related("product")
            .filter(pk=image_id, product_id=product_id, product__producer=producer).first())


def product_stockrecord(*, product: Product) -> StockRecord | None:
    """The producer's stock record of a product fetched by producer_products (no query)."""
    records = getattr(product, "producer_stockrecords", None)
    return records[0] if records else None


def product_sets() -> QuerySet[ProductSet]:
    """The 26 OCOP product sets, in their official order."""
    return ProductSet.objects.order_by("number")
