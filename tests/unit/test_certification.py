"""A certificate shows a star only while active and unexpired (the database's refusals: integration tests)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from catalog.models import Product
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_badge

TODAY = datetime.date(2026, 3, 15)
YESTERDAY = TODAY - datetime.timedelta(days=1)
TOMORROW = TODAY + datetime.timedelta(days=1)
Status = Certificate.Status

pytestmark = pytest.mark.usefixtures("sunday_15_march_2026")


def _certificate(*, status=Status.ACTIVE, valid_until=TOMORROW) -> Certificate:
    return Certificate(
        stars=4, code="OCOP-TH-1", decision_number="1/QĐ-UBND", decision_date=datetime.date(2025, 1, 2),
        issuing_level=Certificate.IssuingLevel.PROVINCE, issued_on=datetime.date(2025, 1, 2),
        valid_until=valid_until, status=status,
    )


@pytest.mark.parametrize(
    ("status", "valid_until", "is_valid", "has_expired"),
    [
        (Status.ACTIVE, TOMORROW, True, False),
        (Status.ACTIVE, TODAY, True, False),  # valid through its last day
        (Status.ACTIVE, YESTERDAY, False, True),
        (Status.EXPIRED, TOMORROW, False, True),
        (Status.REVOKED, TOMORROW, False, False),
        (Status.REVOKED, YESTERDAY, False, False),
    ],
)
def test_validity_and_expiry_today(status, valid_until, is_valid, has_expired):
    # given a certificate in some state, when asked today, then validity and expiry are as listed
    certificate = _certificate(status=status, valid_until=valid_until)

    assert certificate.is_valid() is is_valid
    assert certificate.has_expired is has_expired


def test_is_valid_on_a_given_day():
    # given a certificate valid until TODAY, when asked about tomorrow, then it is no longer valid
    certificate = _certificate(valid_until=TODAY)

    assert certificate.is_valid(on=TODAY) is True
    assert certificate.is_valid(on=TOMORROW) is False


def test_product_shows_only_a_valid_certificate():
    # given products pointing at a valid, an expired and a revoked certificate
    valid, expired, revoked = (
        _certificate(), _certificate(valid_until=YESTERDAY), _certificate(status=Status.REVOKED),
    )

    # then only the valid one is the product's star source
    assert _product_of(valid).valid_certificate is valid
    assert _product_of(expired).valid_certificate is None
    assert _product_of(revoked).valid_certificate is None
    assert _product_of(None).valid_certificate is None


def _product_of(certificate: Certificate | None) -> Product:
    """A product whose badge columns were written from ``certificate`` as the certificate services write them."""
    stars, until = certificate_badge(certificate)
    return Product(certificate=certificate, badge_stars=stars, badge_until=until)


def test_clean_refuses_expiry_not_after_issue():
    # given a certificate that would expire the day it is issued
    certificate = _certificate(valid_until=datetime.date(2025, 1, 2))

    # when validated, then the error names the field in Vietnamese
    with translation.override("vi"), pytest.raises(ValidationError) as excinfo:
        certificate.clean()

    assert excinfo.value.message_dict == {"valid_until": ["Ngày hết hạn phải sau ngày cấp."]}
