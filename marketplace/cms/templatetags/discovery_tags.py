"""What the head of every public page tells search engines and link previews (Zalo, Facebook).

``oscar/base.html`` captures the page's title and description blocks as text (``capture_text``);
``site/discovery_head.html`` (included by ``base_site.html``) adds the canonical URL, hreflang
alternates, OpenGraph and Twitter tags and the page's schema.org data from ``page_discovery``.
The canonical URL is one mechanism: a view's ``canonical_url`` context variable when it sets one
(the news pages do), else the request's URL without tracking parameters.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from wagtail.models import Page

from marketplace.cms import structured_data
from marketplace.cms.models import HomePage, NewsArticlePage
from marketplace.cms.translations import page_alternates

register = template.Library()

OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
# Parameters that say where a visitor came from, never what the page shows.
TRACKING_PARAMETERS = frozenset({
    "fbclid", "gclid", "gbraid", "wbraid", "dclid", "msclkid", "yclid", "igshid", "ttclid", "twclid",
    "mc_cid", "mc_eid", "zarsrc", "_ga", "_gl", "ref",
})
TRACKING_PREFIXES = ("utm_",)
PRODUCT_IMAGE_GEOMETRY = "440x400"  # the product page's main image (Oscar's gallery), already rendered
PAGE_IMAGE_RENDITION = "width-1200"  # the news article's hero, already rendered


def site_description_text() -> str:
    return _("Chợ OCOP Thanh Hóa: sản phẩm OCOP được chứng nhận 3, 4 và 5 sao, mua trực tiếp từ hợp tác xã "
             "và hộ sản xuất, cùng tin tức về chương trình Mỗi xã một sản phẩm.")


@register.simple_tag
def site_description() -> str:
    """The marketplace's description, used where a page has none of its own."""
    return site_description_text()


class CaptureTextNode(template.Node):
    def __init__(self, nodelist, var_name: str, fallback):
        self.nodelist = nodelist
        self.var_name = var_name
        self.fallback = fallback

    def render(self, context):
        text = " ".join(html.unescape(strip_tags(self.nodelist.render(context))).split())
        if not text and self.fallback is not None:
            text = str(self.fallback.resolve(context))
        # Set where the tag stands (the base template's top level), so the rest of the page reads it.
        context[self.var_name] = text
        return ""


@register.tag
def capture_text(parser, token):
    """``{% capture_text as name [fallback=expr] %}...{% endcapture_text %}``: store the enclosed output as plain text.

    Tags are stripped, entities decoded and whitespace collapsed; the text is escaped again wherever it is
    printed. The enclosed blocks stay blocks that child templates override.
    """
    bits = token.split_contents()
    if len(bits) not in (3, 4) or bits[1] != "as" or (len(bits) == 4 and not bits[3].startswith("fallback=")):
        raise template.TemplateSyntaxError("usage: {% capture_text as name [fallback=expr] %}")
    fallback = parser.compile_filter(bits[3].removeprefix("fallback=")) if len(bits) == 4 else None
    nodelist = parser.parse(("endcapture_text",))
    parser.delete_first_token()
    return CaptureTextNode(nodelist, bits[2], fallback)


@dataclass
class PageDiscovery:
    canonical_url: str
    og_type: str = "website"
    og_locale: str = "vi_VN"
    og_locale_alternates: list[str] = field(default_factory=list)
    image_url: str = ""
    alternates: list[dict] = field(default_factory=list)
    json_ld: list[SafeString] = field(default_factory=list)


def canonical_url_for_request(request) -> str:
    """The absolute URL of the request without tracking parameters (utm_*, fbclid, zarsrc...)."""
    kept = [
        (key, value)
        for key, values in request.GET.lists()
        if key not in TRACKING_PARAMETERS and not key.startswith(TRACKING_PREFIXES)
        for value in values
    ]
    return request.build_absolute_uri(request.path + (f"?{urlencode(kept)}" if kept else ""))


def language_alternates(canonical_url: str) -> list[dict]:
    """hreflang links of the URL in every language and x-default (Vietnamese), or none if it has no other language."""
    urls = {code: translate_url(canonical_url, code) for code, _name in settings.LANGUAGES}
    if len(set(urls.values())) < len(urls):
        return []
    links = [{"hreflang": code, "url": url} for code, url in urls.items()]
    links.append({"hreflang": "x-default", "url": urls[settings.LANGUAGE_CODE]})
    return links


def _absolute(request, url: str) -> str:
    return request.build_absolute_uri(url) if url else ""


def _product_image_url(request, product) -> str:
    from oscar.core.thumbnails import get_thumbnailer

    image = product.primary_image()
    if isinstance(image, dict):  # Oscar's stand-in when the product has no photo
        return ""
    thumbnail = get_thumbnailer().generate_thumbnail(image.original, size=PRODUCT_IMAGE_GEOMETRY, upscale=False)
    return _absolute(request, thumbnail.url)


def _page_image_url(request, page) -> str:
    image = getattr(page, "hero_image", None)
    if image is None:
        return ""
    return _absolute(request, image.get_rendition(PAGE_IMAGE_RENDITION).url)


@register.simple_tag(takes_context=True)
def page_discovery(context) -> PageDiscovery | None:
    """The canonical URL, alternates, OpenGraph facts and JSON-LD of the page being rendered."""
    request = context.get("request")
    if request is None:
        return None
    language = translation.get_language() or settings.LANGUAGE_CODE
    product = context.get("discovery_product")
    page = context.get("page")
    if product is not None:
        canonical_url = _absolute(request, product.get_absolute_url())
    else:
        canonical_url = context.get("canonical_url") or canonical_url_for_request(request)
    if context.get("language_alternates") is not None:  # a view that knows better (the untranslated notice)
        alternates = context["language_alternates"]
    elif isinstance(page, Page):
        # A CMS page is offered only in the languages it is translated into (marketplace.cms.translations).
        alternates = page_alternates(page=page, request=request, query=urlsplit(canonical_url).query)
    else:
        alternates = language_alternates(canonical_url)
    discovery = PageDiscovery(
        canonical_url=canonical_url,
        og_locale=OG_LOCALES.get(language, "vi_VN"),
        og_locale_alternates=[locale for code, locale in OG_LOCALES.items() if code != language],
        alternates=alternates,
    )
    if isinstance(page, Page) or context.get("language_alternates") is not None:
        offered = {alternate["hreflang"] for alternate in alternates}
        discovery.og_locale_alternates = [
            locale for code, locale in OG_LOCALES.items() if code != language and code in offered
        ]
    if product is not None:
        discovery.og_type = "product"
        discovery.image_url = _product_image_url(request, product)
        discovery.json_ld.append(structured_data.json_ld_script(structured_data.product_data(
            product=product, request=request, url=canonical_url, image_url=discovery.image_url,
        )))
    elif isinstance(page, Page):
        discovery.image_url = _page_image_url(request, page)
        if isinstance(page, NewsArticlePage):
            discovery.og_type = "article"
            discovery.json_ld.append(structured_data.json_ld_script(structured_data.news_article_data(
                page=page, request=request, url=canonical_url, image_url=discovery.image_url,
            )))
        elif isinstance(page, HomePage):
            discovery.json_ld.append(structured_data.json_ld_script(
                structured_data.organization_data(request=request),
            ))
    return discovery
