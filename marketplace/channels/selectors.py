"""Reads of the postal channel: which products are listed, and the fingerprint of the pull feeds.

A product is listed when it is public, its producer opted in, it has an image and its producer's stock
record has goods available (num_in_stock − num_allocated > 0). Its OCOP data go with it only while its
badge shows today: ``ocop_stars`` is catalog.selectors.badge_stars_expression, the shop's one rule.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from catalog.models import Product
from catalog.selectors import badge_stars_expression
from marketplace.channels.models import ChannelCategory
from marketplace.producers.models import Producer
from ocop_rating.certificates.models import Certificate

StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")


def _producer_stockrecords() -> QuerySet:
    """The product's stock records held by its own producer, first one first (the one the shop sells)."""
    return StockRecord.objects.filter(
        product=OuterRef("pk"), partner_id=OuterRef("producer__partner_id"),
    ).order_by("pk")


def listed_products(*, today: datetime.date | None = None) -> QuerySet[Product]:
    """The products the postal channel lists, by id, with what the feed item needs in a fixed number of queries.

    Annotated with ``channel_sku``, ``channel_price``, ``channel_available`` (the producer's stock record)
    and ``ocop_stars`` (the badge today, or None). Iterate with ``.iterator(chunk_size=...)`` for a
    large catalogue: the images are prefetched per chunk.
    """
    stock = _producer_stockrecords()
    available = Coalesce(F("num_in_stock"), 0) - Coalesce(F("num_allocated"), 0)
    return (
        Product.objects.browsable()
        .filter(producer__postal_channel_opt_in=True)
        .filter(Exists(ProductImage.objects.filter(product=OuterRef("pk"))))
        .annotate(
            channel_available=Subquery(
                stock.annotate(available=available).values("available")[:1], output_field=IntegerField(),
            ),
            channel_price=Subquery(stock.values("price")[:1]),
            channel_sku=Subquery(stock.values("partner_sku")[:1]),
            ocop_stars=badge_stars_expression(today=today),
        )
        .filter(channel_available__gt=0)
        .select_related("producer", "certificate", "ocop_set__group", "ocop_set__channel_category")
        .prefetch_related(Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")))
        .order_by("pk")
    )


@dataclass(frozen=True)
class FeedVersion:
    """What the feeds' conditional GET compares: an ETag and the Last-Modified time."""

    etag: str
    last_modified: datetime.datetime


def _latest(*values: datetime.datetime | None) -> datetime.datetime:
    return max(value for value in values if value is not None)


def feed_version(*, now: datetime.datetime | None = None) -> FeedVersion:
    """The feeds' version from cheap aggregates, computed before streaming (a handful of queries).

    Any change that can alter an item moves a timestamp or a count: products, stock records, certificates,
    producers' opt-in, channel categories, the images (count, newest id and order). The start of today
    is in it too, because a badge stops showing at midnight without any row changing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    midnight = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    listed = listed_products(today=today)
    product_stats = Product.objects.aggregate(updated=Max("date_updated"))
    stock_stats = StockRecord.objects.aggregate(updated=Max("date_updated"))
    certificate_stats = Certificate.objects.aggregate(updated=Max("updated_at"))
    producer_stats = Producer.objects.aggregate(updated=Max("postal_channel_opt_in_changed_at"))
    category_stats = ChannelCategory.objects.aggregate(updated=Max("updated_at"))
    image_stats = ProductImage.objects.aggregate(
        count=Count("pk"), newest=Max("pk"), order=Sum(F("pk") * F("display_order")),
    )
    count = listed.order_by().values("pk").count()
    last_modified = _latest(
        midnight, product_stats["updated"], stock_stats["updated"], certificate_stats["updated"],
        producer_stats["updated"], category_stats["updated"],
    )
    fingerprint = "|".join(str(part) for part in (
        count, today.isoformat(), last_modified.isoformat(), product_stats["updated"], stock_stats["updated"],
        certificate_stats["updated"], producer_stats["updated"], category_stats["updated"],
        image_stats["count"], image_stats["newest"], image_stats["order"],
    ))
    return FeedVersion(
        etag=hashlib.sha256(fingerprint.encode()).hexdigest()[:32],
        last_modified=last_modified.replace(microsecond=0),
    )
