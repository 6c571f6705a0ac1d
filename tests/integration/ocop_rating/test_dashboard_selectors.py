"""The secretariat dashboard's reads: dossier counts and waiting lists, certified stars, expiring certificates.

Today is Saturday 28 November 2026 in Hà Nội unless a test says otherwise.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from catalog.models import ProductSet
from marketplace.core.working_days import working_days_add, working_days_between
from ocop_rating.certificates.models import Certificate
from ocop_rating.dashboard.selectors import (
    CertificateFilter,
    DashboardSummary,
    ReevaluationWindow,
    certificates_expiring,
    certificates_search,
    certified_star_counts,
    dashboard_summary,
    dossier_status_counts,
    dossiers_waiting_at_commune,
    dossiers_waiting_for_province,
)
from ocop_rating.dossiers.services import dossier_create, dossier_submit
from ocop_rating.models import Dossier
from tests.factories import (
    WARD_BIM_SON,
    WARD_DONG_SON,
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
)
from tests.rating import dossier_draft, dossier_forwarded, dossier_in_scoring

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = datetime.date(2026, 11, 28)
D = datetime.date
Status = Certificate.Status
ISSUED_ON = D(2025, 1, 10)


def _at(day: datetime.date):
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=VN), tick=False)


def _product(people, title: str, *, ward: int = WARD_DONG_SON, set_number: int = 9):
    """A product of a producer in ``ward`` whose staff is ``people.producer``."""
    product = ProductFactory(
        title=title, producer=ProducerFactory(ward_code=ward), origin_ward_code=ward,
        ocop_set=ProductSet.objects.get(number=set_number),
    )
    product.producer.partner.users.add(people.producer)
    return product


def _certificate(title: str, *, stars: int = 4, ward: int = WARD_DONG_SON, set_number: int = 9,
                 issued_on: datetime.date = ISSUED_ON, valid_until: datetime.date | None = None, **extra):
    product = ProductFactory(title=title, origin_ward_code=ward, ocop_set=ProductSet.objects.get(number=set_number))
    return CertificateFactory(
        product=product, stars=stars, decision_date=issued_on, issued_on=issued_on,
        valid_until=valid_until or D(issued_on.year + 3, issued_on.month, issued_on.day), **extra,
    )


# --- working days -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "end", "expected"), [
    (D(2026, 11, 28), D(2026, 12, 11), 10),  # Sat → Fri two weeks later
    (D(2026, 11, 28), D(2026, 11, 16), -8),  # overdue since Mon 16 Nov: 17–20, 23 and 25–27 Nov (24: Culture Day)
    (D(2026, 11, 28), D(2026, 11, 28), 0),
    (D(2026, 11, 27), D(2026, 11, 29), 0),  # Fri → Sun: only the weekend
    (D(2026, 11, 27), D(2026, 11, 30), 1),  # Fri → Mon
    (D(2026, 11, 30), D(2026, 11, 27), -1),
])
def test_working_days_between_counts_working_days_after_the_start(start, end, expected):
    assert working_days_between(start, end) == expected


@pytest.mark.parametrize("start", [D(2026, 11, 23) + datetime.timedelta(days=n) for n in range(7)])
def test_working_days_between_undoes_the_commune_deadline(start):
    assert working_days_between(start, working_days_add(start, 15)) == 15


# --- dossiers -----------------------------------------------------------------------------------------


@pytest.fixture
def dossiers(people):
    """One dossier per interesting state (the commune's 15 working days skip Tue 24 Nov, Vietnam Culture Day).

    * draft: never submitted;
    * submitted Mon 26 Oct in Đông Sơn → deadline Mon 16 Nov (overdue by 8 working days on the 28th);
    * submitted Fri 20 Nov in Bỉm Sơn → deadline Mon 14 Dec (11 working days left);
    * forwarded by Đông Sơn on Tue 24 Nov, no round yet;
    * in a round being scored.
    """
    with _at(D(2026, 11, 2)):
        draft = dossier_draft(_product(people, "Nước mắm Như Xuân"), people)
    with _at(D(2026, 10, 26)):
        overdue = dossier_submit(dossier=dossier_draft(_product(people, "Nước mắm Khúc Phụ"), people),
                                 actor=people.producer)
    with _at(D(2026, 11, 20)):
        on_time = dossier_submit(
            dossier=dossier_draft(_product(people, "Nước mắm Bỉm Sơn", ward=WARD_BIM_SON), people),
            actor=people.producer,
        )
    with _at(D(2026, 11, 24)):
        forwarded = dossier_forwarded(_product(people, "Nước mắm Đông Tiến"), people)
    with _at(D(2026, 11, 25)):
        in_round, _round = dossier_in_scoring(_product(people, "Nước mắm Đông Thanh"), people)
    return {"draft": draft, "overdue": overdue, "on_time": on_time, "forwarded": forwarded, "in_round": in_round}


def test_status_counts_list_every_status_in_workflow_order(dossiers):
    counts = dossier_status_counts()

    assert [(c.status, c.count) for c in counts] == [
        ("draft", 1), ("submitted", 2), ("returned", 0), ("forwarded", 1), ("in_round", 1), ("finalised", 0),
        ("proposed_central", 0), ("recognised", 0), ("not_recognised", 0),
    ]
    assert counts[1].label == "đã nộp, chờ xã kiểm tra"


def test_status_counts_are_all_zero_without_dossiers(db):
    assert [c.count for c in dossier_status_counts()] == [0] * 9


def test_waiting_at_commune_lists_overdue_first_with_working_days_left(dossiers):
    rows = dossiers_waiting_at_commune(today=TODAY)

    assert [(r.dossier.pk, r.ward_name, r.deadline, r.overdue, r.working_days_left) for r in rows] == [
        (dossiers["overdue"].pk, "Phường Đông Sơn", D(2026, 11, 16), True, -8),
        (dossiers["on_time"].pk, "Phường Bỉm Sơn", D(2026, 12, 14), False, 11),
    ]
    assert [r.working_days_overdue for r in rows] == [8, 0]


def test_a_deadline_today_is_not_overdue(dossiers):
    rows = dossiers_waiting_at_commune(today=D(2026, 12, 14))

    assert [(r.overdue, r.working_days_left) for r in rows] == [(True, -19), (False, 0)]


def test_waiting_for_province_lists_forwarded_dossiers_without_a_round(dossiers):
    rows = dossiers_waiting_for_province()

    assert [d.pk for d in rows] == [dossiers["forwarded"].pk]
    assert rows[0].forwarded_at.astimezone(VN).date() == D(2026, 11, 24)


def test_dashboard_summary_counts_waiting_overdue_and_expiring(dossiers):
    _certificate("Nước mắm sắp hết hạn", valid_until=TODAY + datetime.timedelta(days=30))
    _certificate("Nước mắm còn lâu", valid_until=TODAY + datetime.timedelta(days=400))

    assert dashboard_summary(today=TODAY) == DashboardSummary(
        waiting_at_communes=2, overdue_at_communes=1, expiring=1,
    )


# --- stars --------------------------------------------------------------------------------------------


def test_certified_stars_by_set_and_by_commune_count_only_what_the_shop_shows(db):
    with _at(TODAY):
        # counted: three in Đông Sơn (set 9), two in Bỉm Sơn (set 4), one of them kept valid by an extension
        _certificate("Nước mắm A", stars=4)
        _certificate("Nước mắm B", stars=3)
        _certificate("Nước mắm C", stars=5, issuing_level=Certificate.IssuingLevel.CENTRAL)
        _certificate("Mật ong D", stars=5, ward=WARD_BIM_SON, set_number=4,
                     issuing_level=Certificate.IssuingLevel.CENTRAL)
        _certificate("Mật ong E", stars=3, ward=WARD_BIM_SON, set_number=4, issued_on=D(2023, 11, 1),
                     valid_until=D(2026, 11, 1), extended_until=D(2027, 3, 1))
        # not counted: expired, revoked, past validity not yet expired by the nightly task
        _certificate("Nước mắm F", stars=4, ward=WARD_BIM_SON, status=Status.EXPIRED,
                     issued_on=D(2023, 1, 5), valid_until=D(2026, 1, 5))
        _certificate("Nước mắm G", stars=4, status=Status.REVOKED, revocation_reason="Vi phạm nhãn mác")
        _certificate("Mật ong H", stars=3, ward=WARD_BIM_SON, set_number=4, issued_on=D(2023, 11, 1),
                     valid_until=D(2026, 11, 27))

    breakdown = certified_star_counts(today=TODAY)

    names = dict(ProductSet.objects.filter(number__in=[4, 9]).values_list("number", "name"))
    assert [(r.key, r.label, r.cells, r.total) for r in breakdown.by_set] == [
        (4, names[4], [1, 0, 1], 2),
        (9, names[9], [1, 1, 1], 3),
    ]
    assert [(r.key, r.label, r.cells, r.total) for r in breakdown.by_commune] == [
        (WARD_DONG_SON, "Phường Đông Sơn", [1, 1, 1], 3),
        (WARD_BIM_SON, "Phường Bỉm Sơn", [1, 0, 1], 2),
    ]
    assert (breakdown.totals.cells, breakdown.totals.total) == ([2, 1, 2], 5)


def test_certified_stars_are_empty_without_certificates(db):
    breakdown = certified_star_counts(today=TODAY)

    assert (breakdown.by_set, breakdown.by_commune, breakdown.totals.total) == ([], [], 0)


# --- expiring certificates ----------------------------------------------------------------------------


def test_expiring_lists_the_next_180_days_with_window_and_reevaluation(people):
    def expiring_in(days, title, **extra):
        return _certificate(title, issued_on=D(2023, 12, 1), valid_until=TODAY + datetime.timedelta(days=days),
                            **extra)

    with _at(TODAY):
        last_day = expiring_in(0, "Nước mắm hết hạn hôm nay")
        closed = expiring_in(100, "Nước mắm quá thời hạn nộp", ward=WARD_BIM_SON)
        refiled = expiring_in(150, "Nước mắm đã nộp đánh giá lại", stars=3)
        opens_today = expiring_in(180, "Nước mắm mở thời hạn hôm nay")
        expiring_in(181, "Nước mắm còn 181 ngày")
        expiring_in(10, "Nước mắm đã thu hồi", status=Status.REVOKED, revocation_reason="Ngừng sản xuất")
        _certificate("Nước mắm quá hạn", issued_on=D(2023, 11, 1), valid_until=TODAY - datetime.timedelta(days=1))
        for certificate in (refiled, closed):
            certificate.product.producer.partner.users.add(people.producer)
        dossier_create(product=refiled.product, kind=Dossier.Kind.RE_EVALUATION, actor=people.producer)
        # an upgrade dossier is not a re-evaluation
        dossier_create(product=closed.product, kind=Dossier.Kind.UPGRADE, actor=people.producer)

    rows = certificates_expiring(today=TODAY)

    assert [
        (r.certificate.code, r.certificate.product.get_title(), r.ward_name, r.certificate.stars,
         r.certificate.valid_until, r.days_left, r.window_opens, r.window_closes, r.window, r.has_reevaluation)
        for r in rows
    ] == [
        (last_day.code, "Nước mắm hết hạn hôm nay", "Phường Đông Sơn", 4, D(2026, 11, 28), 0,
         D(2026, 6, 1), D(2026, 7, 31), ReevaluationWindow.CLOSED, False),
        (closed.code, "Nước mắm quá thời hạn nộp", "Phường Bỉm Sơn", 4, D(2027, 3, 8), 100,
         D(2026, 9, 9), D(2026, 11, 8), ReevaluationWindow.CLOSED, False),
        (refiled.code, "Nước mắm đã nộp đánh giá lại", "Phường Đông Sơn", 3, D(2027, 4, 27), 150,
         D(2026, 10, 29), D(2026, 12, 28), ReevaluationWindow.OPEN, True),
        (opens_today.code, "Nước mắm mở thời hạn hôm nay", "Phường Đông Sơn", 4, D(2027, 5, 27), 180,
         D(2026, 11, 28), D(2027, 1, 27), ReevaluationWindow.OPEN, False),
    ]
    assert [r.window_open for r in rows] == [False, False, True, True]


# --- certificate search -------------------------------------------------------------------------------


@pytest.fixture
def certificates(db):
    with _at(TODAY):
        return {
            "active": _certificate("Nước mắm Lê Gia", stars=4, code="38-16378-001-2025"),
            "five": _certificate("Mắm tôm Lê Gia", stars=5, code="38-16378-002-2025",
                                 issuing_level=Certificate.IssuingLevel.CENTRAL),
            "expired": _certificate("Nước mắm Vị Thanh", stars=3, code="38-16378-001-2022", status=Status.EXPIRED,
                                    issued_on=D(2022, 5, 1), valid_until=D(2025, 5, 1)),
            "lapsed": _certificate("Chè lam Phủ Quảng", stars=3, code="38-14812-001-2023",
                                   issued_on=D(2023, 11, 1), valid_until=D(2026, 11, 1), ward=WARD_BIM_SON),
            "revoked": _certificate("Nem chua Thanh Lan", stars=4, code="38-14812-002-2025",
                                    status=Status.REVOKED, revocation_reason="Vi phạm an toàn thực phẩm",
                                    issued_on=D(2025, 3, 1)),
        }


def _codes(queryset) -> list[str]:
    return list(queryset.values_list("code", flat=True))


def test_search_without_filters_lists_every_certificate_newest_first(certificates):
    assert _codes(certificates_search(today=TODAY)) == [
        "38-14812-002-2025", "38-16378-002-2025", "38-16378-001-2025", "38-14812-001-2023", "38-16378-001-2022",
    ]


def test_search_by_code_or_product_title(certificates):
    assert _codes(certificates_search(today=TODAY, query=" 16378-001 ")) == ["38-16378-001-2025",
                                                                              "38-16378-001-2022"]
    assert _codes(certificates_search(today=TODAY, query="lê gia")) == ["38-16378-002-2025", "38-16378-001-2025"]
    assert _codes(certificates_search(today=TODAY, query="không có")) == []


def test_status_filter_follows_what_the_public_check_says(certificates):
    assert _codes(certificates_search(today=TODAY, status=CertificateFilter.ACTIVE)) == [
        "38-16378-002-2025", "38-16378-001-2025",
    ]
    # an active certificate past its validity is shown as expired before the nightly task runs
    assert _codes(certificates_search(today=TODAY, status=CertificateFilter.EXPIRED)) == [
        "38-14812-001-2023", "38-16378-001-2022",
    ]
    assert _codes(certificates_search(today=TODAY, status=CertificateFilter.REVOKED)) == ["38-14812-002-2025"]


def test_stars_filter_combines_with_the_others(certificates):
    assert _codes(certificates_search(today=TODAY, stars=3)) == ["38-14812-001-2023", "38-16378-001-2022"]
    assert _codes(certificates_search(today=TODAY, stars=4, status=CertificateFilter.ACTIVE)) == [
        "38-16378-001-2025",
    ]
    assert _codes(certificates_search(today=TODAY, stars=5, query="nước mắm")) == []
