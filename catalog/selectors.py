"""Reads of the catalogue: listing with OCOP filters by database queries (no search server needed)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Case, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, When
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from .models import Product, ProductGroup, localized_name

StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")

NAVIGATION_CACHE_KEY = "catalog:navigation:v2"


class Sort:
    NEWEST = "newest"
    PRICE_ASC = "price-asc"
    PRICE_DESC = "price-desc"
    STARS_DESC = "stars-desc"

    ORDERING = {
        NEWEST: ("-date_created", "-pk"),
        PRICE_ASC: (F("price").asc(nulls_last=True), "pk"),
        PRICE_DESC: (F("price").desc(nulls_last=True), "pk"),
        STARS_DESC: (F("ocop_stars").desc(nulls_last=True), "-date_created", "-pk"),
    }


@dataclass(frozen=True)
class ProductFilters:
    """What a shopper narrowed the catalogue to; every field is optional."""

    category_ids: tuple[int, ...] = ()
    stars: tuple[int, ...] = ()
    province_code: int | None = None
    ward_code: int | None = None
    producer_id: int | None = None
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = Sort.NEWEST


def badge_stars_expression(*, today=None) -> Case:
    """The stars a product's badge shows today, in SQL: the same rule as ``Product.stars_shown_on``.

    The badge columns are written only by ocop_rating.certificates; a property test holds the two forms together.
    """
    today = today or timezone.localdate()
    return Case(When(badge_until__gte=today, then=F("badge_stars")), default=None, output_field=IntegerField())


def first_price_subquery() -> Subquery:
    """The price the Default strategy shows: the product's first stock record."""
    return Subquery(StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk").values("price")[:1])


def product_card_queryset() -> QuerySet[Product]:
    """Products with everything a product card renders, in a fixed number of queries."""
    return (
        Product.objects.browsable()
        .select_related("product_class", "producer", "certificate", "ocop_set")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")),
        )
        .annotate(ocop_stars=badge_stars_expression(), price=first_price_subquery())
    )


def product_list(*, filters: ProductFilters) -> QuerySet[Product]:
    """The browsable products matching the filters, sorted as asked."""
    qs = product_card_queryset()
    if filters.category_ids:
        qs = qs.filter(
            pk__in=Product.objects.filter(categories__in=filters.category_ids).values("pk"),
        )
    if filters.stars:
        qs = qs.filter(ocop_stars__in=filters.stars)
    if filters.province_code:
        qs = qs.filter(origin_province_code=filters.province_code)
    if filters.ward_code:
        qs = qs.filter(origin_ward_code=filters.ward_code)
    if filters.producer_id:
        qs = qs.filter(producer_id=filters.producer_id)
    if filters.price_min is not None:
        qs = qs.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        qs = qs.filter(price__lte=filters.price_max)
    return qs.order_by(*Sort.ORDERING.get(filters.sort, Sort.ORDERING[Sort.NEWEST]))


def product_detail_queryset() -> QuerySet[Product]:
    return Product.objects.select_related(
        "product_class", "producer", "certificate", "ocop_set", "ocop_set__group", "parent",
    ).prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
        Prefetch("stockrecords", queryset=StockRecord.objects.order_by("pk")),
    )


def _category_url(*, full_slug: str, pk: int) -> str:
    return reverse("catalogue:category", kwargs={"category_slug": full_slug, "pk": pk})


def navigation_groups() -> list[dict]:
    """Product groups with their sets and category URLs for the menu, named in the active language.

    The tree (both names, slugs, ids) is cached until category_tree_sync() changes it, the same for
    every language; names are picked and URLs reversed per request, without any query.
    """
    tree = cache.get(NAVIGATION_CACHE_KEY)
    if tree is None:
        tree = []
        groups = ProductGroup.objects.select_related("category").prefetch_related("sets__category")
        for group in groups:
            if group.category is None:
                continue
            sets = [
                {"name_vi": s.name, "name_en": s.name_en, "slug": s.category.slug, "category_id": s.category_id}
                for s in group.sets.all()
                if s.category is not None
            ]
            tree.append({"name_vi": group.name, "name_en": group.name_en, "code": group.code,
                         "slug": group.category.slug, "category_id": group.category_id, "sets": sets})
        cache.set(NAVIGATION_CACHE_KEY, tree, None)
    return [
        {
            **group,
            "name": localized_name(name=group["name_vi"], name_en=group["name_en"]),
            "url": _category_url(full_slug=group["slug"], pk=group["category_id"]),
            "sets": [
                {
                    **s,
                    "name": localized_name(name=s["name_vi"], name_en=s["name_en"]),
                    "url": _category_url(full_slug=f"{group['slug']}/{s['slug']}", pk=s["category_id"]),
                }
                for s in group["sets"]
            ],
        }
        for group in tree
    ]


def producer_locations(*, province_code: int | None) -> list[int]:
    """Ward codes that have at least one browsable product, for the commune filter."""
    qs = Product.objects.browsable().exclude(origin_ward_code__isnull=True)
    if province_code:
        qs = qs.filter(origin_province_code=province_code)
    return list(qs.order_by("origin_ward_code").values_list("origin_ward_code", flat=True).distinct())


__all__ = ["ProductFilters", "Sort", "navigation_groups", "product_card_queryset", "product_detail_queryset",
           "product_list", "producer_locations", "badge_stars_expression"]


def featured_products(*, limit: int) -> list[Product]:
    """The newest products showing the highest valid star, for the home page."""
    return list(product_card_queryset().filter(ocop_stars__isnull=False).order_by("-ocop_stars", "-date_created")[:limit])
