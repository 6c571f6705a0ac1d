"""schema.org data of the public pages (JSON-LD): Organization, NewsArticle, Product with Offer and OCOP certificate.

Plain dicts built from what the page already shows; ``json_ld_script`` writes them into the page so that
no text (a product title with "</script>") can end the data block.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from marketplace.core.money import to_dong

SCHEMA = "https://schema.org"
DESCRIPTION_LENGTH = 300

# Django's json_script escapes: "<", ">" and "&" as \u escapes, so "</script>" and "<!--" cannot appear.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data: dict) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, escaped as Django's json_script escapes."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308


def plain_text(html: str, *, length: int = DESCRIPTION_LENGTH) -> str:
    return Truncator(" ".join(strip_tags(html or "").split())).chars(length)


def organization_data(*, request) -> dict:
    """The marketplace's operator: name, home URL, logo and, when configured, how to reach them."""
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": str(settings.OSCAR_SHOP_NAME),
        "url": request.build_absolute_uri(reverse("wagtail_serve", args=[""])),
    }
    # The theme has no logo file yet: a static path in SITE_LOGO_STATIC_PATH adds one.
    if logo := getattr(settings, "SITE_LOGO_STATIC_PATH", ""):
        data["logo"] = request.build_absolute_uri(static(logo))
    phone = getattr(settings, "OCOP_OFFICE_PHONE", "")
    email = getattr(settings, "OCOP_OFFICE_EMAIL", "")
    if phone or email:
        contact = {"@type": "ContactPoint", "contactType": "customer support", "areaServed": "VN",
                   "availableLanguage": ["vi", "en"]}
        if phone:
            contact["telephone"] = phone
        if email:
            contact["email"] = email
        data["contactPoint"] = [contact]
    return data


def _publisher(*, request) -> dict:
    organization = organization_data(request=request)
    publisher = {"@type": "Organization", "name": organization["name"], "url": organization["url"]}
    if "logo" in organization:
        publisher["logo"] = {"@type": "ImageObject", "url": organization["logo"]}
    return publisher


def news_article_data(*, page, request, url: str, image_url: str | None) -> dict:
    """A news article: headline, dates, author (the office when none is named), image, publisher."""
    author = (
        {"@type": "Person", "name": page.author_name} if page.author_name
        else {"@type": "Organization", "name": str(settings.OSCAR_SHOP_NAME)}
    )
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": Truncator(page.title).chars(110),
        "datePublished": page.date.isoformat(),
        "author": [author],
        "publisher": _publisher(request=request),
        "mainEntityOfPage": url,
        "url": url,
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if description := plain_text(page.search_description or page.summary):
        data["description"] = description
    if image_url:
        data["image"] = [image_url]
    return data


def certification_data(*, certificate, request) -> dict:
    """The OCOP certificate as a schema.org Certification: name, code, issuer, validity, public check URL."""
    issuer = (
        _("Bộ Nông nghiệp và Môi trường") if certificate.issuing_level == certificate.IssuingLevel.CENTRAL
        else _("Ủy ban nhân dân tỉnh Thanh Hóa")
    )
    return {
        "@type": "Certification",
        "name": _("OCOP %(stars)s sao") % {"stars": certificate.stars},
        "certificationIdentification": certificate.code,
        "certificationRating": {"@type": "Rating", "ratingValue": certificate.stars, "bestRating": 5,
                                "worstRating": 3},
        "issuedBy": {"@type": "Organization", "name": issuer},
        "validFrom": certificate.issued_on.isoformat(),
        "expires": certificate.valid_through.isoformat(),
        "url": request.build_absolute_uri(reverse("ocop_rating:verify", kwargs={"code": certificate.code})),
    }


def product_data(*, product, request, url: str, image_url: str | None) -> dict:
    """A product with its Offer (today's price in whole đồng, stock) and, while it shows its star, the certificate.

    The certificate is the product's ``valid_certificate``: present only while the badge rule
    (``Product.stars_shown_on``) shows its star today, so an expired or revoked one is never claimed.
    """
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.get_title(),
        "url": url,
        "sku": str(product.pk),
    }
    if description := plain_text(product.description):
        data["description"] = description
    if image_url:
        data["image"] = [image_url]
    if product.producer_id:
        data["brand"] = {"@type": "Brand", "name": product.producer.name}
    if not product.is_parent:
        info = request.strategy.fetch_for_product(product)
        price = info.price
        if price.exists:
            amount = price.incl_tax if price.is_tax_known else price.excl_tax
            in_stock = info.availability.is_available_to_buy
            data["offers"] = {
                "@type": "Offer",
                "url": url,
                "price": str(to_dong(amount)),
                "priceCurrency": price.currency,
                "availability": f"{SCHEMA}/{'InStock' if in_stock else 'OutOfStock'}",
                "itemCondition": f"{SCHEMA}/NewCondition",
            }
    certificate = product.valid_certificate
    if certificate is not None:
        data["hasCertification"] = certification_data(certificate=certificate, request=request)
    return data
