"""The postal channel's pull feeds, /feeds/postal.xml and /feeds/postal.csv, and the producer's opt-in page.

Given a known 4★ product of an opted-in producer, the XML (RSS 2.0, g: namespace) and the CSV carry
exactly its Merchant fields; products that are hidden, out of stock, without an image or of a producer
who did not opt in are absent; an expired or revoked certificate leaves no OCOP field. An unchanged feed
answers 304, a price edit a new ETag; a token, when set, is required. The producer opts in at
/producer/kenh-buu-dien/; staff doing assisted listing are refused and nothing is written.
"""

from __future__ import annotations

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.storage import default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import ProductSet
from catalog.renditions import rendition_name
from marketplace.channels.mapping import FIELDS
from marketplace.producers.models import Producer, ProducerAction
from marketplace.producers.portal.access import SESSION_ASSISTED
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    producer_user,
)

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")

G = "{http://base.google.com/ns/1.0}"
XML_URL = "/feeds/postal.xml"
CSV_URL = "/feeds/postal.csv"
BASE = "http://testserver"
# The feed's queries, whatever the number of products: six aggregates and the count of feed_version,
# then the products and their images (one chunk).
FEED_QUERIES = 9
CHANNEL_PAGE = reverse("producer_portal:channel_settings")


def _image_url(image) -> str:
    return BASE + default_storage.url(rendition_name(image.original.name, "440x400"))


@pytest.fixture
def nem_chua():
    """A 4★ nem chua (set #8) of an opted-in producer, 125.000 ₫, 7 available, two photos."""
    producer = ProducerFactory(name="HTX Nem chua Thanh Hóa", postal_channel_opt_in=True)
    product = ProductFactory(
        title="Nem chua Thanh Hóa", producer=producer, ocop_set=ProductSet.objects.get(number=8),
        description="<p>Nem chua <strong>lá ổi</strong>,</p><p>ăn   kèm &amp; tỏi ớt.</p><script>x()</script>",
        weight_grams=500, stockrecord__price=Decimal("125000"), stockrecord__num_in_stock=10,
        stockrecord__num_allocated=3,
    )
    first = ProductImageFactory(product=product, display_order=0)
    second = ProductImageFactory(product=product, display_order=1)
    certificate = CertificateFactory(product=product, stars=4, code="38-16378-001-2025",
                                     decision_number="715/QĐ-UBND", valid_until=datetime.date(2028, 5, 31))
    product.images_expected = (first, second)
    product.certificate_expected = certificate
    return product


def _listed(**fields):
    """A product that the feeds list (opted-in producer, in stock, with a photo)."""
    producer = fields.pop("producer", None) or ProducerFactory(postal_channel_opt_in=True)
    product = ProductFactory(producer=producer, **fields)
    ProductImageFactory(product=product)
    return product


def _xml_items(response) -> dict[str, ET.Element]:
    assert response.status_code == 200, response
    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(b"".join(response.streaming_content))
    assert root.tag == "rss" and root.get("version") == "2.0"
    return {item.findtext(f"{G}id"): item for item in root.find("channel").findall("item")}


