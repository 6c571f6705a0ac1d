"""A certificate that expires (the daily task, frozen time) or is revoked takes the OCOP fields off the channel.

Given a 4★ product the channel holds with its OCOP product_detail entries, the certificate's expiry by the
daily task or its revocation writes a message; the next drain pushes an upsert without any OCOP entry and
without the star label, and the pull feed has no OCOP field for it either.
"""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine
from django.contrib.auth.models import Group

from marketplace.channels.models import ChannelListing
from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_revoke
from ocop_rating.tasks import certificates_daily
from tests.factories import CertificateFactory, UserFactory

from .conftest import listed_product_make

pytestmark = pytest.mark.django_db

G = "{http://base.google.com/ns/1.0}"
VALID_UNTIL = datetime.date(2026, 6, 30)


def _noon(day: datetime.date) -> datetime.datetime:
    """Noon in Hà Nội (05:00 UTC), so that the local date is ``day``."""
    return datetime.datetime(day.year, day.month, day.day, 5, 0, tzinfo=datetime.UTC)


def _ocop_details(item: dict) -> list[str]:
    return [detail for detail in item.get("product_detail", []) if detail.startswith("OCOP:")]


def _feed_item(client, listing: str) -> ET.Element:
    response = client.get("/feeds/postal.xml")
    assert response.status_code == 200
    root = ET.fromstring(b"".join(response.streaming_content))
    items = {item.findtext(f"{G}id"): item for item in root.find("channel").findall("item")}
    return items[listing]


def _synced_4_star_product(postal):
    """A 4★ product (certificate valid until 30/06/2026) on the channel with its OCOP fields."""
    product = listed_product_make(title="Mắm tép Hà Thanh")
    certificate = CertificateFactory(product=product, stars=4, code="38-16378-009-2026",
                                     decision_number="120/QĐ-UBND", decision_date=datetime.date(2026, 3, 1),
                                     valid_until=VALID_UNTIL)
    assert postal.drain().delivered == 1
    (item,) = postal.double.upserts
    assert item["custom_label_0"] == "ocop_4_sao"
    assert _ocop_details(item) == [
        "OCOP:Hạng sao:4", "OCOP:Mã sản phẩm OCOP:38-16378-009-2026", "OCOP:Quyết định công nhận:120/QĐ-UBND",
        "OCOP:Hiệu lực đến:2026-06-30", "OCOP:Bộ sản phẩm:#9",
    ]
    return product, certificate


def _assert_pushed_without_ocop(postal, client, product):
    listing = f"SP-{product.pk}"
    assert len(postal.double.upserts) == 2
    update = postal.double.upserts[1]
    assert update["id"] == listing
    assert update["product_detail"] == []  # sent empty: the channel drops the entries it held
    assert "custom_label_0" not in update
    assert update["price"] == "125000 VND"  # still listed, without the star
    assert postal.double.listings[listing] == update
    assert ChannelListing.objects.get(key=str(product.pk)).content_hash == update["content_hash"]
    feed_item = _feed_item(client, listing)
    assert feed_item.findall(f"{G}product_detail") == []
    assert feed_item.find(f"{G}custom_label_0") is None


def test_a_certificate_expired_by_the_daily_task_pushes_an_update_without_ocop_fields(postal, client):
    with time_machine.travel(_noon(datetime.date(2026, 3, 15)), tick=False):
        product, certificate = _synced_4_star_product(postal)

    # when the daily task runs on the last valid day, nothing changes
    with time_machine.travel(_noon(VALID_UNTIL), tick=False):
        assert certificates_daily.delay().get()["expired"] == 0
        assert postal.drain().batches == 0
        assert len(postal.double.upserts) == 1

    # when it runs the day after
    with time_machine.travel(_noon(VALID_UNTIL + datetime.timedelta(days=1)), tick=False):
        assert certificates_daily.delay().get()["expired"] == 1
        report = postal.drain()

        # then the next drain pushes the listing without its OCOP fields, and the pull feed agrees
        assert (report.batches, report.delivered) == (1, 1)
        certificate.refresh_from_db()
        assert certificate.status == Certificate.Status.EXPIRED
        _assert_pushed_without_ocop(postal, client, product)


def test_a_revoked_certificate_pushes_an_update_without_ocop_fields(postal, client):
    with time_machine.travel(_noon(datetime.date(2026, 3, 15)), tick=False):
        product, certificate = _synced_4_star_product(postal)
        officer = UserFactory()
        officer.groups.add(Group.objects.get(name=roles.SECRETARIAT))

        # when the secretariat revokes the certificate
        certificate_revoke(certificate=certificate, reason="Sử dụng sai nhãn OCOP gây nhầm lẫn",
                           decision_number="301/QĐ-UBND", revoked_on=datetime.date(2026, 3, 15), actor=officer)
        report = postal.drain()

        # then the next drain pushes the listing without its OCOP fields, and the pull feed agrees
        assert (report.batches, report.delivered) == (1, 1)
        _assert_pushed_without_ocop(postal, client, product)
