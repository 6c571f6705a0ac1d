"""The postal channel's pull feeds: /feeds/postal.xml (RSS 2.0 with Google's g: namespace) and /feeds/postal.csv.

Both stream in constant memory: the listed products are read in chunks of CHUNK_SIZE (their images
prefetched per chunk) and written out item by item. Their ETag and Last-Modified come from cheap
aggregates computed before streaming, so a channel that fetches an unchanged feed gets a 304. When
``POSTAL_FEED_TOKEN`` is set, a request must carry it (``?token=`` or ``Authorization: Bearer``).
"""

from __future__ import annotations

import hmac
import io
from collections.abc import Callable, Iterator
from xml.sax.saxutils import XMLGenerator

from django.conf import settings
from django.http import HttpResponseForbidden, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from marketplace.core.spreadsheets import SpreadsheetSafeCSVWriter

from . import selectors
from .mapping import FIELDS, REPEATED_FIELDS, listing_item

CHUNK_SIZE = 500
GOOGLE_NAMESPACE = "http://base.google.com/ns/1.0"
# Elements of RSS itself; every other field is written in the g: namespace.
RSS_FIELDS = {"title": "title", "link": "link", "description": "description"}
CSV_LIST_SEPARATOR = ","


def _token_given(request) -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header.removeprefix("Bearer ").strip()
    return request.GET.get("token", "")


def _token_accepted(request) -> bool:
    expected = settings.POSTAL_FEED_TOKEN
    if not expected:
        return True
    return hmac.compare_digest(_token_given(request).encode(), expected.encode())


def _items(*, base_url: str) -> Iterator[dict]:
    """The Merchant items of the listed products, read CHUNK_SIZE at a time, in Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):
        for product in selectors.listed_products().iterator(chunk_size=CHUNK_SIZE):
            yield listing_item(product, base_url=base_url)


def _drained(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def xml_chunks(items: Iterator[dict], *, title: str, link: str, description: str) -> Iterator[str]:
    """The RSS 2.0 document of ``items``, one string per item (never the whole document in memory)."""
    buffer = io.StringIO()
    xml = XMLGenerator(buffer, encoding="utf-8", short_empty_elements=True)

    def element(name: str, text: str) -> None:
        xml.startElement(name, {})
        xml.characters(text)
        xml.endElement(name)

    xml.startDocument()
    xml.startElement("rss", {"version": "2.0", "xmlns:g": GOOGLE_NAMESPACE})
    xml.startElement("channel", {})
    element("title", title)
    element("link", link)
    element("description", description)
    yield _drained(buffer)
    for item in items:
        xml.startElement("item", {})
        for name in FIELDS:
            value = item.get(name)
            if not value:
                continue
            if name == "product_detail":
                for detail in value:
                    xml.startElement("g:product_detail", {})
                    element("g:section_name", detail.section)
                    element("g:attribute_name", detail.name)
                    element("g:attribute_value", detail.value)
                    xml.endElement("g:product_detail")
            elif name in REPEATED_FIELDS:
                for one in value:
                    element(f"g:{name}", one)
            else:
                element(RSS_FIELDS.get(name, f"g:{name}"), value)
        xml.endElement("item")
        yield _drained(buffer)
    xml.endElement("channel")
    xml.endElement("rss")
    xml.endDocument()
    yield _drained(buffer) + "\n"


def csv_chunks(items: Iterator[dict]) -> Iterator[str]:
    """The CSV of ``items`` with Merchant's column names, one string per row.

    Repeated fields hold their values joined by commas, ``product_detail`` each entry as
    ``section:name:value`` (Merchant's text format). Cells are spreadsheet-safe.
    """
    buffer = io.StringIO()
    writer = SpreadsheetSafeCSVWriter(buffer)
    writer.writerow(FIELDS)
    yield _drained(buffer)
    for item in items:
        row = []
        for name in FIELDS:
            value = item.get(name, "")
            if name in REPEATED_FIELDS:
                value = CSV_LIST_SEPARATOR.join(str(one) for one in value)
            row.append(value)
        writer.writerow(row)
        yield _drained(buffer)


def _feed(request, *, content_type: str, chunks: Callable[[str], Iterator[str]]):
    if not _token_accepted(request):
        return HttpResponseForbidden(
            _("Cần mã truy cập hợp lệ để đọc nguồn dữ liệu của kênh bưu điện."), content_type="text/plain; charset=utf-8",
        )
    version = selectors.feed_version(now=timezone.now())
    etag = f'"{version.etag}"'
    last_modified = int(version.last_modified.timestamp())
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        base_url = request.build_absolute_uri("/")
        with translation.override(settings.LANGUAGE_CODE):
            streamed = chunks(base_url)
        response = StreamingHttpResponse(streamed, content_type=content_type)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, private=True, no_cache=True)
    return response


@require_safe
def postal_feed_xml(request):
    """The listed products as an RSS 2.0 feed of Merchant items."""
    return _feed(request, content_type="application/rss+xml; charset=utf-8", chunks=lambda base_url: xml_chunks(
        _items(base_url=base_url), title=_("Sản phẩm OCOP trên Chợ OCOP Thanh Hóa"), link=base_url,
        description=_("Sản phẩm OCOP đang bán, cho kênh thương mại điện tử bưu điện"),
    ))


@require_safe
def postal_feed_csv(request):
    """The listed products as a CSV of Merchant items."""
    return _feed(request, content_type="text/csv; charset=utf-8",
                 chunks=lambda base_url: csv_chunks(_items(base_url=base_url)))
