"""Whether a certificate makes its product show stars on a day is decided once.

The certificate services write the product's badge columns (``certificate_badge``); the shop reads them in
Python (``Product.stars_shown_on``) and in SQL (``badge_stars_expression``). On random certificates and days,
all three agree with the certificate's own validity (``Certificate.is_valid``).
"""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import Product
from catalog.selectors import badge_stars_expression
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import (
    certificate_badge,
    certificate_extend_for_late_reevaluation,
    certificate_revoke,
    product_certificate_set,
)
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db

ISSUED = datetime.date(2025, 5, 14)
Status = Certificate.Status

days = st.dates(min_value=datetime.date(2025, 5, 1), max_value=datetime.date(2029, 6, 30))
certificates = st.fixed_dictionaries({
    "stars": st.sampled_from([3, 4, 5]),
    "status": st.sampled_from(Status.values),
    "valid_days": st.integers(min_value=1, max_value=3 * 366),
    "extension_days": st.none() | st.integers(min_value=1, max_value=180),
})


def _certificate(product, spec) -> Certificate:
    valid_until = ISSUED + datetime.timedelta(days=spec["valid_days"])
    extended = spec["extension_days"]
    return CertificateFactory(
        product=product, stars=spec["stars"], status=spec["status"], issued_on=ISSUED, decision_date=ISSUED,
        valid_until=valid_until,
        extended_until=valid_until + datetime.timedelta(days=extended) if extended else None,
        revocation_reason="Vi phạm" if spec["status"] == Status.REVOKED else "",
        current=False,
    )




@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=certificates, day=days)
def test_python_sql_and_certificate_agree_on_the_stars_shown(spec, day):
    # given a product whose current certificate is a random one, written through the certificate service
    product = ProductFactory(title="Nem chua")
    certificate = _certificate(product, spec)
    product_certificate_set(product=product, certificate=certificate)

    # when asked on a random day in Python, in SQL, and of the certificate itself
    in_python = Product.objects.get(pk=product.pk).stars_shown_on(day)
    in_sql = Product.objects.filter(pk=product.pk).annotate(
        shown=badge_stars_expression(today=day),
    ).values_list("shown", flat=True).get()
    expected = certificate.stars if certificate.is_valid(on=day) else None

    # then all three agree
    assert in_python == in_sql == expected


def test_a_product_without_a_certificate_shows_no_stars_either_way():
    # given a product with no certificate
    product = ProductFactory(title="Mật ong")

    # then neither form shows stars, and the badge columns are empty
    day = datetime.date(2026, 11, 30)
    assert product.stars_shown_on(day) is None
    assert Product.objects.filter(pk=product.pk).annotate(
        shown=badge_stars_expression(today=day),
    ).values_list("shown", flat=True).get() is None
    assert certificate_badge(None) == (None, None)


def test_the_badge_follows_revocation_and_extension_through_the_services():
    # given an active 4★ certificate set as the product's current one
    certificate = CertificateFactory(stars=4, issued_on=ISSUED, decision_date=ISSUED,
                                     valid_until=datetime.date(2028, 5, 14))
    product = certificate.product
    product.refresh_from_db()
    assert (product.badge_stars, product.badge_until) == (4, datetime.date(2028, 5, 14))

    # when it is extended for a late re-evaluation, then the badge runs to the extension
    certificate_extend_for_late_reevaluation(certificate=certificate, until=datetime.date(2028, 11, 10), actor=None)
    product.refresh_from_db()
    assert (product.badge_stars, product.badge_until) == (4, datetime.date(2028, 11, 10))

    # when it is revoked, then the badge is gone at once
    certificate_revoke(certificate=certificate, reason="Vi phạm an toàn thực phẩm", decision_number="99/QĐ-UBND",
                       revoked_on=datetime.date(2026, 11, 30), actor=None)
    product.refresh_from_db()
    assert (product.badge_stars, product.badge_until) == (None, None)
    assert product.certificate_id == certificate.pk  # the shop can still say it was revoked
