"""The secretariat's dashboard over HTTP: exact counts, the SVG charts, the expiring list, its CSV, the home summary.

Today is Saturday 28 November 2026 in Hà Nội. Dossiers are written as rows in the state under test
(the services that move them are covered by the workflow's integration tests).
"""

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import ProductSet
from marketplace.core.working_days import working_calendar
from ocop_rating.certificates.models import Certificate
from ocop_rating.models import CriteriaVersion, Dossier
from tests.factories import (
    PASSWORD,
    WARD_BIM_SON,
    WARD_DONG_QUANG,
    WARD_DONG_SON,
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
)

from .shop import elements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_28_november_2026")]

TODAY = datetime.date(2026, 11, 28)
D = datetime.date
CENTRAL = Certificate.IssuingLevel.CENTRAL
DASHBOARD = "/ocop/dashboard/"
CSV_URL = "/ocop/dashboard/expiring.csv"


def _product(title: str, *, ward: int = WARD_DONG_SON, set_number: int = 9):
    return ProductFactory(title=title, producer=ProducerFactory(ward_code=ward), origin_ward_code=ward,
                          ocop_set=ProductSet.objects.get(number=set_number))


def _dossier(title: str, status: str, *, deadline: datetime.date | None = None, ward: int = WARD_DONG_SON,
             **extra) -> Dossier:
    """A dossier row in ``status`` (submitted ones need their commune deadline)."""
    product = _product(title, ward=ward)
    submitted = None if status == Dossier.Status.DRAFT else timezone.now() - datetime.timedelta(days=30)
    return Dossier.objects.create(
        product=product, producer=product.producer, kind=Dossier.Kind.FIRST, product_set=product.ocop_set,
        criteria_version=CriteriaVersion.objects.get(code="QD26-2026"), province_code=38, ward_code=ward,
        status=status, product_name=title, submitted_at=submitted,
        commune_deadline=deadline or (None if submitted is None else D(2026, 11, 20)), **extra,
    )


def _certificate(title: str, code: str, *, stars: int, valid_until: datetime.date, ward: int = WARD_DONG_SON,
                 set_number: int = 9) -> Certificate:
    return CertificateFactory(
        product=_product(title, ward=ward, set_number=set_number), stars=stars, code=code,
        decision_date=D(2024, 1, 15), issued_on=D(2024, 1, 15), valid_until=valid_until,
        issuing_level=CENTRAL if stars == 5 else Certificate.IssuingLevel.PROVINCE,
    )


@pytest.fixture
def province(db):
    """Seven dossiers and four certified products.

    Dossiers: 1 draft; 3 waiting at communes (deadlines 16 Nov and 27 Nov, overdue; 11 Dec); 1 returned;
    2 forwarded without a round. Certificates: Đông Sơn (set 9) 4★, 4★, 3★; Bỉm Sơn (set 4) 5★;
    the 3★ expires in 30 days and one 4★ in 150 days.
    """
    dossiers = {
        "draft": _dossier("Nước mắm nháp", Dossier.Status.DRAFT),
        "late": _dossier("Nước mắm Khúc Phụ", Dossier.Status.SUBMITTED, deadline=D(2026, 11, 16)),
        "yesterday": _dossier("Mắm tôm Hoằng Phụ", Dossier.Status.SUBMITTED, deadline=D(2026, 11, 27),
                              ward=WARD_BIM_SON),
        "on_time": _dossier("Nước mắm Đông Quang", Dossier.Status.SUBMITTED, deadline=D(2026, 12, 11),
                            ward=WARD_DONG_QUANG),
        "returned": _dossier("Nước mắm trả lại", Dossier.Status.RETURNED, returned_reason="Thiếu minh chứng"),
        "forwarded": _dossier("Nước mắm Đông Tiến", Dossier.Status.FORWARDED),
        "forwarded_2": _dossier("Nước mắm Đông Thịnh", Dossier.Status.FORWARDED),
    }
    certificates = {
        "soon": _certificate("Nước mắm Vị Thanh", "38-16378-002-2023", stars=3, valid_until=D(2026, 12, 28)),
        "later": _certificate("Nước mắm Lê Gia", "38-16378-001-2024", stars=4, valid_until=D(2027, 4, 27)),
        "long": _certificate("Nước mắm Hải Thanh", "38-16378-003-2024", stars=4, valid_until=D(2028, 1, 15)),
        "five": _certificate("Mật ong Bỉm Sơn", "38-14812-001-2024", stars=5, valid_until=D(2028, 1, 15),
                             ward=WARD_BIM_SON, set_number=4),
    }
    return dossiers, certificates


