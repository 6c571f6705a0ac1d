"""Celery tasks of the catalogue: thin wrappers that take primary keys and are safe to run twice."""

from celery import shared_task
from oscar.core.loading import get_model

from . import view_counts
from .renditions import rendition_create

ProductImage = get_model("catalogue", "ProductImage")

# The geometries the shop's templates ask {% oscar_thumbnail %} for (geometry, crop): product cards,
# the product page's gallery and its thumbnails, the basket and checkout lines.
SHOP_RENDITIONS: tuple[tuple[str, bool], ...] = (
    ("400x400", False),
    ("440x400", False),
    ("65x55", True),
    ("100x100", False),
    ("200x200", False),
)


@shared_task(acks_late=True, reject_on_worker_lost=True)
def product_image_renditions(image_id: int) -> list[str]:
    """Write the shop's renditions of one product image ahead of its first view; nothing if it is gone."""
    image = ProductImage.objects.filter(pk=image_id).only("original").first()
    if image is None or not image.original:
        return []
    return [
        rendition_create(original_name=image.original.name, geometry=geometry, crop=crop)
        for geometry, crop in SHOP_RENDITIONS
    ]


@shared_task
def product_views_flush() -> int:
    """Add the product views counted since the last run to the analytics records (catalog.view_counts)."""
    return view_counts.product_views_flush()
