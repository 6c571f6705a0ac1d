"""One product as a Google Merchant Center item (DOMAIN.md §6.3), the format of the postal channel's feeds.

``listing_item`` is a pure function of a product from ``selectors.listed_products`` (its ``ocop_stars``,
``channel_price`` annotations and prefetched images), the site's base URL and a function giving an image's
URL. The OCOP data (label, product_detail entries) go in only while the badge shows its stars.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin

import nh3
from django.core.exceptions import ObjectDoesNotExist

from catalog.renditions import rendition_url
from marketplace.core.money import to_dong

ID_MAX = 50
TITLE_MAX = 150
DESCRIPTION_MAX = 5000
BRAND_MAX = 70
ADDITIONAL_IMAGES_MAX = 10
# The product page's gallery rendition (catalog.tasks.SHOP_RENDITIONS): written when the photo is uploaded.
IMAGE_GEOMETRY = "440x400"
OCOP_SECTION = "OCOP"
CURRENCY = "VND"

# The order of the CSV feed's columns and of the XML item's elements.
FIELDS = (
    "id", "title", "description", "link", "image_link", "additional_image_link", "availability", "price",
    "brand", "condition", "shipping_weight", "product_type", "google_product_category",
    "custom_label_0", "custom_label_1", "product_detail",
)
REPEATED_FIELDS = ("additional_image_link", "product_detail")


@dataclass(frozen=True)
class ProductDetail:
    """One ``product_detail`` entry: section, attribute name, value (``section:name:value`` in text form)."""

    section: str
    name: str
    value: str

    def __str__(self):
        return f"{self.section}:{self.name}:{self.value}"


def _clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis marking the cut."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def plain_text(value: str) -> str:
    """The text of an HTML fragment: tags (and script/style content) dropped, entities decoded, spaces collapsed."""
    if not value:
        return ""
    # A space before every tag keeps words of adjacent blocks apart ("<p>a</p><p>b</p>" → "a b").
    text = html.unescape(nh3.clean(value.replace("<", " <"), tags=set()))
    return re.sub(r"\s+", " ", text).strip()


def shop_image_url(image) -> str:
    """The URL of the shop's gallery rendition of a product image (created on first use)."""
    return rendition_url(image.original, IMAGE_GEOMETRY)


def listing_id(product) -> str:
    """The item's id: our SKU of the product (the portal's ``SP-<id>``), unique across producers."""
    return f"SP-{product.pk}"


def ocop_details(product) -> list[ProductDetail]:
    """The OCOP entries of the item while the product shows its stars, else none."""
    stars = product.ocop_stars
    certificate = product.certificate
    if stars is None or certificate is None:
        return []
    details = [
        ProductDetail(OCOP_SECTION, "Hạng sao", str(stars)),
        ProductDetail(OCOP_SECTION, "Mã sản phẩm OCOP", certificate.code),
        ProductDetail(OCOP_SECTION, "Quyết định công nhận", certificate.decision_number),
        ProductDetail(OCOP_SECTION, "Hiệu lực đến", certificate.valid_through.isoformat()),
    ]
    if product.ocop_set is not None:
        details.append(ProductDetail(OCOP_SECTION, "Bộ sản phẩm", f"#{product.ocop_set.number}"))
    return details


def listing_item(product, *, base_url: str, image_url: Callable = shop_image_url) -> dict:
    """The Merchant item of a listed product; a field without a value is left out.

    Repeated fields (``additional_image_link``, ``product_detail``) are lists.
    """
    images = list(product.images.all())
    producer = product.producer
    product_set = product.ocop_set
    description = plain_text(product.description) or plain_text(producer.story) or product.title
    item = {
        "id": listing_id(product),
        "title": _clip(product.title.strip(), TITLE_MAX),
        "description": _clip(description, DESCRIPTION_MAX),
        "link": urljoin(base_url, product.get_absolute_url()),
        "image_link": urljoin(base_url, image_url(images[0])) if images else "",
        "additional_image_link": [urljoin(base_url, image_url(image))
                                  for image in images[1:1 + ADDITIONAL_IMAGES_MAX]],
        "availability": "in_stock",
        "price": f"{to_dong(product.channel_price)} {CURRENCY}",
        "brand": _clip(producer.name.strip(), BRAND_MAX),
        "condition": "new",
        "shipping_weight": f"{product.weight_grams} g" if product.weight_grams else "",
        "product_type": f"{product_set.group.name} > {product_set.name}" if product_set else "",
        "google_product_category": _category_name(product_set),
        "custom_label_0": f"ocop_{product.ocop_stars}_sao" if product.ocop_stars is not None else "",
        "custom_label_1": product.origin_province_name or producer.province_name,
        "product_detail": ocop_details(product),
    }
    return {name: value for name, value in item.items() if value}


def _category_name(product_set) -> str:
    if product_set is None:
        return ""
    try:
        return product_set.channel_category.name
    except ObjectDoesNotExist:  # a set added after the migration, until staff name its category
        return ""
