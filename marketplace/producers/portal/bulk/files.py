"""The producer's product spreadsheet: its columns, and CSV/XLSX files read into rows or written from rows.

Headers are the Vietnamese texts below (in another language their translation is accepted too); row 1 is
the header, so a product on spreadsheet row 538 is reported as "Dòng 538", as Excel shows it. Reading
keeps Excel's row numbers: blank rows are skipped but still counted. tablib writes both formats; files are
read with the standard csv module and openpyxl (tablib's readers drop blank CSV lines, which would shift
the row numbers errors name, and refuse rows longer than the header). Every written cell goes through
marketplace.core.spreadsheets (text that could start a formula gets a leading apostrophe); reading drops
that apostrophe again, so an exported file imports unchanged.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from marketplace.core.spreadsheets import FORMULA_STARTS, spreadsheet_row

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
# An .xlsx is a zip: its unpacked parts are bounded too, so a small file cannot unpack into gigabytes.
MAX_XLSX_UNPACKED_BYTES = 60 * 1024 * 1024
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls (and password-protected .xlsx)

YES = gettext_noop("có")
NO = gettext_noop("không")


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # the Vietnamese header (translated when shown)

    @property
    def label(self) -> str:
        return _(self.header)


COLUMNS = (
    Column("product_id", gettext_noop("Mã sản phẩm")),
    Column("ocop_set", gettext_noop("Mã bộ sản phẩm (1-26)")),
    Column("title", gettext_noop("Tên sản phẩm")),
    Column("description", gettext_noop("Mô tả")),
    Column("price", gettext_noop("Giá (đồng)")),
    Column("num_in_stock", gettext_noop("Tồn kho")),
    Column("weight_grams", gettext_noop("Khối lượng (g)")),
    Column("volume_ml", gettext_noop("Thể tích (ml)")),
    Column("shelf_life_days", gettext_noop("Hạn sử dụng (ngày)")),
    Column("origin_ward_code", gettext_noop("Mã xã/phường xuất xứ")),
    Column("is_public", gettext_noop("Hiện trên sàn (có/không)")),
    Column("stock_seen", gettext_noop("Tồn kho lúc xuất file (không sửa)")),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
# A new product has no id and no stock seen; a file without these columns only adds products.
OPTIONAL_KEYS = frozenset({"product_id", "stock_seen"})


class FileRefused(ValidationError):
    """An uploaded file that cannot be read as the product spreadsheet, with the reason for the producer."""


@dataclass(frozen=True)
class Table:
    """The product rows of a file: (spreadsheet row number, {column key: cell text}), blank rows left out."""

    rows: tuple[tuple[int, dict[str, str]], ...]


def column_label(key: str) -> str:
    """The header of a column as the producer sees it."""
    return COLUMN_BY_KEY[key].label


# --------------------------------------------------------------------------- writing


def _dataset(rows: list[list]) -> tablib.Dataset:
    dataset = tablib.Dataset(headers=spreadsheet_row(column.label for column in COLUMNS))
    dataset.title = "San pham"
    for row in rows:
        dataset.append(spreadsheet_row(row))
    return dataset


def csv_bytes(rows: list[list]) -> bytes:
    """The rows (cells in COLUMNS order) as CSV in UTF-8 with a BOM, so Excel shows Vietnamese."""
    return ("\ufeff" + _dataset(rows).export("csv")).encode("utf-8")


def xlsx_bytes(rows: list[list]) -> bytes:
    """The rows (cells in COLUMNS order) as an Excel workbook of one sheet."""
    return _dataset(rows).export("xlsx")


# --------------------------------------------------------------------------- reading


def _normalised(text: str) -> str:
    return " ".join(text.replace("\ufeff", "").replace("–", "-").split()).casefold()


def _header_keys() -> dict[str, str]:
    keys = {}
    for column in COLUMNS:
        keys[_normalised(column.header)] = column.key
        keys[_normalised(column.label)] = column.key
    return keys


def cell_text(value) -> str:
    """A cell as text: numbers without a needless ".0", an exported apostrophe before a formula sign dropped."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _(YES) if value else _(NO)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date):
        value = value.strftime("%d/%m/%Y")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        text = text[1:]
    return text


def _refused(message: str, code: str) -> FileRefused:
    return FileRefused(message, code=code)