def _csv_rows(response) -> tuple[list[str], list[dict]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    reader = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def _details(item: ET.Element) -> list[tuple[str, str, str]]:
    return [(detail.findtext(f"{G}section_name"), detail.findtext(f"{G}attribute_name"),
             detail.findtext(f"{G}attribute_value")) for detail in item.findall(f"{G}product_detail")]


def test_the_xml_item_of_a_4_star_product_has_every_merchant_field(client, nem_chua):
    items = _xml_items(client.get(XML_URL))
    item = items[f"SP-{nem_chua.pk}"]
    first, second = nem_chua.images_expected
    assert item.findtext("title") == "Nem chua Thanh Hóa"
    assert item.findtext("description") == "Nem chua lá ổi , ăn kèm & tỏi ớt."
    assert item.findtext("link") == BASE + nem_chua.get_absolute_url()
    assert item.findtext(f"{G}image_link") == _image_url(first)
    assert [e.text for e in item.findall(f"{G}additional_image_link")] == [_image_url(second)]
    assert item.findtext(f"{G}price") == "125000 VND"
    assert item.findtext(f"{G}availability") == "in_stock"
    assert item.findtext(f"{G}brand") == "HTX Nem chua Thanh Hóa"
    assert item.findtext(f"{G}condition") == "new"
    assert item.findtext(f"{G}shipping_weight") == "500 g"
    assert item.findtext(f"{G}product_type") == (
        "Thực phẩm > Chế biến từ thịt, thủy sản, trứng, sữa, mật ong và nông sản thực phẩm khác")
    assert item.findtext(f"{G}google_product_category") == (
        "Thực phẩm, Đồ uống & Thuốc lá > Thực phẩm > Thịt, hải sản & trứng")
    assert item.findtext(f"{G}custom_label_0") == "ocop_4_sao"
    assert item.findtext(f"{G}custom_label_1") == "Thanh Hóa"
    assert _details(item) == [
        ("OCOP", "Hạng sao", "4"),
        ("OCOP", "Mã sản phẩm OCOP", "38-16378-001-2025"),
        ("OCOP", "Quyết định công nhận", "715/QĐ-UBND"),
        ("OCOP", "Hiệu lực đến", "2028-05-31"),
        ("OCOP", "Bộ sản phẩm", "#8"),
    ]
    # and the image the feed points at is really there
    assert default_storage.exists(rendition_name(first.original.name, "440x400"))


def test_the_csv_has_merchant_header_and_the_same_values(client, nem_chua):
    header, rows = _csv_rows(client.get(CSV_URL))
    assert header == list(FIELDS) == [
        "id", "title", "description", "link", "image_link", "additional_image_link", "availability", "price",
        "brand", "condition", "shipping_weight", "product_type", "google_product_category",
        "custom_label_0", "custom_label_1", "product_detail",
    ]
    (row,) = rows
    assert row["id"] == f"SP-{nem_chua.pk}"
    assert row["price"] == "125000 VND"
    assert row["additional_image_link"] == _image_url(nem_chua.images_expected[1])
    assert row["product_detail"] == ("OCOP:Hạng sao:4,OCOP:Mã sản phẩm OCOP:38-16378-001-2025,"
                                     "OCOP:Quyết định công nhận:715/QĐ-UBND,OCOP:Hiệu lực đến:2028-05-31,"
                                     "OCOP:Bộ sản phẩm:#8")


def test_csv_cells_that_could_run_as_formulas_are_made_text(client):
    product = _listed(title="=HYPERLINK(\"http://x\")")
    _, rows = _csv_rows(client.get(CSV_URL))
    assert [row["title"] for row in rows if row["id"] == f"SP-{product.pk}"] == ["'=HYPERLINK(\"http://x\")"]


def test_products_that_are_not_eligible_are_absent(client, nem_chua):
    hidden = _listed(is_public=False)
    sold_out = _listed(stockrecord__num_in_stock=4, stockrecord__num_allocated=4)
    no_image = ProductFactory(producer=ProducerFactory(postal_channel_opt_in=True))
    not_opted_in = ProductFactory(producer=ProducerFactory(postal_channel_opt_in=False))
    ProductImageFactory(product=not_opted_in)
    no_stockrecord = _listed(stockrecord=None)
    ids = set(_xml_items(client.get(XML_URL)))
    assert ids == {f"SP-{nem_chua.pk}"}
    for absent in (hidden, sold_out, no_image, not_opted_in, no_stockrecord):
        assert f"SP-{absent.pk}" not in ids


def test_a_product_without_certificate_has_no_ocop_fields(client):
    product = _listed()
    item = _xml_items(client.get(XML_URL))[f"SP-{product.pk}"]
    assert item.find(f"{G}custom_label_0") is None
    assert _details(item) == []


def test_an_expired_certificate_removes_the_ocop_fields_at_midnight(client, nem_chua):
    # Given the certificate's last valid day, the OCOP fields are there until midnight, gone the next day.
    with time_machine.travel(datetime.datetime(2028, 5, 31, 16, 59, tzinfo=datetime.UTC), tick=False):
        before = client.get(XML_URL)
        item = _xml_items(before)[f"SP-{nem_chua.pk}"]
        assert item.findtext(f"{G}custom_label_0") == "ocop_4_sao"
    with time_machine.travel(datetime.datetime(2028, 5, 31, 17, 0, tzinfo=datetime.UTC), tick=False):
        after = client.get(XML_URL, headers={"If-None-Match": before["ETag"]})
        item = _xml_items(after)[f"SP-{nem_chua.pk}"]
    assert after["ETag"] != before["ETag"]
    assert item.find(f"{G}custom_label_0") is None
    assert _details(item) == []
    assert item.findtext(f"{G}price") == "125000 VND"  # still listed, without the star


def test_a_revoked_certificate_has_no_ocop_fields(client):
    product = _listed()
    CertificateFactory(product=product, revoked=True)
    item = _xml_items(client.get(XML_URL))[f"SP-{product.pk}"]
    assert item.find(f"{G}custom_label_0") is None
    assert _details(item) == []


def test_an_unchanged_feed_answers_304_and_a_price_edit_a_new_etag(client, nem_chua):
    first = client.get(XML_URL)
    b"".join(first.streaming_content)
    assert first["Cache-Control"] == "private, no-cache"
    etag, last_modified = first["ETag"], first["Last-Modified"]

    assert client.get(XML_URL, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(XML_URL, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(CSV_URL, headers={"If-None-Match": etag}).status_code == 304

    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=5)):
        record = StockRecord.objects.get(product=nem_chua)
        record.price = Decimal("130000")
        record.save()
        changed = client.get(XML_URL, headers={"If-None-Match": etag})
        assert changed.status_code == 200
        assert changed["ETag"] != etag
        assert _xml_items(changed)[f"SP-{nem_chua.pk}"].findtext(f"{G}price") == "130000 VND"
        since = client.get(XML_URL, headers={"If-Modified-Since": last_modified})
        assert since.status_code == 200


def test_a_photo_reordered_changes_the_etag(client, nem_chua):
    etag = client.get(XML_URL)["ETag"]
    first, second = nem_chua.images_expected
    first.display_order, second.display_order = 1, 0
    first.save(update_fields=["display_order"])
    second.save(update_fields=["display_order"])
    assert client.get(XML_URL, headers={"If-None-Match": etag}).status_code == 200


@pytest.mark.parametrize("url", [XML_URL, CSV_URL])
def test_with_a_token_set_wrong_or_missing_is_403_and_right_is_200(client, nem_chua, settings, url):
    settings.POSTAL_FEED_TOKEN = "bi-mat-cua-buu-dien"
    missing = client.get(url)
    assert missing.status_code == 403
    assert missing.content.decode() == "Cần mã truy cập hợp lệ để đọc nguồn dữ liệu của kênh bưu điện."
    assert client.get(url, {"token": "sai"}).status_code == 403
    assert client.get(url, headers={"Authorization": "Bearer sai"}).status_code == 403
    assert client.get(url, {"token": "bi-mat-cua-buu-dien"}).status_code == 200
    assert client.get(url, headers={"Authorization": "Bearer bi-mat-cua-buu-dien"}).status_code == 200


def test_the_feed_is_get_only(client, nem_chua):
    assert client.post(XML_URL).status_code == 405


@pytest.mark.parametrize("count", [1, 20])
def test_the_feed_costs_a_fixed_number_of_queries(client, count):
    producer = ProducerFactory(postal_channel_opt_in=True)
    products = [_listed(producer=producer) for _ in range(count)]
    CertificateFactory(product=products[0])
    with CaptureQueriesContext(connection) as queries:
        assert len(_xml_items(client.get(XML_URL))) == count
    assert len(queries) == FEED_QUERIES, [query["sql"][:120] for query in queries]


# ---------------------------------------------------------------- the producer's opt-in page


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_producer_opts_in_and_out_and_each_change_is_recorded(client, nem_chua):
    producer = ProducerFactory(name="HTX Mật ong Bá Thước")
    product = _listed(producer=producer)
    owner = _signed_in(producer_user(producer))

    page = owner.get(CHANNEL_PAGE)
    assert page.status_code == 200
    assert "Chưa đăng bán trên kênh bưu điện." in page.content.decode()
    assert f"SP-{product.pk}" not in _xml_items(client.get(XML_URL))

    assert owner.post(CHANNEL_PAGE, {"opt_in": "1"}).status_code == 302
    producer.refresh_from_db()
    assert producer.postal_channel_opt_in is True
    assert producer.postal_channel_opt_in_changed_at is not None
    assert "Đang đăng bán trên kênh bưu điện: 1 sản phẩm được gửi." in owner.get(CHANNEL_PAGE).content.decode()
    assert f"SP-{product.pk}" in _xml_items(client.get(XML_URL))

    assert owner.post(CHANNEL_PAGE, {"opt_in": "1"}).status_code == 302  # same choice again: nothing written
    assert owner.post(CHANNEL_PAGE, {"opt_in": "0"}).status_code == 302
    producer.refresh_from_db()
    assert producer.postal_channel_opt_in is False
    assert list(ProducerAction.objects.filter(producer=producer).values_list("action", "assisted")) == [
        ("postal_channel_opt_out", False), ("postal_channel_opt_in", False),
    ]
    assert f"SP-{product.pk}" not in _xml_items(client.get(XML_URL))


def test_a_bad_choice_gets_a_clear_error_and_nothing_is_written():
    producer = ProducerFactory()
    owner = _signed_in(producer_user(producer))
    response = owner.post(CHANNEL_PAGE, {"opt_in": "yes"})
    assert response.status_code == 400
    assert ("Lựa chọn không hợp lệ: hãy chọn đăng bán hoặc ngừng đăng bán trên kênh bưu điện."
            in response.content.decode())
    missing = owner.post(CHANNEL_PAGE, {})
    assert "Hãy chọn đăng bán hoặc ngừng đăng bán trên kênh bưu điện." in missing.content.decode()
    assert Producer.objects.values_list("postal_channel_opt_in", flat=True).get(pk=producer.pk) is False
    assert not ProducerAction.objects.filter(producer=producer).exists()


def test_staff_doing_assisted_listing_may_not_change_it():
    producer = ProducerFactory()
    assistant = UserFactory(is_staff=True)
    assistant.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
    client = _signed_in(assistant)
    session = client.session
    session[SESSION_ASSISTED] = producer.pk
    session.save()

    assert client.get(CHANNEL_PAGE).status_code == 200
    response = client.post(CHANNEL_PAGE, {"opt_in": "1"})
    assert response.status_code == 403
    assert ("Việc đăng bán trên kênh bưu điện do chính chủ thể quyết định: nhân viên hỗ trợ đăng bán không được "
            "thay đổi. Hãy để người của chủ thể tự chọn.") in response.content.decode()
    producer.refresh_from_db()
    assert producer.postal_channel_opt_in is False
    assert producer.postal_channel_opt_in_changed_at is None
    assert not ProducerAction.objects.filter(producer=producer).exists()
