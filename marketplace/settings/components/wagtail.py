"""Wagtail: news and programme pages; admin at /cms/."""

from .. import base_env as _base_env
from .search import ELASTICSEARCH_INDEX_PREFIX as _ELASTICSEARCH_INDEX_PREFIX
from .search import ELASTICSEARCH_TIMEOUT as _ELASTICSEARCH_TIMEOUT
from .search import ELASTICSEARCH_URL as _ELASTICSEARCH_URL

WAGTAIL_SITE_NAME = "Chợ OCOP Thanh Hóa"
WAGTAILADMIN_BASE_URL = _base_env.env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Pages in Vietnamese (unprefixed) with English translations under /en/ (wagtail-localize; cms migration 0008).
WAGTAIL_I18N_ENABLED = True
# Editors submit pages to the "Duyệt nội dung" workflow (cms migration 0007); revisions are kept for every save.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# A new translation starts as a draft, whatever the original's state: it goes live only when someone with the
# right to publish (a moderator or publisher) publishes it from wagtail-localize's editor.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# News and programme pages: Wagtail's database backend, or its Elasticsearch 8 backend on the product cluster.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8",
        "URLS": [_ELASTICSEARCH_URL],
        "INDEX_PREFIX": f"{_ELASTICSEARCH_INDEX_PREFIX}-wagtail-",
        "TIMEOUT": _ELASTICSEARCH_TIMEOUT,
    } if _ELASTICSEARCH_URL else {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
