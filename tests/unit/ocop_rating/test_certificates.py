"""Certificate rules without a database: validity arithmetic, extension, transitions, PDF and QR output."""

import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader

from catalog.models import Product
from ocop_rating.certificates.documents import certificate_pdf_render, certificate_qr_png
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import (
    ALLOWED_TRANSITIONS,
    CertificateError,
    certificate_issue,
    certificate_status_text,
    certificate_valid_until,
)
from ocop_rating.criteria.models import CriteriaVersion
from tests.factories import CertificateFactory

Status = Certificate.Status
VERIFY_URL = "https://ocop.example.vn/ocop/verify/38-16378-001-2026/"


@pytest.mark.parametrize(
    ("issued_on", "valid_until"),
    [
        (datetime.date(2026, 3, 10), datetime.date(2029, 3, 10)),
        (datetime.date(2028, 2, 29), datetime.date(2031, 2, 28)),
        (datetime.date(2026, 8, 31), datetime.date(2029, 8, 31)),
        (datetime.date(2026, 12, 31), datetime.date(2029, 12, 31)),
    ],
)
def test_a_certificate_is_valid_36_months(issued_on, valid_until):
    assert certificate_valid_until(issued_on=issued_on) == valid_until


def test_nothing_leaves_expired_or_revoked():
    allowed = {status: set(targets) for status, targets in ALLOWED_TRANSITIONS.items()}

    assert allowed == {
        Status.ACTIVE: {Status.EXPIRED, Status.REVOKED},
        Status.EXPIRED: set(),
        Status.REVOKED: set(),
    }


def _certificate(**overrides) -> Certificate:
    values = {
        "product": Product(title="Nem chua Thanh Hóa", origin_province_code=38, origin_ward_code=16378),
        "stars": 4, "code": "38-16378-001-2026", "decision_number": "125/QĐ-UBND",
        "decision_date": datetime.date(2026, 3, 10), "issuing_level": Certificate.IssuingLevel.PROVINCE,
        "score_total": Decimal("78.50"), "issued_on": datetime.date(2026, 3, 10),
        "valid_until": datetime.date(2029, 3, 10), "status": Status.ACTIVE,
        "criteria_version": CriteriaVersion(code="QD26-2026"),
    }
    values.update(overrides)
    return Certificate(**values)


@pytest.mark.parametrize(
    ("extended_until", "on", "valid"),
    [
        (None, datetime.date(2029, 3, 10), True),
        (None, datetime.date(2029, 3, 11), False),
        (datetime.date(2029, 9, 6), datetime.date(2029, 9, 6), True),
        (datetime.date(2029, 9, 6), datetime.date(2029, 9, 7), False),
    ],
)
def test_an_extension_keeps_a_certificate_valid_through_its_last_day(extended_until, on, valid):
    assert _certificate(extended_until=extended_until).is_valid(on=on) is valid


@pytest.mark.parametrize(
    ("status", "on", "text"),
    [
        (Status.ACTIVE, datetime.date(2027, 1, 1), "còn hiệu lực"),
        (Status.ACTIVE, datetime.date(2029, 3, 11), "hết hiệu lực"),  # the daily task has not run yet
        (Status.EXPIRED, datetime.date(2027, 1, 1), "hết hiệu lực"),
        (Status.REVOKED, datetime.date(2027, 1, 1), "đã thu hồi"),
    ],
)
def test_status_in_words(status, on, text):
    with translation.override("vi"):
        assert certificate_status_text(certificate=_certificate(status=status), today=on) == text


