"""Model signals that announce product changes (``catalog.changes.products_changed``); connected in ``ready()``."""

from __future__ import annotations

from catalog.changes import products_changed

from . import tasks, view_counts


def product_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        products_changed([instance.pk], reason="product")


def product_deleted(sender, instance, **kwargs):
    products_changed([instance.pk], reason="product deleted")


def stockrecord_saved(sender, instance, raw=False, **kwargs):
    # Oscar's allocate/consume/cancel_allocation send post_save after their UPDATE: they land here too.
    if not raw:
        products_changed([instance.product_id], reason="stock")


def stockrecord_deleted(sender, instance, **kwargs):
    products_changed([instance.product_id], reason="stock deleted")


def image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        products_changed([instance.product_id], reason="image")


def image_deleted(sender, instance, **kwargs):
    products_changed([instance.product_id], reason="image deleted")


def producer_saved(sender, instance, raw=False, created=False, **kwargs):
    # A producer's name is the listings' brand, and its opt-in decides whether they are listed at all.
    if raw or created:
        return
    from catalog.models import Product

    products_changed(Product.objects.filter(producer=instance).values_list("pk", flat=True), reason="producer")


def product_viewed(sender, product, user=None, raw=False, **kwargs):
    """Count a product page view instead of Oscar's analytics writes (catalog.view_counts)."""
    if raw:
        return
    if view_counts.product_view_count(product.pk):
        tasks.product_views_flush.delay()
