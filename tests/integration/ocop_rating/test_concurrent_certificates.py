"""Certificate codes under contention: twelve decisions for products of one commune recorded at once.

Runs in the PostgreSQL pass only: SQLite serialises writers, so it cannot show a race.
"""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.db import connection, connections

from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_issue
from ocop_rating.models import CriteriaVersion
from tests.factories import THANH_HOA, WARD_DONG_SON, ProductFactory, UserFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent issues"),
]

ISSUERS = 12
ROUNDS = 3


def _issue_at_once(products, *, actor, decision_date) -> list[str]:
    """Every product's certificate issued from its own thread and connection, released together."""
    barrier = threading.Barrier(len(products))
    version = CriteriaVersion.objects.get(code="QD26-2026")

    def issue(product) -> str:
        try:
            barrier.wait(timeout=30)
            certificate = certificate_issue(
                product=product, stars=4, decision_number=f"{product.pk}/QĐ-UBND", decision_date=decision_date,
                issuing_level=Certificate.IssuingLevel.PROVINCE, criteria_version=version,
                score_total=Decimal("80.00"), issued_on=decision_date, actor=actor,
            )
            return certificate.code
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(products)) as pool:
        return list(pool.map(issue, products))


def test_concurrent_issues_in_one_commune_get_consecutive_distinct_codes():
    signer = UserFactory()
    prefix = f"{THANH_HOA}-{WARD_DONG_SON:05d}-"
    for round_number in range(ROUNDS):
        # Given twelve more products made in Đông Sơn ward, none certified yet
        products = [
            ProductFactory(title=f"Sản phẩm {round_number}-{n}", origin_province_code=THANH_HOA,
                           origin_ward_code=WARD_DONG_SON)
            for n in range(ISSUERS)
        ]

        # When their 4★ decisions are recorded at the same moment
        codes = _issue_at_once(products, actor=signer, decision_date=datetime.date(2026, 11, 20))

        # Then every one got a certificate, numbered on from the last round without gaps or repeats
        first = round_number * ISSUERS + 1
        assert sorted(codes) == [f"{prefix}{n:03d}-2026" for n in range(first, first + ISSUERS)]
        for product in products:
            product.refresh_from_db()
            assert product.certificate.code in codes
    assert Certificate.objects.filter(status=Certificate.Status.ACTIVE).count() == ISSUERS * ROUNDS