def _figure(html: str, chart_id: str) -> str:
    start = html.index(f'data-chart="{chart_id}"')
    return html[start:html.index("</figure>", start)]


def _table(html: str, table_id: str) -> str:
    start = html.index(f'data-table="{table_id}"')
    return html[start:html.index("</table>", start)]


# --- who may open it ---------------------------------------------------------------------------------

ROLE_STATUSES = [
    ("outsider", 404), ("producer", 404), ("officer", 404), ("member", 404), ("chair", 404), ("signer", 404),
    ("secretariat", 200),
]


@pytest.mark.parametrize("url", [DASHBOARD, CSV_URL])
def test_anonymous_is_sent_to_the_login_page(url):
    response = Client().get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/shop/accounts/login/?next={url}"


@pytest.mark.parametrize("url", [DASHBOARD, CSV_URL])
@pytest.mark.parametrize(("role", "expected"), ROLE_STATUSES)
def test_only_the_secretariat_opens_the_dashboard(people, url, role, expected, client_for):
    assert client_for(people.in_role(role)).get(url).status_code == expected


def test_the_dashboard_is_read_only(people):
    client = Client()
    assert client.login(username=people.secretariat.username, password=PASSWORD)

    assert client.post(DASHBOARD).status_code == 405
    assert client.post(CSV_URL).status_code == 405


def test_the_english_dashboard_is_under_en(people, client_for):
    assert reverse("ocop_rating:dashboard") == DASHBOARD
    assert client_for(people.secretariat).get("/en/ocop/dashboard/").status_code == 200


# --- what it shows -----------------------------------------------------------------------------------


def test_dossier_counts_per_status_in_workflow_order(people, province, client_for):
    page = client_for(people.secretariat).get(DASHBOARD)

    assert page.status_code == 200
    assert [(e["data-status"], e["data-count"]) for e in elements(page.content, css_class="ocop-status-count")] == [
        ("draft", "1"), ("submitted", "3"), ("returned", "1"), ("forwarded", "2"), ("in_round", "0"),
        ("finalised", "0"), ("proposed_central", "0"), ("recognised", "0"), ("not_recognised", "0"),
    ]


def test_dossiers_waiting_at_communes_overdue_first_and_marked(people, province, client_for):
    dossiers, _certificates = province
    html = client_for(people.secretariat).get(DASHBOARD).content.decode()
    table = _table(html, "commune")

    assert [(e["data-dossier"], e["data-overdue"]) for e in elements(table, css_class="ocop-waiting__row")] == [
        (str(dossiers["late"].pk), "yes"), (str(dossiers["yesterday"].pk), "yes"),
        (str(dossiers["on_time"].pk), "no"),
    ]
    assert [e["data-value"] for e in elements(table, **{"class": "ocop-num"}) if "data-value" in e] == [
        "-8", "0", "10",
    ]
    assert table.count("Quá hạn") == 2
    assert "3 hồ sơ, trong đó 2 hồ sơ quá hạn 15 ngày làm việc." in html
    assert "quá 8 ngày" in table  # 17–20, 23 and 25–27 Nov: Tue 24 is Vietnam Culture Day
    assert elements(table, href=f"/ocop/dossiers/{dossiers['late'].pk}/")
    assert "Phường Bỉm Sơn" in table and "11/12/2026" in table


