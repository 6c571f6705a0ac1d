"""The CMS's own views: Wagtail's pages in one language at a time, /robots.txt and the sitemap."""

from __future__ import annotations

from django.conf import settings
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail import views as wagtail_views
from wagtail.models import Page

from .models import NewsArticlePage
from .sitemaps import discovery_sitemaps
from .translations import (
    LanguageVersion,
    language_path,
    language_tree_live,
    page_language,
    page_path_in_tree,
    untranslated_page_for_path,
)

# Paths under the language prefixes (Vietnamese none, English /en/) that are not for search results:
# the basket, checkout, customer accounts, back offices and the shop's own search results (?q=...).
PRIVATE_LOCALISED_PATHS = (
    "/shop/basket/",
    "/shop/checkout/",
    "/shop/accounts/",
    "/shop/dashboard/",
    "/shop/search/",
    "/producer/",
    "/ocop/",
)
# The public certificate check (the QR on a package) lives under the rating portal.
PUBLIC_LOCALISED_PATHS = ("/ocop/verify/",)
PRIVATE_PATHS = ("/cms/", "/django-admin/")


def _language_prefixes() -> list[str]:
    return ["" if code == settings.LANGUAGE_CODE else f"/{code}" for code, _name in settings.LANGUAGES]


@require_GET
def robots_txt(request):
    """Allow the shop and the public pages, keep crawlers out of private ones, point at the sitemap.

    An Allow for /ocop/verify/ is longer than the Disallow of /ocop/, so it wins (RFC 9309, 2.2.2).
    """
    lines = ["User-agent: *"]
    for prefix in _language_prefixes():
        lines += [f"Allow: {prefix}{path}" for path in PUBLIC_LOCALISED_PATHS]
        lines += [f"Disallow: {prefix}{path}" for path in PRIVATE_LOCALISED_PATHS]
    lines += [f"Disallow: {path}" for path in PRIVATE_PATHS]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
def sitemap_index(request):
    """/sitemap.xml: one entry per page of each section, with the section's latest change when it has one."""
    entries = []
    for section, sitemap in discovery_sitemaps(request=request).items():
        url = request.build_absolute_uri(reverse("sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append({"location": url, "last_mod": lastmod})
        entries.extend(
            {"location": f"{url}?p={number}", "last_mod": lastmod}
            for number in range(2, sitemap.paginator.num_pages + 1)
        )
    return _not_for_results(
        TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"),
    )


@require_GET
def sitemap_section(request, section: str):
    """/sitemap-<section>.xml?p=<n>: one page of a section's URLs with their language alternates."""
    sitemaps = discovery_sitemaps(request=request)
    if section not in sitemaps:
        raise Http404
    try:
        urls = sitemaps[section].get_urls(
            page=request.GET.get("p", 1), site=RequestSite(request), protocol=request.scheme,
        )
    except (EmptyPage, PageNotAnInteger):
        raise Http404 from None
    return _not_for_results(
        TemplateResponse(request, "sitemap.xml", {"urlset": urls}, content_type="application/xml"),
    )


def _not_for_results(response):
    # A sitemap lists pages; it is not itself one to show in results (Django's own sitemap views say the same).
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def page_serve(request, path: str):
    """Wagtail's page view (``wagtail_serve``), serving only pages of the active language.

    Where the language has no page at the path but another language has (an English reader at
    /en/tin-tuc/<slug>/ of an article written only in Vietnamese), the reader gets a notice that links to
    the original, with status 404 (there is no page in this language) and kept out of search results.
    Until the language has a live home page at all, its addresses show the default language's pages, unindexed.
    """
    route = Page.route_for_request(request, path)
    language = translation.get_language()
    if route is not None and page_language(route[0]) == language:
        return wagtail_views.serve(request, path)
    if route is not None and not language_tree_live(request=request, language=language):
        # No home page in this language yet: Wagtail's fallback shows the default language's pages, which are
        # not this address's to be found under.
        response = wagtail_views.serve(request, path)
        response.headers["X-Robots-Tag"] = "noindex"
        return response
    original = untranslated_page_for_path(request=request, path=path)
    if original is None:
        raise Http404
    original_language = original.locale.language_code
    versions = [
        LanguageVersion(code=code, name=translation.get_language_info(code)["name_local"],
                        url=original.get_url(request) if code == original_language else request.path,
                        current=code == language, translated=code == original_language)
        for code, _name in settings.LANGUAGES
        if code in (language, original_language)
    ]
    context = {
        "original": original,
        "original_url": original.get_url(request),
        "original_language": original_language,
        "is_article": isinstance(original, NewsArticlePage),
        "language_versions": versions,
        "language_alternates": [],
        "canonical_url": request.build_absolute_uri(
            language_path(path_in_tree=page_path_in_tree(original), language=language),
        ),
    }
    response = TemplateResponse(request, "cms/untranslated_notice.html", context, status=404)
    response.headers["X-Robots-Tag"] = "noindex"
    return response
