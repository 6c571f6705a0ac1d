"""The programme's figures counted live from the shop's catalogue: what a figure block shows when it has a source.

Every count is over the products a shopper can see (public, browsable) showing a valid OCOP star today, by the
same rule as the catalogue's star filter (``badge_stars_expression``): a product whose certificate expired or was
revoked drops out of every figure at once.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _


class FigureSource:
    PRODUCTS = "products"
    PRODUCTS_3 = "products_3"
    PRODUCTS_4 = "products_4"
    PRODUCTS_5 = "products_5"
    PRODUCERS = "producers"
    COMMUNES = "communes"

    CHOICES = [
        (PRODUCTS, _("Sản phẩm OCOP đang bán (3 sao trở lên)")),
        (PRODUCTS_3, _("Sản phẩm OCOP 3 sao đang bán")),
        (PRODUCTS_4, _("Sản phẩm OCOP 4 sao đang bán")),
        (PRODUCTS_5, _("Sản phẩm OCOP 5 sao đang bán")),
        (PRODUCERS, _("Chủ thể có sản phẩm OCOP đang bán")),
        (COMMUNES, _("Xã, phường có sản phẩm OCOP đang bán")),
    ]

    STARS = {PRODUCTS_3: 3, PRODUCTS_4: 4, PRODUCTS_5: 5}


def _certified_products() -> QuerySet:
    """The public products showing a valid star today (3, 4 or 5)."""
    from catalog.models import Product
    from catalog.selectors import badge_stars_expression

    return (
        Product.objects.browsable()
        .annotate(ocop_stars=badge_stars_expression())
        .filter(ocop_stars__isnull=False)
        .order_by()
    )


def figure_count(*, source: str) -> int | None:
    """The live number of ``source`` (a ``FigureSource``); None for an unknown source."""
    products = _certified_products()
    if source == FigureSource.PRODUCTS:
        return products.count()
    if source in FigureSource.STARS:
        return products.filter(ocop_stars=FigureSource.STARS[source]).count()
    if source == FigureSource.PRODUCERS:
        return products.exclude(producer__isnull=True).values("producer_id").distinct().count()
    if source == FigureSource.COMMUNES:
        return products.exclude(origin_ward_code__isnull=True).values("origin_ward_code").distinct().count()
    return None
