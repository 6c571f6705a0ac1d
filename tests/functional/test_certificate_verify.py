"""The public certificate check over HTTP: page, search form, PDF and QR image; no login needed."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_issue, certificate_revoke
from ocop_rating.models import CriteriaVersion
from ocop_rating.public import views as public_views
from tests.factories import CertificateFactory, ProductFactory

from .shop import elements, english

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
        issuing_level=Certificate.IssuingLevel.PROVINCE, criteria_version=CriteriaVersion.objects.get(code="QD26-2026"),
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
    certificate = CertificateFactory(expired=True, status=Certificate.Status.EXPIRED, code=CODE)

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


NOT_IN_REGISTER = "Mã số này không có trong sổ chứng nhận sản phẩm OCOP của tỉnh Thanh Hóa."


def test_unknown_code_warns_of_a_possible_counterfeit_and_offers_the_search_again(client, certificate):
    # given a certificate in the register, when someone checks a code that is not
    page = client.get("/ocop/verify/38-16378-999-2026/")

    # then a 404 warning names the code, says it may be counterfeit, says what to do, and lets them retry
    assert page.status_code == 404
    html = _text(page)
    assert re.findall(r"<code data-code>(.*?)</code>", html) == ["38-16378-999-2026"]
    assert NOT_IN_REGISTER in html
    assert "nhãn OCOP trên bao bì có thể là giả mạo" in html
    assert "Văn phòng Điều phối nông thôn mới tỉnh Thanh Hóa" in html
    assert elements(page.content, data_status="not-found")
    assert [form["action"] for form in elements(page.content, css_class="ocop-verify__search")] == ["/ocop/verify/"]
    assert elements(page.content, css_class="ocop-badge") == []


def test_unknown_code_warning_in_english(client, db):
    page = client.get("/en/ocop/verify/38-16378-999-2026/")

    assert page.status_code == 404
    html = _text(page)
    assert '<html lang="en"' in html
    assert english(NOT_IN_REGISTER) in html
    assert [form["action"] for form in elements(page.content, css_class="ocop-verify__search")] == ["/en/ocop/verify/"]


def test_the_office_contact_is_shown_when_configured(client, db, settings):
    settings.OCOP_OFFICE_PHONE = "0237 3 123 456"
    settings.OCOP_OFFICE_EMAIL = "ocop@thanhhoa.gov.vn"

    page = client.get("/ocop/verify/38-16378-999-2026/")

    assert elements(page.content, href="tel:0237 3 123 456")
    assert elements(page.content, href="mailto:ocop@thanhhoa.gov.vn")


def test_the_typed_code_is_shown_as_text_not_markup(client, db):
    page = client.get("/ocop/verify/", {"code": '<script>alert("x")</script>'})

    assert page.status_code == 404
    html = _text(page)
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert NOT_IN_REGISTER in html


@pytest.mark.parametrize("typed", ["a/b", "38/16378/001/2026", "38-16378-001-2026/qr.png", "?", "#1", "..", "x" * 10_000])
def test_search_for_a_code_no_url_can_hold_answers_not_in_register(client, db, typed):
    # /ocop/verify/<code>/ cannot carry these: no redirect to it, the warning straight away
    page = client.get("/ocop/verify/", {"code": typed})

    assert page.status_code == 404
    assert NOT_IN_REGISTER in _text(page)


def _certificate_queries(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if "ocopcertification" in (q["sql"] or "").lower()]


@pytest.mark.parametrize("path", [
    "/ocop/verify/%C2%B3%C2%B3-1/", "/ocop/verify/%EF%BC%93%EF%BC%98-16378-001-2026/",
    "/ocop/verify/' OR 1=1 --/", "/ocop/verify/{{ code }}/", "/ocop/verify/38_16378_001_2026/",
])
def test_code_that_cannot_be_a_certificate_code_is_not_in_register_without_a_lookup(client, db, path):
    # non-ASCII digits (³, full-width ３８), SQL and template syntax never reach the certificates table
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)

    assert page.status_code == 404
    assert NOT_IN_REGISTER in _text(page)
    assert _certificate_queries(queries) == []


@pytest.mark.parametrize("code", ["%00", "38-16378-001-2026%00", "a%00b"])
def test_nul_in_the_code_never_reaches_the_database(client, db, settings, code):
    # given the views without the middleware that refuses NUL anywhere in a request
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if m != "marketplace.core.middleware.RejectNullCharactersMiddleware"]

    # when a code with NUL (refused by PostgreSQL) is checked, with its PDF and QR image
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/ocop/verify/{code}/")
        pdf = client.get(f"/ocop/verify/{code}/certificate.pdf")
        qr = client.get(f"/ocop/verify/{code}/qr.png")

    # then it is not in the register, and the certificates table was never asked
    assert (page.status_code, pdf.status_code, qr.status_code) == (404, 404, 404)
    assert NOT_IN_REGISTER in _text(page)
    assert _certificate_queries(queries) == []


@pytest.mark.parametrize(("typed", "cleaned"), [
    ("38-14797-003-2024", "38-14797-003-2024"),
    ("  38 - 14797 - 003 - 2024 ", "38-14797-003-2024"),
    ("38–14797—003‐2024", "38-14797-003-2024"),
    ("ocop-th-2026-00042", "OCOP-TH-2026-00042"),
    ("38-14797-003-2024\x00", None),
    ("３８-14797-003-2024", None),
    ("38-14797-003-2024/", None),
    ("38--14797", None),
    ("-38", None),
    ("ß-1", None),
    ("", None),
    ("1" * 65, None),
])
def test_certificate_code_clean(typed, cleaned):
    assert public_views.certificate_code_clean(typed) == cleaned


def test_search_is_lenient_with_spaces_case_and_dashes(client, db):
    certificate = CertificateFactory(code="OCOP-TH-2026-00042")

    found = client.get("/ocop/verify/", {"code": " ocop – th – 2026 – 00042 "})

    assert found.status_code == 302
    assert found["Location"] == "/ocop/verify/OCOP-TH-2026-00042/"
    page = client.get(found["Location"])
    assert page.status_code == 200
    assert certificate.product.get_title() in _text(page)
    assert client.get("/ocop/verify/ocop-th-2026-00042/").status_code == 200
    assert client.get("/ocop/verify/ocop-th-2026-00042/qr.png").status_code == 200


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
