"""The programme's figures counted live from the shop's catalogue: what a figure block shows when it has a source.

Every count is over the products a shopper can see (public, browsable) showing a valid OCOP star today, by the
same rule as the catalogue's star filter (``badge_stars_expression``): a product whose certificate expired or was
revoked drops out of every figure at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, QuerySet
from django.urls import reverse
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


def certified_products() -> QuerySet:
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
    products = certified_products()
    if source == FigureSource.PRODUCTS:
        return products.count()
    if source in FigureSource.STARS:
        return products.filter(ocop_stars=FigureSource.STARS[source]).count()
    if source == FigureSource.PRODUCERS:
        return products.exclude(producer__isnull=True).values("producer_id").distinct().count()
    if source == FigureSource.COMMUNES:
        return products.exclude(origin_ward_code__isnull=True).values("origin_ward_code").distinct().count()
    return None


STAR_BANDS = (3, 4, 5)
TOP_COMMUNES = 5


@dataclass(frozen=True)
class FigureRow:
    """One line of a breakdown: what is counted (a star band, a product group, a commune), how many, and
    where in the shop a reader finds those products (empty: nowhere yet)."""

    key: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class ProgrammeFigures:
    """The programme in numbers, as the home page shows it; every number counted live."""

    products: int
    producers: int
    communes: int
    by_stars: list[FigureRow]
    by_group: list[FigureRow]
    top_communes: list[FigureRow]


def _catalogue_url(**query) -> str:
    return f"{reverse('catalogue:index')}?{urlencode(query)}"


def programme_figures(*, top_communes: int = TOP_COMMUNES) -> ProgrammeFigures:
    """Count the public products showing a valid star today: in all, by star band, by product group (all six,
    with their shop links) and by commune (the ``top_communes`` with most), and their producers and communes.

    Five queries whatever the size of the catalogue: four aggregates and the six groups (their shop links come
    from the cached menu; a group not in the menu yet has none).
    """
    from catalog.models import ProductGroup
    from catalog.selectors import navigation_groups
    from marketplace.core.divisions import ward_name, ward_province_code

    products = certified_products()
    stars = dict(products.values("ocop_stars").annotate(count=Count("pk")).values_list("ocop_stars", "count"))
    groups = dict(
        products.exclude(ocop_set__isnull=True).values("ocop_set__group__code").annotate(count=Count("pk"))
        .values_list("ocop_set__group__code", "count")
    )
    communes = list(
        products.exclude(origin_ward_code__isnull=True).values("origin_ward_code").annotate(count=Count("pk"))
        .order_by("-count", "origin_ward_code").values_list("origin_ward_code", "count")
    )
    producers = products.exclude(producer__isnull=True).values("producer_id").distinct().count()

    by_stars = [
        FigureRow(key=str(band), label=str(_("%(stars)s sao") % {"stars": band}), count=stars.get(band, 0),
                  url=_catalogue_url(stars=band))
        for band in STAR_BANDS
    ]
    group_urls = {group["code"]: group["url"] for group in navigation_groups()}
    by_group = [
        FigureRow(key=group.code, label=group.display_name, count=groups.get(group.code, 0), url=group_urls.get(group.code, ""))
        for group in ProductGroup.objects.order_by("position", "pk")
    ]
    top = [
        FigureRow(key=str(code), label=ward_name(code), count=count,
                  url=_catalogue_url(province=ward_province_code(code) or "", ward=code))
        for code, count in communes[:top_communes]
    ]
    return ProgrammeFigures(
        products=sum(stars.values()), producers=producers, communes=len(communes),
        by_stars=by_stars, by_group=by_group, top_communes=top,
    )
