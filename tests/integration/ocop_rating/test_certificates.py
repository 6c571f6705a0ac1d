"""Certificate services: issue, revoke, expire, extend, remind — and what the shop shows afterwards."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client

from catalog.models import Product
from ocop_rating import roles
from ocop_rating.certificates.models import Certificate, CertificateEvent
from ocop_rating.certificates.services import (
    CertificateError,
    CertificateTransitionError,
    certificate_code_allocate,
    certificate_extend_for_late_reevaluation,
    certificate_issue,
    certificate_revoke,
    certificates_expire_due,
    certificates_remind_reevaluation,
)
from ocop_rating.models import AuditEvent, CriteriaVersion
from ocop_rating.tasks import certificates_daily
from ocop_rating.workflow.events import PermissionRefused
from tests.factories import (
    HANOI,
    THANH_HOA,
    WARD_BIM_SON,
    WARD_DONG_SON,
    CertificateFactory,
    ProductFactory,
    UserFactory,
)
from tests.functional.shop import elements

pytestmark = pytest.mark.django_db

Status = Certificate.Status
ISSUED_ON = datetime.date(2026, 3, 10)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _noon(day: datetime.date) -> datetime.datetime:
    """Noon in Hà Nội of that day (05:00 UTC), so the local date is ``day`` whatever the server's zone."""
    return datetime.datetime(day.year, day.month, day.day, 5, 0, tzinfo=datetime.UTC)


def _issue(product, **overrides) -> Certificate:
    values = {
        "product": product, "stars": 4, "decision_number": "125/QĐ-UBND", "decision_date": ISSUED_ON,
        "issuing_level": Certificate.IssuingLevel.PROVINCE, "criteria_version": CriteriaVersion.objects.get(code="QD26-2026"),
        "score_total": Decimal("78.50"), "issued_on": ISSUED_ON, "actor": None,
    }
    values.update(overrides)
    return certificate_issue(**values)


def _badges(product) -> tuple[list, list]:
    page = Client().get(product.get_absolute_url())
    assert page.status_code == 200
    return elements(page.content, css_class="ocop-badge"), elements(page.content, css_class="ocop-expired")


