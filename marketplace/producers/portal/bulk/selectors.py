"""Reads of the bulk import and export: only ever the products of the producer a portal request works for."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import Product, ProductSet
from marketplace.core.divisions import THANH_HOA, ward_choices
from marketplace.producers.models import Producer
from marketplace.producers.portal.listings.services import description_text

from . import files

StockRecord = get_model("partner", "StockRecord")


def product_sets_by_number() -> dict[int, ProductSet]:
    """The OCOP product sets by their official number (1-26), in that order."""
    return {product_set.number: product_set for product_set in ProductSet.objects.order_by("number")}


def origin_wards() -> list[tuple[int, str]]:
    """The communes and wards a product may come from (code, name): those of Thanh Hóa, as the product form."""
    return ward_choices(THANH_HOA)


def producer_product_ids(*, producer: Producer) -> set[int]:
    """The ids of the producer's products."""
    return set(Product.objects.filter(producer=producer).values_list("pk", flat=True))


def product_row(product: Product, record) -> dict[str, object]:
    """A product as a spreadsheet row (column key → cell), as the export writes it and the import compares it."""
    return {
        "product_id": product.pk,
        "ocop_set": product.ocop_set.number if product.ocop_set_id else "",
        "title": product.title,
        "description": description_text(product.description or "").strip(),
        "price": int(record.price) if record is not None and record.price is not None else "",
        "num_in_stock": record.num_in_stock if record is not None else "",
        "weight_grams": product.weight_grams,
        "volume_ml": product.volume_ml if product.volume_ml is not None else "",
        "shelf_life_days": product.shelf_life_days if product.shelf_life_days is not None else "",
        "origin_ward_code": product.origin_ward_code or "",
        "is_public": _(files.YES) if product.is_public else _(files.NO),
        "stock_seen": record.num_in_stock if record is not None else "",
    }


def producer_export_rows(*, producer: Producer) -> list[list]:
    """The producer's products, oldest first, as spreadsheet rows in the columns' order (two queries)."""
    products = (
        Product.objects.filter(producer=producer).select_related("ocop_set")
        .prefetch_related(Prefetch("stockrecords", queryset=StockRecord.objects.filter(
            partner_id=producer.partner_id).order_by("pk"), to_attr="producer_stockrecords"))
        .order_by("pk")
    )
    rows = []
    for product in products:
        record = product.producer_stockrecords[0] if product.producer_stockrecords else None
        row = product_row(product, record)
        rows.append([row[column.key] for column in files.COLUMNS])
    return rows