@pytest.mark.parametrize(
    ("stars", "level", "message"),
    [
        (2, "province", "Sản phẩm đạt 2 sao không được cấp giấy chứng nhận OCOP (chỉ 3–5 sao)."),
        (5, "province", "Sản phẩm 5 sao chỉ do cấp trung ương (Bộ Nông nghiệp và Môi trường) công nhận."),
        (6, "central", "Hạng sao 6 không hợp lệ (chỉ 3–5 sao)."),
    ],
)
def test_issue_refuses_before_touching_the_database(stars, level, message):
    with translation.override("vi"), pytest.raises(CertificateError) as excinfo:
        certificate_issue(
            product=Product(title="Nem chua"), stars=stars, decision_number="1/QĐ-UBND",
            decision_date=datetime.date(2026, 3, 10), issuing_level=level,
            criteria_version=CriteriaVersion(code="QD26-2026"),
            score_total=None, issued_on=datetime.date(2026, 3, 10), actor=None,
        )
    assert excinfo.value.message == message


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_pdf_is_vietnamese_with_code_and_qr():
    with translation.override("vi"):
        content = certificate_pdf_render(
            certificate=_certificate(), verify_url=VERIFY_URL, today=datetime.date(2027, 1, 1),
        )

    assert content.startswith(b"%PDF")
    text = _pdf_text(content)
    assert "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" in text
    assert "38-16378-001-2026" in text
    assert "Nem chua Thanh Hóa" in text
    assert "Phường Đông Sơn, Thanh Hóa" in text
    assert "4 sao" in text
    assert "Số 125/QĐ-UBND ngày 10/03/2026" in text
    assert "10/03/2029" in text
    assert "78,50" in text
    assert VERIFY_URL in text


def test_pdf_of_a_revoked_certificate_shows_no_star():
    with translation.override("vi"):
        content = certificate_pdf_render(
            certificate=_certificate(status=Status.REVOKED, revocation_reason="Ngừng sản xuất"),
            verify_url=VERIFY_URL, today=datetime.date(2027, 1, 1),
        )

    text = _pdf_text(content)
    assert "4 sao" not in text
    assert "ĐÃ THU HỒI" in text


def test_qr_png_for_packaging():
    png = certificate_qr_png(url=VERIFY_URL)

    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    # version 4 (33 modules) + 2×4 quiet zone, 10 px per module
    assert (width, height) == (410, 410)


@pytest.mark.django_db
def test_pdf_prints_typed_markup_literally_and_carries_no_link():
    # given a product title, a producer name and a decision number typed as markup
    link = '<link href="https://lua-dao.example/">Nhận thưởng</link>'
    certificate = CertificateFactory(decision_number="<b>12</b>/QĐ-UBND", product__title=link)
    certificate.product.producer.name = "<b>Hoàng Minh & <i>con</i>"
    certificate.product.producer.save()

    # when the certificate is printed
    with translation.override("vi"):
        content = certificate_pdf_render(certificate=certificate, verify_url=VERIFY_URL,
                                         today=timezone.localdate())

    # then it shows them as typed and has no link annotation
    text = _pdf_text(content)
    for typed in (link, "<b>Hoàng Minh & <i>con</i>", "Số <b>12</b>/QĐ-UBND"):
        assert typed in text, typed
    assert all(not page.get("/Annots") for page in PdfReader(io.BytesIO(content)).pages)
    assert b"/URI" not in content


@pytest.mark.django_db
def test_pdf_shortens_a_value_too_long_for_its_line_with_an_ellipsis():
    # given a producer whose name is far longer than a line of the certificate
    certificate = CertificateFactory()
    long_name = "Hợp tác xã sản xuất kinh doanh dịch vụ nông nghiệp tổng hợp và du lịch cộng đồng " * 3
    certificate.product.producer.name = long_name
    certificate.product.producer.save()

    # when the certificate is printed
    with translation.override("vi"):
        text = _pdf_text(certificate_pdf_render(certificate=certificate, verify_url=VERIFY_URL,
                                                today=timezone.localdate()))

    # then the line shows the start of the name and says it was shortened
    lines = text.splitlines()
    value = lines[lines.index("Chủ thể OCOP:") + 1].strip()
    assert value.endswith("…")
    assert long_name.startswith(value.removesuffix("…").rstrip())
    assert 40 < len(value) < len(long_name)
