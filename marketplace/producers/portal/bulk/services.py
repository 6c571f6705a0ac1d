"""Bulk import of the producer's products from a spreadsheet: every row checked, then all of them written or none.

Each row is parsed by the product form's own fields (forms.ProductRowForm) and checked by listing_check;
new products are written by products_insert and existing ones changed by product_change_locked, the same
functions the one-product form uses, so a file follows exactly the form's rules. The whole file is one
transaction: the preview is the same run rolled back (a dry run), so it shows what confirming will do, and
an error that only shows when writing (a stock below what orders hold, a stock that moved) refuses the file.

Stock seen: the “Tồn kho lúc xuất file” column is the stock the producer saw when they exported; without
it, the stock the preview showed. As in the product form, a stock equal to the one seen is left alone
(orders may have moved it since), a new figure is refused when the stock moved since it was seen, and a
stock below what orders hold is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.models import Product
from marketplace.producers.portal.access import PortalAccess, action_record
from marketplace.producers.portal.listings.services import (
    ListingData,
    ListingRefused,
    listing_check,
    product_change_locked,
    products_insert,
)

from . import files, selectors
from .forms import ProductRowForm, integer_text

StockRecord = get_model("partner", "StockRecord")

# Which column a refusal of the listing rules is about.
REFUSAL_COLUMNS = {
    "price": "price", "stock": "num_in_stock", "stock_moved": "num_in_stock",
    "stock_below_allocated": "num_in_stock", "description": "description", "ward": "origin_ward_code",
    "producer": "product_id",
}
COMPARED_KEYS = ("ocop_set", "title", "description", "price", "num_in_stock", "weight_grams", "volume_ml",
                 "shelf_life_days", "origin_ward_code", "is_public")


@dataclass(frozen=True)
class RowError:
    """Why one row of the file cannot be imported: its spreadsheet row number, its column (key) if any."""

    row: int
    column: str
    message: str

    @property
    def column_label(self) -> str:
        return files.column_label(self.column) if self.column else ""

    def __str__(self) -> str:
        if self.column:
            return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
                "row": self.row, "column": self.column_label, "message": self.message}
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class Change:
    key: str
    before: object
    after: object

    @property
    def label(self) -> str:
        return files.column_label(self.key)


@dataclass(frozen=True)
class RowChange:
    """What a row does: adds a product, or changes these columns of an existing one."""

    row: int
    product_id: int | None
    title: str
    price: int
    num_in_stock: int
    changes: tuple[Change, ...] = ()


@dataclass
class ImportReport:
    """What an import did (or, for a dry run, would do); nothing is written when ``errors`` is not empty."""

    created: list[RowChange] = field(default_factory=list)
    changed: list[RowChange] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    # The stock taken as seen for each existing product (from the file, else the database at the preview).
    stock_seen: dict[int, int] = field(default_factory=dict)
    written: bool = False


@dataclass(frozen=True)
class _Row:
    number: int
    product_id: int | None
    data: ListingData
    stock_seen: int | None


def _refusal(number: int, exc: ValidationError, column: str = "") -> list[RowError]:
    if hasattr(exc, "error_dict"):
        return [RowError(number, key if key in files.COLUMN_BY_KEY else "", message)
                for key, messages in exc.message_dict.items() for message in messages]
    column = REFUSAL_COLUMNS.get(getattr(exc, "code", None) or "", column)
    return [RowError(number, column, " ".join(exc.messages))]


def _product_id(number: int, text: str, own_ids: set[int], first_row_of: dict[int, int]):
    if not text:
        return None, None
    if not (text.isascii() and text.isdigit()):
        return None, RowError(number, "product_id", _("Mã sản phẩm là số; để trống nếu là sản phẩm mới."))
    product_id = int(text)
    if product_id not in own_ids:
        return None, RowError(number, "product_id", _(
            "Gian hàng của bạn không có sản phẩm mã %(id)s. Để trống ô này nếu là sản phẩm mới."
        ) % {"id": product_id})
    if product_id in first_row_of:
        return None, RowError(number, "product_id", _("Sản phẩm mã %(id)s đã có ở dòng %(row)s.") % {
            "id": product_id, "row": first_row_of[product_id]})
    first_row_of[product_id] = number
    return product_id, None


def _rows_parsed(*, access: PortalAccess, table: files.Table) -> tuple[list[_Row], list[RowError]]:
    """Every row parsed and checked without writing; the rows that pass and the errors of those that do not."""
    product_sets = selectors.product_sets_by_number()
    own_ids = selectors.producer_product_ids(producer=access.producer)
    first_row_of: dict[int, int] = {}
    form = ProductRowForm(product_sets=product_sets)
    rows, errors = [], []
    for number, cells in table.rows:
        row_errors = []
        product_id, error = _product_id(number, cells.get("product_id", ""), own_ids, first_row_of)
        if error is not None:
            row_errors.append(error)
        stock_seen = None
        seen_text = integer_text(cells.get("stock_seen", ""))
        if product_id is not None and seen_text:
            if seen_text.isascii() and seen_text.isdigit():
                stock_seen = int(seen_text)
            else:
                row_errors.append(RowError(number, "stock_seen", _(
                    "Cột này là số tồn kho lúc xuất file: hãy để nguyên số đã xuất.")))
        data = None
        if form.bind(cells).is_valid():
            data = form.listing_data()
            try:
                listing_check(data)
            except ListingRefused as exc:
                row_errors.extend(_refusal(number, exc))
        else:
            row_errors.extend(RowError(number, key if key in files.COLUMN_BY_KEY else "", message)
                              for key, messages in form.errors.items() for message in messages)
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(_Row(number=number, product_id=product_id, data=data, stock_seen=stock_seen))
    return rows, errors


def _row_of(data: ListingData) -> dict[str, object]:
    return {
        "ocop_set": data.ocop_set.number, "title": data.title, "description": data.description.strip(),
        "price": data.price, "num_in_stock": data.num_in_stock, "weight_grams": data.weight_grams,
        "volume_ml": data.volume_ml if data.volume_ml is not None else "",
        "shelf_life_days": data.shelf_life_days if data.shelf_life_days is not None else "",
        "origin_ward_code": data.origin_ward_code, "is_public": _(files.YES) if data.is_public else _(files.NO),
    }


def _row_change(*, access: PortalAccess, row: _Row, product: Product | None, records: dict, sets_by_pk: dict,
                seen: dict[int, int], classes: dict, report: ImportReport) -> None:
    """Change one existing product as its row says, unless nothing changes; a refusal goes to the report."""
    if product is None:  # deleted since the rows were read
        report.errors.append(RowError(row.number, "product_id", _(
            "Gian hàng của bạn không có sản phẩm mã %(id)s. Để trống ô này nếu là sản phẩm mới."
        ) % {"id": row.product_id}))
        return
    if product.ocop_set_id is not None:
        product.ocop_set = sets_by_pk.get(product.ocop_set_id)
    record = records.get(product.pk)
    current = selectors.product_row(product, record)
    if row.stock_seen is not None:
        seen[product.pk] = row.stock_seen
    elif product.pk not in seen and record is not None:
        seen[product.pk] = record.num_in_stock
    new = _row_of(row.data)
    # A stock equal to the one seen is left alone, whatever the stock is now (product_change_locked).
    stock_changes = record is None or row.data.num_in_stock != seen.get(product.pk)
    changes = tuple(Change(key, current[key], new[key]) for key in COMPARED_KEYS
                    if (stock_changes if key == "num_in_stock" else current[key] != new[key]))
    if not changes:
        report.unchanged += 1
        return
    try:
        product_change_locked(access=access, product=product, record=record, data=row.data,
                              stock_seen=seen.get(product.pk), classes=classes)
    except ValidationError as exc:  # ListingRefused, or a model field full_clean refused
        report.errors.extend(_refusal(row.number, exc))
        return
    report.changed.append(RowChange(row=row.number, product_id=product.pk, title=row.data.title,
                                    price=row.data.price, num_in_stock=row.data.num_in_stock, changes=changes))


def products_import(*, access: PortalAccess, table: files.Table, dry_run: bool, file_name: str = "",
                    stock_seen: dict[int, int] | None = None) -> ImportReport:
    """Add and change the producer's products from a file's rows, all in one transaction or nothing.

    With ``dry_run`` everything is done and rolled back (the preview). ``stock_seen`` is the preview's
    report.stock_seen, for the rows whose file has no stock seen. Unchanged rows write nothing; each
    written product is recorded as by the product form, and the file once as "products_imported".
    """
    rows, errors = _rows_parsed(access=access, table=table)
    report = ImportReport(errors=errors)
    if errors:
        return report
    seen = dict(stock_seen or {})
    with transaction.atomic():
        # NO KEY, as product_update: orders being placed hold KEY SHARE locks on these rows.
        products = {product.pk: product for product in
                    Product.objects.select_for_update(no_key=True).filter(producer=access.producer).order_by("pk")}
        records: dict[int, object] = {}
        for record in (StockRecord.objects.select_for_update(no_key=True, of=("self",))
                       .filter(partner_id=access.producer.partner_id, product__producer=access.producer)
                       .order_by("pk")):
            records.setdefault(record.product_id, record)
        sets_by_pk = {product_set.pk: product_set for product_set in selectors.product_sets_by_number().values()}
        classes: dict = {}
        for row in rows:
            if row.product_id is not None:
                _row_change(access=access, row=row, product=products.get(row.product_id),
                            records=records, sets_by_pk=sets_by_pk, seen=seen, classes=classes, report=report)
        new_rows = [row for row in rows if row.product_id is None]
        try:
            created = products_insert(access=access, items=[row.data for row in new_rows])
        except ValidationError as exc:  # a model field full_clean refused
            report.errors.extend(_refusal(new_rows[exc.index].number, exc))
        else:
            # A dry run's new products are rolled back: their ids are not theirs to keep.
            report.created = [RowChange(row=row.number, product_id=None if dry_run else product.pk, title=row.data.title,
                                        price=row.data.price, num_in_stock=row.data.num_in_stock)
                              for row, product in zip(new_rows, created, strict=True)]
        report.stock_seen = seen
        if report.errors or dry_run:
            transaction.set_rollback(True)
            return report
        action_record(access, "products_imported", None, file_name=file_name, rows=len(rows),
                      created=[change.product_id for change in report.created],
                      changed=[change.product_id for change in report.changed], unchanged=report.unchanged)
        report.written = True
    return report
