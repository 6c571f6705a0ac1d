"""The council minutes of a round: the data read in one go, and its PDF and XLSX renderings."""

import datetime
import io
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from marketplace.core.spreadsheets import spreadsheet_cell
from ocop_rating import roles
from ocop_rating.council.services import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
)
from ocop_rating.models import CommuneOfficer, Dossier
from ocop_rating.results.documents import round_minutes_data, round_minutes_pdf, round_minutes_xlsx
from ocop_rating.results.services import (
    result_compute,
    result_finalise,
    result_record_decision,
    round_finalise,
)
from tests.factories import THANH_HOA, WARD_DONG_SON, ProductFactory
from tests.rating import PLAN_81, PLAN_83, dossier_forwarded, sheet_score, user_with_roles

pytestmark = pytest.mark.django_db
D = Decimal


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
    council_member_add(evaluation_round=round_, user=chair, role="chair", actor=secretariat)
    for member in members:
        council_member_add(evaluation_round=round_, user=member, role="member", actor=secretariat)
    for dossier in dossiers:
        dossier_assign(evaluation_round=round_, dossier=dossier, actor=secretariat)
    round_ = round_scoring_start(evaluation_round=round_, actor=secretariat)
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


@pytest.fixture
def finished_round(minutes_round):
    """The same round once finished: member 1 submits 83 for Lạch Bạng, which the chair finalises (82.00, 4★)."""
    chair, member = (get_user_model().objects.get(username=name) for name in ("chu-tich", "thanh-vien-1"))
    second = Dossier.objects.get(round=minutes_round, product__title="Nước mắm Lạch Bạng")
    sheet_score(second, member, PLAN_83)
    result_finalise(dossier=second, actor=chair)
    return round_finalise(evaluation_round=minutes_round, actor=chair)


def _user(username):
    return get_user_model().objects.get(username=username)


def test_minutes_data_has_each_members_total_the_average_star_and_decision(finished_round):
    minutes = round_minutes_data(evaluation_round=finished_round, viewer=_user("van-phong-ocop"))

    assert (minutes.round_name, minutes.province, minutes.opens_on) == (
        "Đợt 2 năm 2026", "Thanh Hóa", datetime.date(2026, 11, 2),
    )
    assert [(m.name, m.role, m.role_label) for m in minutes.members] == [
        ("chu-tich", "chair", "Chủ tịch hội đồng"),
        ("thanh-vien-1", "member", "Thành viên"),
        ("thanh-vien-2", "member", "Thành viên"),
    ]
    assert minutes.chair.name == "chu-tich"
    assert minutes.finalised_on == timezone.localdate()  # the day the last dossier was finalised
    ids = [m.member_id for m in minutes.members]
    first, second = minutes.dossiers
    assert (first.product, first.product_set) == ("Nước mắm Hải Thanh", "9. Tương, nước mắm, gia vị dạng lỏng khác")
    assert first.producer.startswith("Hợp tác xã Đông Sơn")
    assert [first.member_totals[i] for i in ids] == [D("83.00"), D("81.00"), D("83.00")]
    assert (first.average, first.star, first.eliminated, first.result_status) == (D("82.33"), 4, False, "decided")
    assert (first.decision_number, first.decision_date) == ("1234/QĐ-UBND", datetime.date(2026, 12, 10))

    assert second.product == "Nước mắm Lạch Bạng"
    assert [second.member_totals[i] for i in ids] == [D("81.00"), D("83.00"), "xung đột lợi ích"]
    assert (second.average, second.star, second.result_status, second.result_status_label) == (
        D("82.00"), 4, "finalised", "hội đồng đã chốt",
    )
    assert (second.decision_number, second.decision_date) == ("", None)


