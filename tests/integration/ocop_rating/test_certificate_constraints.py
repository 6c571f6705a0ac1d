"""The database refuses impossible certificates: stars outside 3–5, no validity, two active, 5★ not central."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from catalog.models import Product
from ocop_rating.certificates.models import Certificate
from tests.factories import CertificateFactory, ProductFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sunday_15_march_2026")]

TODAY = datetime.date(2026, 3, 15)
Status = Certificate.Status


class TestDatabaseConstraints:
    @pytest.mark.parametrize("stars", [0, 2, 6])
    def test_stars_outside_three_to_five_are_refused(self, stars):
        product = ProductFactory()

        with pytest.raises(IntegrityError), transaction.atomic():
            CertificateFactory(product=product, stars=stars, issuing_level="central", current=False)

        assert Certificate.objects.count() == 0

    @pytest.mark.parametrize("days_after_issue", [0, -1])
    def test_valid_until_must_be_after_issue(self, days_after_issue):
        product = ProductFactory()

        with pytest.raises(IntegrityError), transaction.atomic():
            CertificateFactory(
                product=product, issued_on=TODAY, valid_until=TODAY + datetime.timedelta(days=days_after_issue),
                current=False,
            )

        assert Certificate.objects.count() == 0

    def test_two_active_certificates_for_one_product_are_refused(self):
        first = CertificateFactory()

        with pytest.raises(IntegrityError), transaction.atomic():
            CertificateFactory(product=first.product, current=False)

        assert list(Certificate.objects.values_list("pk", flat=True)) == [first.pk]

    def test_a_new_active_certificate_after_an_expired_one_is_allowed(self):
        old = CertificateFactory(status=Status.EXPIRED)

        new = CertificateFactory(product=old.product, stars=5)

        assert Certificate.objects.filter(product=old.product).count() == 2
        assert Product.objects.get(pk=old.product.pk).certificate_id == new.pk

    def test_five_stars_must_be_central(self):
        product = ProductFactory()

        with pytest.raises(IntegrityError), transaction.atomic():
            CertificateFactory(product=product, stars=5, issuing_level="province", current=False)

        assert Certificate.objects.count() == 0

    def test_five_stars_central_is_accepted(self):
        certificate = CertificateFactory(stars=5, issuing_level="central")

        assert Certificate.objects.get(pk=certificate.pk).stars == 5
