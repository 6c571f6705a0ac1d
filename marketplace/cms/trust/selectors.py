"""Reads of the trust pieces: the header/footer data of every page (cached) and the contact form's rate limit."""

from __future__ import annotations

import datetime
import uuid

from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Site

from .models import ContactMessage, SiteSettings

CHROME_VERSION_KEY = "cms:site_chrome:version"
CHROME_KEY = "cms:site_chrome:v1:{version}:{host}:{language}"
# Changes reach the cache through site_chrome_forget(); the timeout only bounds what a missed signal could leave.
CHROME_SECONDS = 60 * 60
REQUEST_ATTRIBUTE = "_cms_site_chrome"

CONTACT_RATE_LIMIT = 5
CONTACT_RATE_WINDOW = datetime.timedelta(hours=1)

OPERATOR_FIELDS = ("operator_name", "address", "hotline", "email", "registration", "working_hours",
                   "facebook_url", "zalo_url", "youtube_url")


def _link(item, request) -> dict | None:
    if item.link_page_id:
        page = item.link_page.localized
        if not page.live:
            return None
        url = page.get_url(request)
        if url is None:
            return None
        return {"label": item.label or page.title, "url": url}
    return {"label": item.label, "url": item.link_url}


def _chrome_build(request: HttpRequest) -> dict:
    site = Site.find_for_request(request)
    # Not for_site(), which creates the row: a page view writes nothing, and a site never configured has no chrome.
    settings = SiteSettings.objects.filter(site=site).first() if site is not None else None
    if settings is None:
        return {"operator": {}, "hotline_tel": "", "main_menu": [], "footer_columns": []}
    main_menu = [
        link for item in settings.main_menu_items.select_related("link_page").order_by("sort_order", "pk")
        if (link := _link(item, request))
    ]
    columns: dict[str, list[dict]] = {}
    for item in settings.footer_links.select_related("link_page").order_by("sort_order", "pk"):
        if link := _link(item, request):
            columns.setdefault(item.column, []).append(link)
    return {
        "operator": {field: getattr(settings, field) for field in OPERATOR_FIELDS},
        "hotline_tel": settings.hotline_tel,
        "main_menu": main_menu,
        "footer_columns": [{"title": title, "links": links} for title, links in columns.items()],
    }


def site_chrome(*, request: HttpRequest | None) -> dict | None:
    """The operator's contacts and the menus of the header and footer for this host and language.

    Kept in the cache (no query on a warm page) until the settings or a page change (site_chrome_forget);
    None without a request (a template rendered outside a request has no site).
    """
    if request is None:
        return None
    chrome = getattr(request, REQUEST_ATTRIBUTE, None)
    if chrome is not None:
        return chrome
    version = cache.get(CHROME_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(CHROME_VERSION_KEY, version, None)
    key = CHROME_KEY.format(version=version, host=request.get_host(), language=get_language() or "")
    chrome = cache.get(key)
    if chrome is None:
        chrome = _chrome_build(request)
        cache.set(key, chrome, CHROME_SECONDS)
    setattr(request, REQUEST_ATTRIBUTE, chrome)
    return chrome


def _version_bump() -> None:
    cache.set(CHROME_VERSION_KEY, uuid.uuid4().hex, None)


def site_chrome_forget() -> None:
    """Drop every cached header and footer: the next page of each host and language rebuilds them.

    Again once the change commits: a page rendered meanwhile may have cached what the database still held.
    """
    _version_bump()
    transaction.on_commit(_version_bump)


def contact_messages_recent_count(*, ip_address: str | None, now: datetime.datetime | None = None) -> int:
    """How many messages this address sent within the rate-limit window (0 for an unknown address)."""
    if not ip_address:
        return 0
    since = (now or timezone.now()) - CONTACT_RATE_WINDOW
    return ContactMessage.objects.filter(ip_address=ip_address, created_at__gte=since).count()
