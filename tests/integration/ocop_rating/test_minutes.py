"""The council minutes of a round: the data read in one go, and its PDF and XLSX renderings."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook
from pypdf import PdfReader

from ocop_rating import roles
from ocop_rating.minutes import round_minutes_data, round_minutes_pdf, round_minutes_xlsx
from ocop_rating.models import CommuneOfficer, Dossier
from ocop_rating.services import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    result_compute,
    result_finalise,
    result_record_decision,
    round_open,
    round_scoring_start,
)
from tests.factories import THANH_HOA, WARD_DONG_SON, ProductFactory
from tests.rating import PLAN_81, PLAN_83, dossier_forwarded, sheet_score, user_with_roles

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def minutes_round():
    """Round "Đợt 2 năm 2026" with a council of three (chair + 2 members) and two dossiers.

    * Nước mắm Hải Thanh: 83 / 81 / 83 → 82.33, 4★, finalised and decided (1234/QĐ-UBND, 10/12/2026).
    * Nước mắm Lạch Bạng: the chair 81, member 1 has not submitted, member 2 declared a conflict →
      computed only (81.00).
    """
    officer = user_with_roles("canbo-xa", roles.COMMUNE_OFFICER)
    CommuneOfficer.objects.create(user=officer, ward_code=WARD_DONG_SON)
    people = SimpleNamespace(producer=user_with_roles("htx", roles.PRODUCER), officer=officer)
    secretariat = user_with_roles("van-phong-ocop", roles.SECRETARIAT)
    chair = user_with_roles("chu-tich", roles.COUNCIL_CHAIR)
    members = [user_with_roles(f"thanh-vien-{i}", roles.COUNCIL_MEMBER) for i in (1, 2)]
    signer = user_with_roles("nguoi-ky", roles.DECISION_SIGNER)
    dossiers = []
    for title in ("Nước mắm Hải Thanh", "Nước mắm Lạch Bạng"):
        product = ProductFactory(title=title)
        product.producer.partner.users.add(people.producer)
        dossiers.append(dossier_forwarded(product, people))
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=secretariat)
    council_member_add(round=round_, user=chair, role="chair", actor=secretariat)
    for member in members:
        council_member_add(round=round_, user=member, role="member", actor=secretariat)
    for dossier in dossiers:
        dossier_assign(round=round_, dossier=dossier, actor=secretariat)
    round_ = round_scoring_start(round=round_, actor=secretariat)
    first, second = (Dossier.objects.get(pk=d.pk) for d in dossiers)

    sheet_score(first, chair, PLAN_83)
    sheet_score(first, members[0], PLAN_81)
    sheet_score(first, members[1], PLAN_83)
    result_finalise(dossier=first, actor=chair)
    result_record_decision(dossier=first, decision_number="1234/QĐ-UBND",
                           decision_date=datetime.date(2026, 12, 10), actor=signer)

    conflict_declare(dossier=second, has_conflict=True, note="Người thân của chủ thể", actor=members[1])
    sheet_score(second, chair, PLAN_81)
    sheet_score(second, members[0], PLAN_83, submit=False)
    result_compute(dossier=second, actor=secretariat)
    return round_


def test_minutes_data_has_each_members_total_the_average_star_and_decision(minutes_round):
    minutes = round_minutes_data(round=minutes_round)

    assert (minutes.round_name, minutes.province, minutes.opens_on) == (
        "Đợt 2 năm 2026", "Thanh Hóa", datetime.date(2026, 11, 2),
    )
    assert [(m.name, m.role, m.role_label) for m in minutes.members] == [
        ("chu-tich", "chair", "Chủ tịch hội đồng"),
        ("thanh-vien-1", "member", "Thành viên"),
        ("thanh-vien-2", "member", "Thành viên"),
    ]
    assert minutes.chair.name == "chu-tich"
    assert minutes.finalised_on == timezone.localdate()  # the day the first dossier was finalised
    ids = [m.member_id for m in minutes.members]
    first, second = minutes.dossiers
    assert (first.product, first.product_set) == ("Nước mắm Hải Thanh", "9. Tương, nước mắm, gia vị dạng lỏng khác")
    assert first.producer.startswith("Hợp tác xã Đông Sơn")
    assert [first.member_totals[i] for i in ids] == [D("83.00"), D("81.00"), D("83.00")]
    assert (first.average, first.star, first.eliminated, first.result_status) == (D("82.33"), 4, False, "decided")
    assert (first.decision_number, first.decision_date) == ("1234/QĐ-UBND", datetime.date(2026, 12, 10))

    assert second.product == "Nước mắm Lạch Bạng"
    assert [second.member_totals[i] for i in ids] == [D("81.00"), "chưa nộp", "xung đột lợi ích"]
    assert (second.average, second.star, second.result_status, second.result_status_label) == (
        D("81.00"), 4, "computed", "đã tính",
    )
    assert (second.decision_number, second.decision_date) == ("", None)


def test_minutes_data_reads_in_four_queries_whatever_the_number_of_dossiers(minutes_round):
    with CaptureQueriesContext(connection) as queries:
        round_minutes_data(round=minutes_round)
    # council + users, dossiers + product/producer/set/result, assignments + scorecards, conflicts
    assert len(queries) == 4


def test_minutes_xlsx_has_the_table_with_numeric_cells_and_the_members_sheet(minutes_round):
    workbook = load_workbook(io.BytesIO(round_minutes_xlsx(round=minutes_round)))

    assert workbook.sheetnames == ["Biên bản", "Thành viên"]
    sheet = workbook["Biên bản"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "STT", "Sản phẩm", "Chủ thể", "chu-tich", "thanh-vien-1", "thanh-vien-2", "Điểm trung bình", "Hạng sao",
        "Kết quả", "Số quyết định", "Ngày quyết định",
    )
    assert all(cell.font.bold for cell in sheet[1])
    first, second = rows[1], rows[2]
    assert first[:2] == (1, "Nước mắm Hải Thanh")
    assert first[3:] == (83, 81, 83, 82.33, 4, "đã có quyết định", "1234/QĐ-UBND", datetime.datetime(2026, 12, 10))
    assert second[:2] == (2, "Nước mắm Lạch Bạng")
    assert second[3:] == (81, "chưa nộp", "xung đột lợi ích", 81, 4, "đã tính", None, None)
    assert [sheet.cell(row=2, column=c).data_type for c in (1, 4, 5, 6, 7, 8)] == ["n"] * 6
    assert sheet.cell(row=2, column=7).number_format == "0.00"

    assert list(workbook["Thành viên"].iter_rows(values_only=True)) == [
        ("STT", "Họ và tên", "Vai trò"),
        (1, "chu-tich", "Chủ tịch hội đồng"),
        (2, "thanh-vien-1", "Thành viên"),
        (3, "thanh-vien-2", "Thành viên"),
    ]


def test_minutes_pdf_is_a_vietnamese_landscape_document_with_the_table(minutes_round):
    pdf = round_minutes_pdf(round=minutes_round)

    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for expected in (
        "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", "Đợt 2 năm 2026", "Nước mắm Hải Thanh",
        "Nước mắm Lạch Bạng", "82,33", "81,00", "4 sao", "1234/QĐ-UBND", "xung đột lợi ích", "chưa nộp",
        "CHỦ TỊCH HỘI ĐỒNG", "THƯ KÝ HỘI ĐỒNG", "chu-tich",
    ):
        assert expected in text, expected


def test_minutes_of_an_empty_round_list_the_council_only():
    secretariat = user_with_roles("van-phong-ocop", roles.SECRETARIAT)
    round_ = round_open(province_code=THANH_HOA, name="Đợt 3 năm 2026", opens_on=datetime.date(2026, 12, 1),
                        actor=secretariat)
    minutes = round_minutes_data(round=round_)
    assert (minutes.members, minutes.dossiers, minutes.finalised_on) == ([], [], None)
    assert round_minutes_pdf(round=round_).startswith(b"%PDF")
    rows = list(load_workbook(io.BytesIO(round_minutes_xlsx(round=round_)))["Biên bản"].iter_rows(values_only=True))
    assert rows == [("STT", "Sản phẩm", "Chủ thể", "Điểm trung bình", "Hạng sao", "Kết quả", "Số quyết định",
                     "Ngày quyết định")]


@pytest.mark.parametrize(
    ("username", "pdf_status", "xlsx_status"),
    [
        ("van-phong-ocop", 200, 200),  # secretariat
        ("chu-tich", 200, 200),  # the round's chair
        ("nguoi-ky", 200, 200),  # decision signer
        ("thanh-vien-1", 404, 404),  # a member: no minutes (and no hint the round exists)
        ("htx", 404, 404),  # the producer
    ],
)
def test_minutes_downloads_are_for_the_secretariat_the_chair_and_the_signer(
    client, minutes_round, username, pdf_status, xlsx_status,
):
    # given a user of one role, when they download the minutes of the round
    client.force_login(get_user_model().objects.get(username=username))
    pdf = client.get(f"/ocop/rounds/{minutes_round.pk}/minutes.pdf")
    xlsx = client.get(f"/ocop/rounds/{minutes_round.pk}/minutes.xlsx")

    # then only those who may read them get the files, as attachments
    assert (pdf.status_code, xlsx.status_code) == (pdf_status, xlsx_status)
    if pdf_status == 200:
        assert pdf["Content-Type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF")
        assert pdf["Content-Disposition"] == f'attachment; filename="bien-ban-dot-{minutes_round.pk}.pdf"'
        assert load_workbook(io.BytesIO(xlsx.content)).sheetnames == ["Biên bản", "Thành viên"]


def test_minutes_need_a_login_and_an_existing_round(client, minutes_round):
    response = client.get(f"/ocop/rounds/{minutes_round.pk}/minutes.pdf")
    assert response.status_code == 302
    assert response.url.startswith("/shop/accounts/login/")

    client.force_login(get_user_model().objects.get(username="van-phong-ocop"))
    assert client.get(f"/ocop/rounds/{minutes_round.pk + 1000}/minutes.xlsx").status_code == 404