def test_minutes_data_of_a_round_in_scoring_show_only_what_the_viewer_may_see(minutes_round):
    # given the round in scoring: Hải Thanh decided; Lạch Bạng with the chair's 81 in, member 1's sheet a draft
    # when the chair (own sheets submitted) and the secretariat read the minutes' data
    as_chair = round_minutes_data(evaluation_round=minutes_round, viewer=_user("chu-tich"))
    as_secretariat = round_minutes_data(evaluation_round=minutes_round, viewer=_user("van-phong-ocop"))

    ids = [m.member_id for m in as_chair.members]
    # then the decided dossier is whole for both
    for minutes in (as_chair, as_secretariat):
        assert [minutes.dossiers[0].member_totals[i] for i in ids] == [D("83.00"), D("81.00"), D("83.00")]
        assert (minutes.dossiers[0].average, minutes.dossiers[0].star) == (D("82.33"), 4)
    # and of the dossier still being scored the chair sees the sheets submitted like theirs, the secretariat
    # none, and neither the computed result's figures
    chair_row, secretariat_row = as_chair.dossiers[1], as_secretariat.dossiers[1]
    assert [chair_row.member_totals[i] for i in ids] == [D("81.00"), "chưa công bố", "xung đột lợi ích"]
    assert [secretariat_row.member_totals[i] for i in ids] == ["chưa công bố", "chưa công bố", "xung đột lợi ích"]
    for row in (chair_row, secretariat_row):
        assert (row.average, row.star, row.eliminated, row.result_status_label) == (None, None, False, "đã tính")


def test_minutes_data_reads_in_six_queries_whatever_the_number_of_dossiers(finished_round):
    viewer = _user("van-phong-ocop")
    with CaptureQueriesContext(connection) as queries:
        round_minutes_data(evaluation_round=finished_round, viewer=viewer)
    # council + users, dossiers + product/producer/set/result, assignments, conflicts, the viewer's roles,
    # the scorecards the viewer may see
    assert len(queries) == 6


def test_minutes_xlsx_has_the_table_with_numeric_cells_and_the_members_sheet(finished_round):
    workbook = load_workbook(io.BytesIO(round_minutes_xlsx(evaluation_round=finished_round, viewer=_user("chu-tich"))))

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
    assert second[3:] == (81, 83, "xung đột lợi ích", 82, 4, "hội đồng đã chốt", None, None)
    assert [sheet.cell(row=2, column=c).data_type for c in (1, 4, 5, 6, 7, 8)] == ["n"] * 6
    assert sheet.cell(row=2, column=7).number_format == "0.00"

    assert list(workbook["Thành viên"].iter_rows(values_only=True)) == [
        ("STT", "Họ và tên", "Vai trò"),
        (1, "chu-tich", "Chủ tịch hội đồng"),
        (2, "thanh-vien-1", "Thành viên"),
        (3, "thanh-vien-2", "Thành viên"),
        # no secretary seated: the minutes say so where the secretary's row would be
        (None, "Hội đồng không có thư ký (chưa cử thư ký hội đồng cho đợt này).", "Thư ký hội đồng"),
    ]


def test_minutes_pdf_is_a_vietnamese_landscape_document_with_the_table(finished_round):
    pdf = round_minutes_pdf(evaluation_round=finished_round, viewer=_user("nguoi-ky"))

    assert pdf.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for expected in (
        "BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP", "Đợt 2 năm 2026", "Nước mắm Hải Thanh",
        "Nước mắm Lạch Bạng", "82,33", "81,00", "82,00", "4 sao", "1234/QĐ-UBND", "xung đột lợi ích",
        "CHỦ TỊCH HỘI ĐỒNG", "THƯ KÝ HỘI ĐỒNG", "chu-tich",
    ):
        assert expected in text, expected


def test_minutes_of_an_empty_round_list_the_council_only():
    secretariat = user_with_roles("van-phong-ocop", roles.SECRETARIAT)
    round_ = round_open(province_code=THANH_HOA, name="Đợt 3 năm 2026", opens_on=datetime.date(2026, 12, 1),
                        actor=secretariat)
    minutes = round_minutes_data(evaluation_round=round_, viewer=secretariat)
    assert (minutes.members, minutes.dossiers, minutes.finalised_on) == ([], [], None)
    assert round_minutes_pdf(evaluation_round=round_, viewer=secretariat).startswith(b"%PDF")
    workbook = load_workbook(io.BytesIO(round_minutes_xlsx(evaluation_round=round_, viewer=secretariat)))
    rows = list(workbook["Biên bản"].iter_rows(values_only=True))
    assert rows == [
        ("STT", "Sản phẩm", "Chủ thể", "Điểm trung bình", "Hạng sao", "Kết quả", "Số quyết định", "Ngày quyết định"),
        (None,) * 8,
        ("Mức sao tối thiểu theo từng tiêu chí: áp dụng trên điểm trung bình của các thành viên.",) + (None,) * 7,
    ]


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
    client, finished_round, username, pdf_status, xlsx_status,
):
    minutes_round = finished_round
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


