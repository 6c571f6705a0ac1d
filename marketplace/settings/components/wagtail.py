"""Wagtail: news and programme pages; admin at /cms/."""

from .. import base_env as _base_env

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
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
