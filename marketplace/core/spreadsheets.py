"""Cells of every CSV and XLSX file the project writes, Oscar's dashboard and Wagtail's admin exports included.

Text that people type (names, titles, addresses) must never run as a formula when a spreadsheet program
opens the file (OWASP "CSV injection"): a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return gets a leading apostrophe, which spreadsheet programs read as "this is text".
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from oscar.core.compat import UnicodeCSVWriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value: Any) -> Any:
    """Return ``value`` ready for a spreadsheet cell: text that could start a formula is made literal."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    """Return the cells of one row, each through spreadsheet_cell."""
    return [spreadsheet_cell(value) for value in values]


class SpreadsheetSafeCSVWriter:
    """A ``csv.writer`` whose every cell goes through spreadsheet_cell."""

    def __init__(self, file, **kwargs):
        self._writer = csv.writer(file, **kwargs)

    def writerow(self, row: Iterable[Any]):
        return self._writer.writerow(spreadsheet_row(row))

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


class SpreadsheetSafeUnicodeCSVWriter(UnicodeCSVWriter):
    """Oscar's Excel-friendly CSV writer (dashboard orders and reports), every cell through spreadsheet_cell."""

    def writerow(self, row: Iterable[Any]) -> None:
        super().writerow(spreadsheet_row(row))


def wagtail_exports_spreadsheet_safe() -> None:
    """Make every Wagtail admin export (CSV and XLSX) write its cells through spreadsheet_cell.

    Wagtail writes all of them with one mixin, ``wagtail.admin.views.mixins.SpreadsheetExportMixin``: the
    reports (aging pages, site history, locked pages…), the listings of the generic model and snippet views,
    and the form submissions of ``wagtail.contrib.forms``, typed by the public. Its rows are not ours to
    rewrite, so at start-up its two cell sources are wrapped: ``preprocess_field_value`` (every row cell, in
    both formats, after Wagtail's own per-field and per-type conversions) and ``get_heading`` (the headings,
    which for form submissions are labels typed by editors, and which the XLSX writer would otherwise read
    as a formula). Subclasses that override neither (none in Wagtail) are covered too.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "spreadsheet_safe", False):
        return
    preprocess_field_value = SpreadsheetExportMixin.preprocess_field_value
    get_heading = SpreadsheetExportMixin.get_heading

    def safe_preprocess_field_value(self, field, value, export_format):
        return spreadsheet_cell(preprocess_field_value(self, field, value, export_format))

    def safe_get_heading(self, queryset, field):
        return spreadsheet_cell(get_heading(self, queryset, field))

    SpreadsheetExportMixin.preprocess_field_value = safe_preprocess_field_value
    SpreadsheetExportMixin.get_heading = safe_get_heading
    SpreadsheetExportMixin.spreadsheet_safe = True