MARKUP = "<b>Hoàng Minh"
LINK = '<link href="https://lua-dao.example/nhan-thuong">Nhận thưởng</link>'
ENTITY = "Nem & chua <i>ngon</i> &amp; rẻ"


def _link_annotations(pdf: bytes) -> list:
    reader = PdfReader(io.BytesIO(pdf))
    return [annotation.get_object() for page in reader.pages for annotation in (page.get("/Annots") or [])]


def _typed_fields_set(round_, *, payloads: tuple[str, str, str]) -> None:
    """Set every text people type that reaches the minutes to markup: names, titles, round, decision."""
    markup, link, entity = payloads
    chair, member = _user("chu-tich"), _user("thanh-vien-1")
    chair.first_name, chair.last_name = markup, ""
    chair.save()
    member.first_name, member.last_name = link, ""
    member.save()
    round_.name = f"Đợt {entity}"
    round_.save()
    first, second = Dossier.objects.filter(round=round_).select_related("product", "producer").order_by("pk")
    first.product.title = link
    first.product.save()
    first.producer.name = markup
    first.producer.save()
    second.product.title = entity
    second.product.save()
    first.result.decision_number = f"{markup}/QĐ-UBND"
    first.result.save()


def test_minutes_pdf_prints_typed_markup_literally_and_carries_no_link(finished_round):
    # given names, product titles, a producer, the round and a decision number typed as reportlab markup
    _typed_fields_set(finished_round, payloads=(MARKUP, LINK, ENTITY))

    # when the minutes are printed
    pdf = round_minutes_pdf(evaluation_round=finished_round, viewer=_user("van-phong-ocop"))

    # then the document renders, shows each text as typed, and has no link annotation at all
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    flat = " ".join(text.split())
    for typed in (MARKUP, "Nhận thưởng</link>", '<link href="https://lua-dao.example/nhan-thuong">', ENTITY,
                  f"Đợt {ENTITY}", f"{MARKUP}/QĐ-UBND"):
        assert typed in flat, typed
    assert _link_annotations(pdf) == []
    assert b"/URI" not in pdf


# (A carriage return cannot survive in an XLSX cell, whose XML turns it into a line feed: the helper's own
# tests and the CSV exports' cover it.)
FORMULAS = ('=HYPERLINK("https://lua-dao.example","Bấm")', "+84 912 345 678", "-2+3", "@SUM(A1)", "\tTab")


@pytest.mark.parametrize("typed", FORMULAS)
def test_minutes_xlsx_cells_never_hold_a_formula(finished_round, typed):
    # given a member's name, a product title, a producer and a decision number that a spreadsheet reads as formulas
    member = _user("thanh-vien-1")
    member.first_name, member.last_name = typed, ""
    member.save()
    first = Dossier.objects.filter(round=finished_round).select_related("product", "producer").order_by("pk")[0]
    first.product.title = typed
    first.product.save()
    first.producer.name = typed
    first.producer.save()
    first.result.decision_number = typed
    first.result.save()

    # when the minutes are written as XLSX
    workbook = load_workbook(io.BytesIO(round_minutes_xlsx(evaluation_round=finished_round, viewer=_user("chu-tich"))))

    # then no cell is a formula and each typed text is kept, made literal by a leading apostrophe
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    literal = "'" + typed
    name = spreadsheet_cell(member.get_full_name())  # the full name is stripped of spaces and tabs
    sheet = workbook["Biên bản"]
    assert (sheet["E1"].value, sheet["B2"].value, sheet["C2"].value, sheet["J2"].value) == (
        name, literal, literal, literal,
    )
    assert workbook["Thành viên"]["B3"].value == name