class TestIssue:
    def test_issue_writes_code_validity_event_and_points_the_product_at_it(self):
        # given a product from Phường Đông Sơn, Thanh Hóa, and a secretariat user
        product = ProductFactory(origin_province_code=THANH_HOA, origin_ward_code=WARD_DONG_SON)
        secretary = UserFactory()

        # when a 4★ certificate is issued on 10/03/2026
        certificate = _issue(product, actor=secretary)

        # then its code is T-X-STT-year, it is valid 36 months, active and the product's current one
        assert certificate.code == "38-16378-001-2026"
        assert certificate.valid_until == datetime.date(2029, 3, 10)
        assert certificate.status == Status.ACTIVE
        assert certificate.criteria_version.code == "QD26-2026"
        assert certificate.score_total == Decimal("78.50")
        assert Product.objects.get(pk=product.pk).certificate_id == certificate.pk
        event = CertificateEvent.objects.get(certificate=certificate)
        assert (event.actor, event.from_status, event.to_status) == (secretary, "", Status.ACTIVE)
        assert event.note == "Cấp theo quyết định 125/QĐ-UBND."

    def test_sequence_counts_per_commune_and_year(self):
        # given two products of Đông Sơn and one of Bỉm Sơn
        dong_son_1, dong_son_2 = ProductFactory(), ProductFactory()
        bim_son = ProductFactory(origin_ward_code=WARD_BIM_SON)

        # when they are certified in 2026, and one again in 2027
        codes = [_issue(p).code for p in (dong_son_1, bim_son, dong_son_2)]
        next_year = _issue(
            dong_son_1, issued_on=datetime.date(2027, 1, 5), decision_date=datetime.date(2027, 1, 5),
        )

        # then each commune counts its own certificates, and a new year starts at 001
        assert codes == ["38-16378-001-2026", "38-14812-001-2026", "38-16378-002-2026"]
        assert next_year.code == "38-16378-001-2027"
        assert certificate_code_allocate(product=dong_son_1, year=2026) == "38-16378-003-2026"

    def test_a_certificate_issued_on_29_february_ends_on_28_february(self):
        product = ProductFactory()

        certificate = _issue(product, issued_on=datetime.date(2028, 2, 29), decision_date=datetime.date(2028, 2, 29))

        assert certificate.valid_until == datetime.date(2031, 2, 28)

    def test_a_new_certificate_supersedes_the_active_one(self):
        # given a product with an active 3★ certificate
        product = ProductFactory()
        earlier = _issue(product, stars=3, score_total=Decimal("61.00"))

        # when it is upgraded to 5★ by the central level
        later = _issue(
            product, stars=5, score_total=Decimal("91.25"), issuing_level=Certificate.IssuingLevel.CENTRAL,
            decision_number="88/QĐ-BNNMT", issued_on=datetime.date(2026, 9, 1),
            decision_date=datetime.date(2026, 9, 1),
        )

        # then the earlier one is expired with a note, and the product shows the new one
        earlier.refresh_from_db()
        assert earlier.status == Status.EXPIRED
        assert later.code == "38-16378-002-2026"
        last_event = earlier.events.last()
        assert (last_event.from_status, last_event.to_status) == (Status.ACTIVE, Status.EXPIRED)
        assert last_event.note == "Được thay thế bởi chứng nhận 38-16378-002-2026."
        assert Product.objects.get(pk=product.pk).certificate_id == later.pk

    @pytest.mark.parametrize(
        ("overrides", "message"),
        [
            ({"stars": 2, "score_total": Decimal("45")},
             "Sản phẩm đạt 2 sao không được cấp giấy chứng nhận OCOP (chỉ 3–5 sao)."),
            ({"stars": 1, "score_total": Decimal("20")},
             "Sản phẩm đạt 1 sao không được cấp giấy chứng nhận OCOP (chỉ 3–5 sao)."),
            ({"stars": 5, "score_total": Decimal("92")},
             "Sản phẩm 5 sao chỉ do cấp trung ương (Bộ Nông nghiệp và Môi trường) công nhận."),
            ({"stars": 4, "issuing_level": "central"}, "Sản phẩm 3 sao, 4 sao do Chủ tịch UBND cấp tỉnh công nhận."),
            ({"decision_number": "  "}, "Cần số quyết định công nhận để cấp giấy chứng nhận."),
            ({"score_total": Decimal("69.99")}, "Tổng điểm 69.99 không đủ cho hạng 4 sao (tối thiểu 70 điểm)."),
            ({"issued_on": datetime.date(2026, 3, 9)},
             "Ngày cấp giấy chứng nhận không được trước ngày quyết định 10/03/2026."),
        ],
    )
    def test_refusals_write_nothing(self, overrides, message):
        # given a product with an active certificate
        product = ProductFactory()
        current = _issue(product)
        events_before = CertificateEvent.objects.count()

        # when an invalid certificate is asked for
        with pytest.raises(CertificateError) as excinfo:
            _issue(product, **overrides)

        # then a clear message, and nothing changed
        assert excinfo.value.message == message
        assert list(Certificate.objects.values_list("pk", "status")) == [(current.pk, Status.ACTIVE)]
        assert CertificateEvent.objects.count() == events_before
        assert Product.objects.get(pk=product.pk).certificate_id == current.pk

    def test_a_product_without_origin_commune_is_refused(self):
        product = ProductFactory(origin_ward_code=None, title="Chè lam Thọ Xuân")

        with pytest.raises(CertificateError) as excinfo:
            _issue(product)

        assert excinfo.value.message == (
            "Sản phẩm “Chè lam Thọ Xuân” chưa có xã/phường xuất xứ: không thể cấp mã số chứng nhận."
        )
        assert Certificate.objects.count() == 0
        assert CertificateEvent.objects.count() == 0

    def test_a_commune_of_another_province_is_refused(self):
        product = ProductFactory(origin_province_code=HANOI, origin_ward_code=WARD_DONG_SON)

        with pytest.raises(CertificateError) as excinfo:
            _issue(product)

        assert excinfo.value.message == "Xã/phường xuất xứ 16378 không thuộc tỉnh/thành phố 1 của sản phẩm."
        assert Certificate.objects.count() == 0