def _csv_rows(content: bytes, name: str):
    if b"\x00" in content:
        raise _refused(_("File “%(name)s” không phải file CSV hay Excel (.xlsx) nên không đọc được.")
                       % {"name": name}, "not_spreadsheet")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(_(
            "File “%(name)s” không lưu bằng bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. Trong Excel hãy chọn "
            "“Lưu thành” → “CSV UTF-8 (phân tách bằng dấu phẩy)”, hoặc lưu thành file .xlsx."
        ) % {"name": name}, "encoding") from None
    first_line = text.split("\n", 1)[0]
    # Excel set to Vietnamese separates with semicolons; the header line tells which one the file uses.
    delimiter = max(",;\t", key=first_line.count) if first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:  # e.g. a cell longer than csv.field_size_limit() (128 KB)
        raise _refused(_(
            "File “%(name)s” không đọc được ở dòng %(row)s: có ô quá dài hoặc dấu ngoặc kép không khớp."
        ) % {"name": name, "row": reader.line_num}, "csv") from exc


def _xlsx_rows(content: bytes, name: str):
    unreadable = _("File “%(name)s” không đọc được: file Excel bị hỏng.") % {"name": name}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
            unpacked = sum(part.file_size for part in parts)
    except zipfile.BadZipFile as exc:
        raise _refused(unreadable, "xlsx") from exc
    if "xl/workbook.xml" not in names:
        raise _refused(_("File “%(name)s” không phải file Excel (.xlsx). Hãy lưu thành .xlsx hoặc CSV UTF-8.")
                       % {"name": name}, "not_spreadsheet")
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise _refused(_("File “%(name)s” chứa quá nhiều dữ liệu. Hãy chia thành nhiều file nhỏ hơn.")
                       % {"name": name}, "too_big")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise _refused(unreadable, "xlsx") from exc
    try:
        for number, row in enumerate(workbook.active.iter_rows(values_only=True), start=1):
            yield number, list(row)
    except Exception as exc:  # noqa: BLE001 - a damaged sheet is found while reading it
        raise _refused(unreadable, "xlsx") from exc
    finally:
        workbook.close()


def _raw_rows(content: bytes, name: str):
    if content.startswith(ZIP_MAGIC):
        return _xlsx_rows(content, name)
    if content.startswith(OLE_MAGIC):
        raise _refused(_(
            "File “%(name)s” là file Excel 97-2003 (.xls) hoặc có mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu "
            "rồi lưu thành .xlsx hoặc CSV UTF-8."
        ) % {"name": name}, "xls")
    return _csv_rows(content, name)


def _columns_of(header: list, name: str) -> dict[int, str]:
    known = _header_keys()
    positions: dict[int, str] = {}
    seen: set[str] = set()
    for index, cell in enumerate(header):
        key = known.get(_normalised(cell_text(cell)))
        if key is None:
            continue  # the producer's own extra columns (notes, formulas) are left alone
        if key in seen:
            raise _refused(_("Cột “%(column)s” có hai lần ở dòng 1.") % {"column": column_label(key)}, "header")
        seen.add(key)
        positions[index] = key
    missing = [column.label for column in COLUMNS if column.key not in seen and column.key not in OPTIONAL_KEYS]
    if missing:
        raise _refused(_(
            "File “%(name)s” thiếu cột: %(columns)s. Dòng 1 phải là tiêu đề cột như trong file mẫu."
        ) % {"name": name, "columns": ", ".join(f"“{label}”" for label in missing)}, "header")
    return positions


def table_read(*, name: str, content: bytes) -> Table:
    """Read an uploaded CSV (UTF-8, comma or semicolon) or XLSX into product rows; refuse it with the reason."""
    if len(content) > MAX_BYTES:
        raise _refused(_("File “%(name)s” quá lớn: tối đa %(mb)s MB. Hãy chia thành nhiều file nhỏ hơn.")
                       % {"name": name, "mb": MAX_BYTES // (1024 * 1024)}, "too_big")
    if not content.strip(b"\xef\xbb\xbf \t\r\n"):
        raise _refused(_("File “%(name)s” trống.") % {"name": name}, "empty")
    raw = _raw_rows(content, name)
    positions = None
    rows = []
    for number, cells in raw:
        if positions is None:
            positions = _columns_of(cells, name)
            continue
        values = {key: cell_text(cells[index]).strip() if index < len(cells) else ""
                  for index, key in positions.items()}
        if not any(values.values()):
            continue
        if len(rows) == MAX_ROWS:
            raise _refused(_("File “%(name)s” có hơn %(max)s dòng sản phẩm. Hãy chia thành nhiều file.")
                           % {"name": name, "max": f"{MAX_ROWS:,}".replace(",", ".")}, "too_many_rows")
        rows.append((number, values))
    if not rows:
        raise _refused(_("File “%(name)s” không có dòng sản phẩm nào (dòng 1 là tiêu đề cột).")
                       % {"name": name}, "no_rows")
    return Table(rows=tuple(rows))
