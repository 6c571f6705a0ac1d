"""Reads of the home page: its hero image with the renditions it shows, the featured products and producers."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from wagtail.images import get_image_model

from marketplace.producers.models import Producer

from .models import HomePage

# The hero's renditions, widest last: keep in step with the {% srcset_image %} of cms/home_page.html.
HERO_RENDITIONS = ("fill-480x300", "fill-960x600", "fill-1440x900")
FEATURED_PRODUCERS_LIMIT = 8


@dataclass(frozen=True)
class FeaturedProducer:
    """A producer as the home page shows it: the producer and how many OCOP products it sells today."""

    producer: Producer
    ocop_products: int


def home_hero_image(*, home: HomePage):
    """The hero image with its renditions fetched in the same query, or None."""
    if home.hero_image_id is None:
        return None
    return get_image_model().objects.prefetch_renditions(*HERO_RENDITIONS).filter(pk=home.hero_image_id).first()


def home_featured_products(*, home: HomePage, limit: int) -> list:
    """The products the editors chose that are still public, in their order, as the shop's cards.

    With none chosen, or none of them still public, the highest-starred products (``featured_products``).
    """
    from catalog.selectors import featured_products, product_card_queryset

    product_ids = [link.product_id for link in home.featured_product_links.all()][:limit]
    if product_ids:
        products = product_card_queryset().in_bulk(product_ids)
        chosen = [products[pk] for pk in product_ids if pk in products]
        if chosen:
            return chosen
    return featured_products(limit=limit)


def home_featured_producers(*, home: HomePage) -> list[FeaturedProducer]:
    """The producers the editors chose, in their order, each with its number of OCOP products on sale today."""
    from .figures import certified_products

    producer_ids = [link.producer_id for link in home.featured_producer_links.all()][:FEATURED_PRODUCERS_LIMIT]
    if not producer_ids:
        return []
    producers = Producer.objects.in_bulk(producer_ids)
    counts = dict(
        certified_products().filter(producer_id__in=producer_ids)
        .values("producer_id").annotate(count=Count("pk")).values_list("producer_id", "count")
    )
    return [
        FeaturedProducer(producer=producers[pk], ocop_products=counts.get(pk, 0))
        for pk in producer_ids if pk in producers
    ]