def test_dossiers_waiting_for_the_province(people, province, client_for):
    dossiers, _certificates = province
    html = client_for(people.secretariat).get(DASHBOARD).content.decode()
    table = _table(html, "province")

    assert [e["data-dossier"] for e in elements(table, css_class="ocop-waiting__row")] == [
        str(dossiers["forwarded"].pk), str(dossiers["forwarded_2"].pk),
    ]
    assert elements(table, href=f"/ocop/dossiers/{dossiers['forwarded'].pk}/")
    assert "Nước mắm Đông Tiến" in table


def test_star_charts_have_one_bar_per_set_or_commune_and_star(people, province, client_for):
    html = client_for(people.secretariat).get(DASHBOARD).content.decode()

    sets = _figure(html, "chart-sets")
    communes = _figure(html, "chart-communes")
    for figure in (sets, communes):
        assert len(elements(figure, role="img")) == 1
        assert "<title id=" in figure
    # set 4 (honey) has the 5★, set 9 (fish sauce) one 3★ and two 4★; 3 products fill the 310-unit bar
    assert [(e["data-stars"], e["data-count"], e["x"], e["width"]) for e in elements(sets, css_class="ocop-chart__bar")] == [
        ("5", "1", "0.0", "103.33"), ("3", "1", "0.0", "103.33"), ("4", "2", "103.33", "206.67"),
    ]
    assert [e["data-row"].split(".")[0] for e in elements(sets, css_class="ocop-chart__row")] == ["4", "9"]
    assert [(e["data-row"], e["data-total"]) for e in elements(communes, css_class="ocop-chart__row")] == [
        ("Phường Đông Sơn", "3"), ("Phường Bỉm Sơn", "1"),
    ]
    assert [(e["data-stars"], e["data-count"]) for e in elements(communes, css_class="ocop-chart__bar")] == [
        ("3", "1"), ("4", "2"), ("5", "1"),
    ]
    assert "Phường Đông Sơn: 2 sản phẩm 4 sao" in communes


def test_star_tables_carry_the_same_numbers(people, province, client_for):
    html = client_for(people.secretariat).get(DASHBOARD).content.decode()

    def rows(table_id):
        table = _table(html, table_id)
        return [e["data-key"] for e in elements(table, css_class="ocop-stars-row")], [
            e["data-value"] for e in elements(table, **{"class": "ocop-num"}) if "data-value" in e
        ]

    assert rows("sets") == (["4", "9"], ["0", "0", "1", "1", "1", "2", "0", "3", "1", "2", "1", "4"])
    assert rows("communes") == ([str(WARD_DONG_SON), str(WARD_BIM_SON)],
                                ["1", "2", "0", "3", "0", "0", "1", "1", "1", "2", "1", "4"])
    assert "4 sản phẩm: 1 sản phẩm 3 sao, 2 sản phẩm 4 sao, 1 sản phẩm 5 sao." in html


def test_expiring_certificates_within_180_days(people, province, client_for):
    _dossiers, certificates = province
    html = client_for(people.secretariat).get(DASHBOARD).content.decode()
    table = _table(html, "expiring")

    assert [
        (e["data-code"], e["data-stars"], e["data-days-left"], e["data-window"], e["data-reevaluation"])
        for e in elements(table, css_class="ocop-expiring__row")
    ] == [
        ("38-16378-002-2023", "3", "30", "closed", "no"),
        ("38-16378-001-2024", "4", "150", "open", "no"),
    ]
    assert elements(table, href="/ocop/verify/38-16378-002-2023/")
    assert elements(table, href="/ocop/verify/38-16378-001-2024/")
    assert "29/10/2026 – 28/12/2026" in table  # the 4★'s filing window
    assert certificates["soon"].product.producer.name in table


def test_an_empty_province_shows_zeros_and_no_chart(people, client_for):
    page = client_for(people.secretariat).get(DASHBOARD)

    assert {e["data-count"] for e in elements(page.content, css_class="ocop-status-count")} == {"0"}
    assert not elements(page.content, role="img")
    html = page.content.decode()
    assert "Không có hồ sơ nào đang chờ xã/phường kiểm tra." in html
    assert "Chưa có sản phẩm nào có giấy chứng nhận OCOP còn hiệu lực." in html
    assert "Không có giấy chứng nhận nào hết hạn trong 180 ngày tới." in html


