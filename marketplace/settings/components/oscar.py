"""django-oscar: a Vietnamese shop in whole đồng, mounted under /shop/."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar import defaults as _oscar_defaults

from marketplace.shop.order import statuses as order_statuses

from .. import base_env as _base_env

OSCAR_SHOP_NAME = _("Chợ OCOP Thanh Hóa")
OSCAR_SHOP_TAGLINE = _("Sản phẩm mỗi xã một sản phẩm")
OSCAR_HOMEPAGE = reverse_lazy("wagtail_serve", args=[""])
OSCAR_DEFAULT_CURRENCY = "VND"
# Vietnamese grouping in every language: 125.000 ₫
OSCAR_CURRENCY_FORMAT = {"VND": {"format": "#,##0\u00a0¤", "locale": "vi_VN"}}
OSCAR_FROM_EMAIL = "no-reply@ocop-thanhhoa.local"

OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_ALLOW_GUEST_CHECKOUT_WITH_ACCOUNT = True
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "line1", "phone_number", "ward_code")
# Oscar's cautious slugifier drops "đ" (it has no decomposition): map it first.
OSCAR_SLUG_MAP = {"đ": "d", "Đ": "D"}
OSCAR_SLUG_ALLOW_UNICODE = False
OSCAR_IMAGE_FOLDER = "images/products/%Y/%m/"
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_EAGER_ALERTS = False
OSCAR_HIDDEN_FEATURES = ["wishlists"]

# Keys, transitions and their translated labels: marketplace/shop/order/statuses.py
OSCAR_INITIAL_ORDER_STATUS = order_statuses.PENDING
OSCAR_INITIAL_LINE_STATUS = order_statuses.PENDING
OSCAR_ORDER_STATUS_PIPELINE = order_statuses.PIPELINE
OSCAR_LINE_STATUS_PIPELINE = order_statuses.PIPELINE

# django-haystack is not an installed app: product search is marketplace.search_index, which also replaces
# Oscar's search app. The setting stays because oscar.apps.catalogue.views imports oscar.apps.search.views at
# module level (through get_class), which imports haystack, and haystack refuses to import without it.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}


# Renditions at predictable paths: no per-image database or cache lookups (catalog/renditions.py)
OSCAR_THUMBNAILER = "catalog.renditions.RenditionThumbnailer"
# Oscar's CSV exports start with a byte order mark, so spreadsheet programs read Vietnamese accents.
OSCAR_CSV_INCLUDE_BOM = True

# Oscar's dashboard menu, plus the postal channel's sync dashboard under Catalogue (marketplace/channels/dashboard)
# and the bank statement import under Fulfilment (staff only: marketplace/shop/dashboard/orders/views.py).
OSCAR_DASHBOARD_NAVIGATION = [
    {**item, "children": [*item["children"], {
        "label": _("Kênh bưu điện"), "url_name": "dashboard:postal-sync",
    }]} if any(child.get("url_name") == "dashboard:catalogue-product-list" for child in item.get("children", []))
    else {**item, "children": [*item["children"], {
        "label": _("Đối soát sao kê ngân hàng"), "url_name": "dashboard:payments-bank-statement",
        "access_fn": lambda user, url_name, url_args, url_kwargs: user.is_staff,
    }]} if any(child.get("url_name") == "dashboard:order-list" for child in item.get("children", []))
    else item
    for item in _oscar_defaults.OSCAR_DASHBOARD_NAVIGATION
]

# Product page views are counted in Redis (or, without it, in each process) and added to Oscar's analytics
# records in batches (catalog.view_counts), never written per request.
PRODUCT_VIEWS_REDIS_URL = _base_env.env("PRODUCT_VIEWS_REDIS_URL", default=_base_env.env("REDIS_URL", default=""))
PRODUCT_VIEWS_BATCH = 100  # views pending in a process before it flushes them (in-process counting only)
