"""The public certificate check over HTTP: page, search form, PDF and QR image; no login needed."""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from catalog.models import OcopCertification
from ocop_rating.certificates import certificate_issue, certificate_revoke
from tests.factories import OcopCertificationFactory, ProductFactory

from .shop import elements

pytestmark = pytest.mark.django_db

CODE = "38-16378-001-2026"


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def certificate():
    """An active 4★ certificate of a fish sauce from Phường Đông Sơn, issued today."""
    today = datetime.date.today()
    product = ProductFactory(title="Nước mắm Đông Hải")
    return certificate_issue(
        product=product, stars=4, decision_number="125/QĐ-UBND", decision_date=today,
        issuing_level=OcopCertification.IssuingLevel.PROVINCE, criteria_version_code="QD26-2026",
        score_total=Decimal("78.50"), issued_on=today, actor=None,
    )


def _text(response) -> str:
    return response.content.decode()


def test_verify_page_of_an_active_certificate(client, certificate):
    page = client.get(f"/ocop/verify/{certificate.code}/")

    assert page.status_code == 200
    html = _text(page)
    assert certificate.code == f"38-16378-001-{datetime.date.today().year}"
    assert "còn hiệu lực" in html.lower()
    assert [b["data-stars"] for b in elements(page.content, css_class="ocop-badge")] == ["4"]
    assert elements(page.content, href=certificate.product.get_absolute_url())
    assert certificate.product.producer.name in html
    assert "125/QĐ-UBND" in html
    assert certificate.valid_until.strftime("%d/%m/%Y") in html
    assert elements(page.content, href=f"/ocop/verify/{certificate.code}/certificate.pdf")


def test_verify_page_of_an_expired_certificate_shows_no_star(client):
    certificate = OcopCertificationFactory(expired=True, status=OcopCertification.Status.EXPIRED, code=CODE)

    page = client.get(f"/ocop/verify/{CODE}/")

    assert page.status_code == 200
    assert elements(page.content, css_class="ocop-badge") == []
    assert elements(page.content, data_status="expired")
    assert "hết hiệu lực" in _text(page).lower()
    assert certificate.valid_until.strftime("%d/%m/%Y") in _text(page)


def test_verify_page_of_a_revoked_certificate_gives_reason_and_decision(client, certificate):
    certificate_revoke(certificate=certificate, reason="Sử dụng sai nhãn OCOP gây nhầm lẫn",
                       decision_number="301/QĐ-UBND", revoked_on=certificate.issued_on, actor=None)

    page = client.get(reverse("ocop_rating:verify", kwargs={"code": certificate.code}))

    assert page.status_code == 200
    html = _text(page)
    assert elements(page.content, css_class="ocop-badge") == []
    assert elements(page.content, data_status="revoked")
    assert "đã thu hồi" in html.lower()
    assert "Sử dụng sai nhãn OCOP gây nhầm lẫn" in html
    assert "301/QĐ-UBND" in html
    assert certificate.issued_on.strftime("%d/%m/%Y") in html


def test_unknown_code_is_not_found(client, db):
    assert client.get("/ocop/verify/38-16378-999-2026/").status_code == 404
    assert client.get("/ocop/verify/38-16378-999-2026/certificate.pdf").status_code == 404
    assert client.get("/ocop/verify/38-16378-999-2026/qr.png").status_code == 404


def test_search_form_redirects_to_the_code_page(client, certificate):
    form = client.get("/ocop/verify/")
    assert form.status_code == 200
    assert elements(form.content, name="code")

    found = client.get("/ocop/verify/", {"code": f"  {certificate.code} "})

    assert found.status_code == 302
    assert found["Location"] == f"/ocop/verify/{certificate.code}/"


def test_english_page_exists_under_en(client, certificate):
    assert client.get(f"/en/ocop/verify/{certificate.code}/").status_code == 200


def test_certificate_pdf(client, certificate):
    response = client.get(f"/ocop/verify/{certificate.code}/certificate.pdf", HTTP_HOST="ocop.example.vn")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" in text
    assert certificate.code in text
    assert "Nước mắm Đông Hải" in text
    assert f"http://ocop.example.vn/ocop/verify/{certificate.code}/" in text


def test_certificate_pdf_from_the_english_site_prints_the_stable_vietnamese_url(client, certificate):
    response = client.get(f"/en/ocop/verify/{certificate.code}/certificate.pdf", HTTP_HOST="ocop.example.vn")

    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert f"http://ocop.example.vn/ocop/verify/{certificate.code}/" in text
    assert "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP" in text


def test_qr_png(client, certificate):
    response = client.get(f"/ocop/verify/{certificate.code}/qr.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(response.content[16:20], "big")
    assert width % 10 == 0 and width >= 290  # ≥ version 2 (25 modules) + quiet zone 2×4, 10 px each
