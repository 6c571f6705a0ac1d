"""Writes to the catalogue that other apps and commands call."""

from django.core.cache import cache
from django.db import transaction
from oscar.core.loading import get_model

from .models import ProductGroup, ProductSet
from .selectors import NAVIGATION_CACHE_KEY

Category = get_model("catalogue", "Category")


def _ensure_category(*, name: str, name_en: str, parent=None, existing=None):
    if existing is not None:
        if (existing.name, existing.name_en) != (name, name_en):
            existing.name, existing.name_en = name, name_en
            existing.save()
        return existing
    if parent is None:
        return Category.add_root(name=name, name_en=name_en)
    return parent.add_child(name=name, name_en=name_en)


@transaction.atomic
def category_tree_sync() -> None:
    """Mirror the 6 product groups and 26 sets, with their English names, as a two-level category tree (idempotent)."""
    for group in ProductGroup.objects.select_related("category").order_by("position"):
        group_category = _ensure_category(name=group.name, name_en=group.name_en, existing=group.category)
        if group.category_id != group_category.pk:
            group.category = group_category
            group.save(update_fields=["category"])
        for product_set in ProductSet.objects.filter(group=group).select_related("category").order_by("number"):
            set_category = _ensure_category(name=product_set.name, name_en=product_set.name_en, parent=group_category,
                                            existing=product_set.category)
            if product_set.category_id != set_category.pk:
                product_set.category = set_category
                product_set.save(update_fields=["category"])
    Category.fix_tree()
    cache.delete(NAVIGATION_CACHE_KEY)
