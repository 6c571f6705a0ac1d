"""What the index holds about a product, read from the catalogue (the same for every backend)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from oscar.core.loading import get_model

from catalog.models import Product
from marketplace.core.divisions import province_name, ward_name

from .text import html_text

StockRecord = get_model("partner", "StockRecord")

TOPIC = "search.product"


@dataclass(frozen=True)
class ProductDocument:
    """One browsable product as searched: the texts by weight (title > set > producer > place > description)
    and the facet values. Stars are kept as the badge (stars, last day) so that they stop counting the day
    the badge ends, whether or not the index has heard of it yet."""

    product_id: int
    title: str
    set_name: str
    group_name: str
    producer_name: str
    province_name: str
    ward_name: str
    description: str
    badge_stars: int | None
    badge_until: datetime.date | None
    group_id: int | None
    set_id: int | None
    province_code: int | None
    ward_code: int | None
    producer_id: int | None
    price: Decimal | None
    in_stock: bool
    date_created: datetime.datetime


def _in_stock(product: Product, first: StockRecord | None) -> bool:
    """Buyable now from the stock record the shop sells from (its first); services without stock tracking are."""
    if first is None:
        return False
    if not product.product_class or not product.product_class.track_stock:
        return True
    return (first.num_in_stock or 0) - (first.num_allocated or 0) > 0


def product_documents(product_ids: Iterable[int]) -> dict[int, ProductDocument]:
    """The documents of those of ``product_ids`` that the shop lists (public, not a variant); others are absent."""
    products = (
        Product.objects.browsable()
        .filter(pk__in=list(product_ids))
        .select_related("product_class", "producer", "ocop_set", "ocop_set__group")
        .prefetch_related(Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")))
    )
    documents = {}
    for product in products:
        records = list(product.stockrecords.all())
        first = records[0] if records else None
        ocop_set = product.ocop_set
        group = ocop_set.group if ocop_set else None
        documents[product.pk] = ProductDocument(
            product_id=product.pk,
            title=product.title,
            set_name=ocop_set.name if ocop_set else "",
            group_name=group.name if group else "",
            producer_name=product.producer.name if product.producer else "",
            province_name=province_name(product.origin_province_code),
            ward_name=ward_name(product.origin_ward_code),
            description=html_text(product.description),
            badge_stars=product.badge_stars,
            badge_until=product.badge_until,
            group_id=group.pk if group else None,
            set_id=ocop_set.pk if ocop_set else None,
            province_code=product.origin_province_code,
            ward_code=product.origin_ward_code,
            producer_id=product.producer_id,
            price=first.price if first else None,
            in_stock=_in_stock(product, first),
            date_created=product.date_created,
        )
    return documents