class TestRevoke:
    def test_revocation_records_reason_and_decision_and_removes_the_badge(self):
        # given a product showing a 4★ badge
        product = ProductFactory()
        certificate = _issue(product)
        badges, notices = _badges(product)
        assert len(badges) >= 1 and notices == []
        officer = UserFactory()
        officer.groups.add(Group.objects.get(name=roles.SECRETARIAT))

        # when the certificate is revoked
        certificate_revoke(
            certificate=certificate, reason="Sử dụng sai nhãn OCOP gây nhầm lẫn", decision_number="301/QĐ-UBND",
            revoked_on=datetime.date(2026, 5, 4), actor=officer,
        )

        # then it is revoked with its decision, the product still points at it, and the badge is gone
        certificate.refresh_from_db()
        assert certificate.status == Status.REVOKED
        assert certificate.revocation_reason == "Sử dụng sai nhãn OCOP gây nhầm lẫn"
        assert certificate.revocation_decision_number == "301/QĐ-UBND"
        assert certificate.revoked_on == datetime.date(2026, 5, 4)
        assert Product.objects.get(pk=product.pk).certificate_id == certificate.pk
        event = certificate.events.last()
        assert (event.actor, event.from_status, event.to_status) == (officer, Status.ACTIVE, Status.REVOKED)
        badges, notices = _badges(product)
        assert badges == []
        assert len(notices) == 1

    @pytest.mark.parametrize(
        ("reason", "decision_number", "message"),
        [
            ("", "301/QĐ-UBND", "Cần ghi rõ lý do thu hồi giấy chứng nhận."),
            ("Ngừng sản xuất", " ", "Cần số quyết định thu hồi giấy chứng nhận."),
        ],
    )
    def test_revocation_needs_reason_and_decision(self, reason, decision_number, message):
        certificate = _issue(ProductFactory())

        with pytest.raises(CertificateError) as excinfo:
            certificate_revoke(certificate=certificate, reason=reason, decision_number=decision_number,
                               revoked_on=datetime.date(2026, 5, 4), actor=None)

        assert excinfo.value.message == message
        certificate.refresh_from_db()
        assert certificate.status == Status.ACTIVE
        assert certificate.events.count() == 1

    @pytest.mark.parametrize(
        ("revoked_on", "message"),
        [
            (datetime.date(2026, 3, 9), "Ngày thu hồi không được trước ngày cấp 10/03/2026."),
            (datetime.date(2026, 11, 29), "Ngày thu hồi không được sau ngày hôm nay."),
        ],
    )
    def test_revocation_date_lies_between_issue_and_today(self, revoked_on, message):
        certificate = _issue(ProductFactory())

        with time_machine.travel(datetime.datetime(2026, 11, 28, 9, 0, tzinfo=VN), tick=False), \
                pytest.raises(CertificateError) as excinfo:
            certificate_revoke(certificate=certificate, reason="Ngừng sản xuất", decision_number="9/QĐ-UBND",
                               revoked_on=revoked_on, actor=None)

        assert excinfo.value.message == message
        certificate.refresh_from_db()
        assert (certificate.status, certificate.events.count()) == (Status.ACTIVE, 1)

    def test_only_the_secretariat_or_the_signer_revokes_and_a_refusal_is_audited(self):
        certificate = _issue(ProductFactory())
        producer_staff = UserFactory(username="chu-the")
        producer_staff.groups.add(Group.objects.get(name=roles.PRODUCER))

        with pytest.raises(PermissionRefused) as excinfo:
            certificate_revoke(certificate=certificate, reason="Ngừng sản xuất", decision_number="9/QĐ-UBND",
                               revoked_on=datetime.date(2026, 5, 4), actor=producer_staff)

        message = "Chỉ cơ quan tham mưu OCOP cấp tỉnh hoặc người ký quyết định được thu hồi giấy chứng nhận."
        assert excinfo.value.message == message
        certificate.refresh_from_db()
        assert (certificate.status, certificate.events.count()) == (Status.ACTIVE, 1)
        refusal = AuditEvent.objects.get(refused=True)
        assert (refusal.actor, refusal.action, refusal.target, refusal.note) == (
            producer_staff, "certificate_revoke", f"certificate:{certificate.pk}", f"từ chối: {message}",
        )

    @pytest.mark.parametrize("state", [Status.EXPIRED, Status.REVOKED])
    def test_nothing_leaves_expired_or_revoked(self, state):
        certificate = CertificateFactory(status=state, revocation_reason="Vi phạm" if state == Status.REVOKED else "")

        with pytest.raises(CertificateTransitionError) as excinfo:
            certificate_revoke(certificate=certificate, reason="Ngừng sản xuất", decision_number="9/QĐ-UBND",
                               revoked_on=datetime.date(2026, 5, 4), actor=None)

        label = "hết hiệu lực" if state == Status.EXPIRED else "đã thu hồi"
        assert excinfo.value.message == (
            f"Chứng nhận {certificate.code} đang ở trạng thái “{label}”, không thể chuyển sang “đã thu hồi”."
        )
        assert certificate.events.count() == 0


