"""Wagtail admin wiring: the product chooser of the product-card block and the news categories snippet."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .choosers import product_chooser_viewset
from .models import NewsCategory


@hooks.register("register_admin_viewset")
def register_product_chooser():
    return product_chooser_viewset


register_snippet(NewsCategory)
