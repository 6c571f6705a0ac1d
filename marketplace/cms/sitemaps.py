"""The sitemap (/sitemap.xml): an index of three sections, each URL with its hreflang alternates.

Sections: published public Wagtail pages, the shop's public products, the producers' pages. A shop URL is
listed once per language (Vietnamese unprefixed, English under /en/: gettext translates every shop page)
with its ``xhtml:link`` alternates and an ``x-default`` (Vietnamese); a CMS page once per language it is
translated into (``PageSitemap``). A section is split into pages of ``limit`` URLs, and the
product section reads only the page it serves (pk, slug, date) so 100 000 products never load at once.
Links are absolute on the host the crawler asked, as the news feed's are, not on the Site row's domain.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from wagtail.models import Page
from wagtail.models import Site as WagtailSite

from catalog.models import Product
from marketplace.producers.models import Producer

from .translations import site_pages_q

URLS_PER_SITEMAP_PAGE = 5000


class LanguagePairs:
    """The (item, language) pairs of a queryset, item-major as Django's i18n sitemap orders them, sliced lazily.

    Django's ``Sitemap._items`` builds the whole list of pairs; this reads only the rows a page needs.
    """

    def __init__(self, queryset, languages: list[str]):
        self.queryset = queryset
        self.languages = languages

    def count(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("LanguagePairs supports slices only")
        start, stop = index.start or 0, index.stop
        per_item = len(self.languages)
        first_item = start // per_item
        last_item = None if stop is None else (stop + per_item - 1) // per_item
        rows = list(self.queryset[first_item:last_item])
        pairs = [(row, language) for row in rows for language in self.languages]
        offset = start - first_item * per_item
        return pairs[offset:None if stop is None else offset + (stop - start)]


class BilingualSitemap(Sitemap):
    """One URL per item and language, with hreflang alternates and x-default; paginated lazily."""

    i18n = True
    alternates = True
    x_default = True
    limit = URLS_PER_SITEMAP_PAGE

    def _items(self):
        return LanguagePairs(self.items(), list(self._languages()))


class PageSitemap(Sitemap):
    """Published, public Wagtail pages of the site the request is for, in every language they are written in.

    A page is listed once per live translation, the translations next to each other, each with hreflang
    alternates to the others and x-default (the Vietnamese page); an untranslated page is listed alone, with
    none (no alternate that would lead to the "not translated yet" notice). A scheduled page is not live yet.
    """

    limit = URLS_PER_SITEMAP_PAGE

    def __init__(self, *, request):
        self.request = request

    def _pages(self):
        site = WagtailSite.find_for_request(self.request)
        return Page.objects.live().public().filter(site_pages_q(site=site), depth__gt=1)

    def items(self):
        pages = list(self._pages().select_related("locale").order_by("path"))
        languages = [code for code, _name in settings.LANGUAGES]
        groups: dict = {}
        for page in pages:
            groups.setdefault(page.translation_key, []).append(page)
        self._alternates = {}
        ordered = []
        # In the default language's tree order, each page followed by its translations (in LANGUAGES order).
        for group in sorted(groups.values(), key=lambda group: min(
                (page.locale.language_code != settings.LANGUAGE_CODE, page.path) for page in group)):
            group.sort(key=lambda page: languages.index(page.locale.language_code)
                       if page.locale.language_code in languages else len(languages))
            ordered.extend(group)
            for page in group:
                self._alternates[page.pk] = group
        return ordered

    def location(self, item):
        url_parts = item.get_url_parts(self.request)
        return url_parts[2] if url_parts else "/"

    def lastmod(self, item):
        return item.last_published_at

    def get_latest_lastmod(self):
        return self._pages().aggregate(latest=Max("last_published_at"))["latest"]

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            group = self._alternates[url_info["item"].pk]
            if len(group) < 2:
                continue
            locations = {
                version.locale.language_code: f"{protocol}://{domain}{self.location(version)}" for version in group
            }
            url_info["alternates"] = [{"location": location, "lang_code": code} for code, location in locations.items()]
            if settings.LANGUAGE_CODE in locations:
                url_info["alternates"].append({"location": locations[settings.LANGUAGE_CODE], "lang_code": "x-default"})
        return urls


class ProductSitemap(BilingualSitemap):
    """The shop's public products (Product.objects.browsable(), as the catalogue lists them)."""

    def items(self):
        return Product.objects.browsable().order_by("pk").values("pk", "slug", "date_updated")

    def location(self, item):
        return reverse("catalogue:detail", kwargs={"product_slug": item["slug"], "pk": item["pk"]})

    def lastmod(self, item):
        return item["date_updated"]

    def get_latest_lastmod(self):
        return Product.objects.browsable().aggregate(latest=Max("date_updated"))["latest"]


class ProducerSitemap(BilingualSitemap):
    """Producers' shop pages, for the producers with at least one public product (the others list nothing)."""

    def items(self):
        public_products = Product.objects.browsable().filter(producer=OuterRef("pk"))
        return Producer.objects.filter(Exists(public_products)).order_by("pk").values("slug")

    def location(self, item):
        return reverse("producers:detail", kwargs={"slug": item["slug"]})


def discovery_sitemaps(*, request) -> dict[str, Sitemap]:
    """The sections of /sitemap.xml, in the order the index lists them."""
    return {"pages": PageSitemap(request=request), "products": ProductSitemap(), "producers": ProducerSitemap()}