class TestExpiry:
    def test_the_daily_task_expires_a_certificate_valid_until_yesterday_and_the_badge_goes(self):
        # given a certificate issued 10/03/2026, valid until 10/03/2029
        product = ProductFactory()
        certificate = _issue(product)

        # when the daily task runs on its last valid day, it only sends the (overdue) reminder
        with time_machine.travel(_noon(datetime.date(2029, 3, 10)), tick=False):
            assert certificates_daily.delay().get() == {"expired": 0, "reminded": 1}
            assert len(_badges(product)[0]) >= 1

        # when it runs the day after, the certificate expires (once) and the badge is gone
        with time_machine.travel(_noon(datetime.date(2029, 3, 11)), tick=False):
            assert certificates_daily.delay().get() == {"expired": 1, "reminded": 0}
            assert certificates_daily.delay().get() == {"expired": 0, "reminded": 0}
            badges, notices = _badges(product)

        certificate.refresh_from_db()
        assert certificate.status == Status.EXPIRED
        event = certificate.events.last()
        assert (event.actor, event.from_status, event.to_status, event.note) == (
            None, Status.ACTIVE, Status.EXPIRED, "hết hạn",
        )
        assert badges == []
        assert len(notices) == 1

    def test_an_extension_keeps_the_badge_until_its_limit_then_expires(self):
        # given a certificate valid until 10/03/2029, extended to the 180-day limit 06/09/2029
        product = ProductFactory()
        certificate = _issue(product)
        certificate_extend_for_late_reevaluation(
            certificate=certificate, until=datetime.date(2029, 9, 6), actor=UserFactory(),
        )

        # when the daily task runs after the expiry but within the extension, it stays valid
        with time_machine.travel(_noon(datetime.date(2029, 9, 6)), tick=False):
            assert certificates_expire_due(today=datetime.date(2029, 9, 6)) == 0
            assert [b["data-stars"] for b in _badges(product)[0]][:1] == ["4"]

        # when it runs the day after the extension, the certificate expires
        with time_machine.travel(_noon(datetime.date(2029, 9, 7)), tick=False):
            assert certificates_daily.delay(today_iso="2029-09-07").get()["expired"] == 1
            assert _badges(product)[0] == []
        certificate.refresh_from_db()
        assert certificate.status == Status.EXPIRED

    def test_an_extension_beyond_180_days_is_refused(self):
        certificate = _issue(ProductFactory())

        with pytest.raises(CertificateError) as excinfo:
            certificate_extend_for_late_reevaluation(
                certificate=certificate, until=datetime.date(2029, 9, 7), actor=None,
            )

        assert excinfo.value.message == "Chỉ được gia hạn tối đa 180 ngày sau ngày hết hạn, tức đến 06/09/2029."
        certificate.refresh_from_db()
        assert certificate.extended_until is None
        assert certificate.events.count() == 1

    def test_an_expired_certificate_cannot_be_extended(self):
        certificate = CertificateFactory(status=Status.EXPIRED)

        with pytest.raises(CertificateTransitionError):
            certificate_extend_for_late_reevaluation(
                certificate=certificate, until=certificate.valid_until + datetime.timedelta(days=30), actor=None,
            )

        certificate.refresh_from_db()
        assert certificate.extended_until is None


class TestReminders:
    def test_one_email_when_180_days_remain_and_never_twice(self):
        # given a certificate valid until 10/03/2029 of a producer with two staff users
        product = ProductFactory(title="Nem chua Thanh Hóa")
        partner = product.producer.partner
        partner.users.add(UserFactory(email="giamdoc@htx.vn"), UserFactory(email="ketoan@htx.vn"))
        certificate = _issue(product)

        # when the reminders run 181 days before expiry: nothing yet
        assert certificates_remind_reevaluation(today=datetime.date(2028, 9, 10)) == 0
        assert mail.outbox == []

        # when they run 180 days before expiry, and again the next day
        assert certificates_remind_reevaluation(today=datetime.date(2028, 9, 11)) == 1
        assert certificates_remind_reevaluation(today=datetime.date(2028, 9, 12)) == 0

        # then exactly one e-mail went to both users, naming the 180–120-day window's dates
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert sorted(message.to) == ["giamdoc@htx.vn", "ketoan@htx.vn"]
        assert message.subject == "Nhắc nộp hồ sơ đánh giá lại sản phẩm OCOP Nem chua Thanh Hóa"
        assert "38-16378-001-2026" in message.body
        assert "hết hạn ngày 10/03/2029" in message.body
        assert "từ ngày 11/09/2028 đến ngày 10/11/2028" in message.body
        certificate.refresh_from_db()
        assert certificate.reminder_sent_on == datetime.date(2028, 9, 11)

    def test_a_producer_without_email_is_recorded_as_reminded(self, caplog):
        certificate = _issue(ProductFactory())

        assert certificates_remind_reevaluation(today=datetime.date(2028, 12, 1)) == 1

        assert mail.outbox == []
        certificate.refresh_from_db()
        assert certificate.reminder_sent_on == datetime.date(2028, 12, 1)
        assert certificate.events.last().note == "Nhắc đánh giá lại: chủ thể không có địa chỉ e-mail."
        assert "no producer e-mail" in caplog.text

    def test_revoked_and_expired_certificates_get_no_reminder(self):
        product = ProductFactory()
        product.producer.partner.users.add(UserFactory(email="giamdoc@htx.vn"))
        certificate = _issue(product)
        certificate_revoke(certificate=certificate, reason="Ngừng sản xuất", decision_number="9/QĐ-UBND",
                           revoked_on=datetime.date(2026, 5, 4), actor=None)

        assert certificates_remind_reevaluation(today=datetime.date(2028, 12, 1)) == 0
        assert mail.outbox == []
