"""Re-evaluation at expiry: the dossier names the certificate it renews; a late filing keeps it valid.

Decision 26/2026 Art. 12.3: the re-evaluation dossier is filed 180 to 120 days before expiry; a
certificate whose re-evaluation was filed later stays valid until the decision, at most 180 days.
The certificate below expires on 2027-03-01; the window is 2026-09-02 … 2026-10-31.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ocop_rating.certificates.models import Certificate, CertificateEvent
from ocop_rating.certificates.services import certificates_expire_due
from ocop_rating.dossiers.services import dossier_commune_return, dossier_create, dossier_submit
from ocop_rating.models import Dossier
from ocop_rating.results.services import result_finalise, result_record_decision
from tests.factories import CertificateFactory
from tests.rating import PLAN_83, PLAN_LOWEST, dossier_draft, dossier_in_scoring, sheet_score

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
VALID_UNTIL = datetime.date(2027, 3, 1)


@pytest.fixture
def certified(rating_product):
    """The fish sauce holds an active 3★ certificate issued 2024-03-01, valid until 2027-03-01."""
    return CertificateFactory(
        product=rating_product, stars=3, code="38-16378-001-2024", decision_date=datetime.date(2024, 3, 1),
        issued_on=datetime.date(2024, 3, 1), valid_until=VALID_UNTIL, score_total=Decimal("66.00"),
    )


def _at(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 9, 0, tzinfo=VN), tick=False)


def _decided(product, people, *, plan, decision_date):
    """Score the re-evaluation (all four members give ``plan``), finalise and record the decision."""
    dossier, _round = dossier_in_scoring(product, people, kind=Dossier.Kind.RE_EVALUATION)
    for user in (people.chair, *people.members):
        sheet_score(dossier, user, plan)
    result_finalise(dossier=dossier, actor=people.chair)
    return result_record_decision(dossier=dossier, decision_number="88/QĐ-UBND", decision_date=decision_date,
                                  actor=people.signer)


def test_dossier_for_a_re_evaluation_or_upgrade_names_the_certificate_it_renews(people, rating_product, certified):
    dossier = dossier_create(product=rating_product, kind=Dossier.Kind.UPGRADE, actor=people.producer)

    assert dossier.previous_certificate == certified


def test_first_evaluation_names_no_certificate(people, rating_product):
    dossier = dossier_create(product=rating_product, kind=Dossier.Kind.FIRST, actor=people.producer)

    assert dossier.previous_certificate is None


def test_re_evaluation_filed_in_the_window_changes_nothing_and_the_new_certificate_supersedes(
    people, rating_product, certified,
):
    with _at(2026, 10, 15):  # 137 days before expiry: in the window
        result = _decided(rating_product, people, plan=PLAN_83, decision_date=datetime.date(2026, 10, 30))

    certified.refresh_from_db()
    assert (certified.status, certified.extended_until) == (Certificate.Status.EXPIRED, None)
    new = result.certificate
    assert (new.code, new.stars, new.status, new.valid_until) == (
        "38-16378-001-2026", 4, Certificate.Status.ACTIVE, datetime.date(2029, 10, 30),
    )
    rating_product.refresh_from_db()
    assert rating_product.certificate == new


def test_late_re_evaluation_keeps_the_certificate_valid_past_expiry_until_the_decision(
    people, rating_product, certified,
):
    # Given a re-evaluation filed 2026-12-15, 76 days before expiry (after the window closed)
    with _at(2026, 12, 15):
        dossier, _round = dossier_in_scoring(rating_product, people, kind=Dossier.Kind.RE_EVALUATION)

    # Then the certificate is kept valid up to 180 days after expiry, and the extension is on record
    certified.refresh_from_db()
    assert (certified.status, certified.extended_until) == (Certificate.Status.ACTIVE,
                                                            datetime.date(2027, 8, 28))
    assert CertificateEvent.objects.filter(certificate=certified).latest("pk").note == (
        "Gia hạn hiệu lực đến 28/08/2027 trong khi chờ đánh giá lại."
    )
    # and the daily expiry leaves it alone after its own expiry date; the shop still shows its stars
    assert certificates_expire_due(today=datetime.date(2027, 3, 2)) == 0
    assert certified.is_valid(on=datetime.date(2027, 3, 2)) is True

    # When the council rates the product 1★ (not recognised) on 2027-04-10
    with _at(2027, 4, 10):
        for user in (people.chair, *people.members):
            sheet_score(dossier, user, PLAN_LOWEST)
        result_finalise(dossier=dossier, actor=people.chair)
        result = result_record_decision(dossier=dossier, actor=people.signer)

    # Then the certificate expires at once: the extension only lasted while the decision was pending
    certified.refresh_from_db()
    assert (result.star, result.certificate) == (1, None)
    assert certified.status == Certificate.Status.EXPIRED
    assert certified.events.latest("pk").note == "Hồ sơ đánh giá lại không được công nhận: chấm dứt gia hạn."
    rating_product.refresh_from_db()
    assert rating_product.certificate == certified  # the pointer stays; the badge checks validity


def test_late_re_evaluation_refused_before_expiry_only_drops_the_extension(people, rating_product, certified):
    with _at(2026, 12, 15):
        result = _decided(rating_product, people, plan=PLAN_LOWEST, decision_date=datetime.date(2026, 12, 20))

    certified.refresh_from_db()
    assert result.certificate is None
    assert (certified.status, certified.extended_until) == (Certificate.Status.ACTIVE, None)


def test_a_late_re_evaluation_returned_and_resubmitted_extends_once(people, rating_product, certified):
    with _at(2026, 12, 15):
        dossier = dossier_submit(dossier=dossier_draft(rating_product, people, kind=Dossier.Kind.RE_EVALUATION),
                                 actor=people.producer)
        dossier_commune_return(dossier=dossier, reason="Thiếu phiếu kiểm nghiệm", actor=people.officer)
    with _at(2027, 1, 5):
        dossier_submit(dossier=dossier, actor=people.producer)

    certified.refresh_from_db()
    extensions = certified.events.filter(note__startswith="Gia hạn").count()
    assert (certified.extended_until, extensions) == (datetime.date(2027, 8, 28), 1)
