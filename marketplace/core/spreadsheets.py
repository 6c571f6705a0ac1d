"""Cells of every CSV and XLSX file the project writes, Oscar's dashboard exports included.

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