def test_expiring_list_as_csv(people, province, client_for):
    response = client_for(people.secretariat).get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="chung-nhan-sap-het-han-20261128.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][0] == "Mã số chứng nhận"
    assert [row[:1] + row[3:10] for row in rows[1:]] == [
        ["38-16378-002-2023", "Phường Đông Sơn", "3", "28/12/2026", "30", "01/07/2026 – 30/08/2026", "không",
         "không"],
        ["38-16378-001-2024", "Phường Đông Sơn", "4", "27/04/2027", "150", "29/10/2026 – 28/12/2026", "có",
         "không"],
    ]
    assert rows[1][1] == "Nước mắm Vị Thanh"
    assert rows[1][10] == "http://testserver/ocop/verify/38-16378-002-2023/"


def test_csv_cells_a_producer_typed_cannot_become_formulas(people, province, client_for):
    _dossiers, certificates = province
    product = certificates["soon"].product
    product.title = '=HYPERLINK("http://evil.example/","Bấm vào đây")'
    product.save()

    response = client_for(people.secretariat).get(CSV_URL)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")[1:])))
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example/","Bấm vào đây")'
    assert rows[2][1] == "Nước mắm Lê Gia"


# --- query count -------------------------------------------------------------------------------------


def _populate(n: int) -> None:
    wards = (WARD_DONG_SON, WARD_BIM_SON, WARD_DONG_QUANG)
    for i in range(n):
        ward = wards[i % 3]
        _dossier(f"Sản phẩm chờ xã {i}", Dossier.Status.SUBMITTED, deadline=D(2026, 11, 20 + i % 10), ward=ward)
        _dossier(f"Sản phẩm chờ tỉnh {i}", Dossier.Status.FORWARDED, ward=ward)
        _certificate(f"Sản phẩm sắp hết hạn {i}", f"38-{ward}-{i:03d}-2023", stars=3 + i % 3,
                     valid_until=TODAY + datetime.timedelta(days=10 + i), ward=ward, set_number=(4, 9)[i % 2])


@pytest.mark.parametrize("n", [2, 10])
def test_the_dashboard_runs_a_fixed_number_of_queries(people, django_assert_num_queries, n, client_for):
    _populate(n)
    client = client_for(people.secretariat)

    # the staff-entered calendar days are in the shared cache, as in production (one query per change of them,
    # pinned in tests/integration/test_working_days.py)
    working_calendar()
    # 3 for the session, the user and their roles; 5 for the dashboard (status counts, the two waiting lists,
    # stars, expiring); 15 for the site's chrome on a first visit (menu, notifications, permissions, basket, the
    # footer's site and settings)
    with django_assert_num_queries(23):
        page = client.get(DASHBOARD)

    assert len(elements(page.content, css_class="ocop-expiring__row")) == n
    assert len(elements(page.content, css_class="ocop-waiting__row")) == 2 * n


# --- the portal's home -------------------------------------------------------------------------------


def test_the_home_shows_the_secretariat_a_summary_with_a_link(people, province, client_for):
    page = client_for(people.secretariat).get(reverse("ocop_rating:portal"))

    assert page.status_code == 200
    summary = {name: [e["data-value"] for e in elements(page.content, **{"data-summary": name})]
               for name in ("waiting", "overdue", "expiring")}
    assert summary == {"waiting": ["3"], "overdue": ["2"], "expiring": ["2"]}
    assert elements(page.content, href=DASHBOARD)


@pytest.mark.parametrize("role", ["producer", "officer", "member", "chair", "signer"])
def test_the_home_shows_no_summary_to_other_roles(people, province, role, client_for):
    page = client_for(people.in_role(role)).get(reverse("ocop_rating:portal"))

    assert page.status_code == 200
    assert not elements(page.content, css_class="ocop-home-dashboard")
    assert not elements(page.content, href=DASHBOARD)
