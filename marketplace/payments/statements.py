"""Bank statement import: mark bank transfers paid from the account's statement, as a CSV file.

Format (README, "Bank transfer by VietQR"): UTF-8 (a byte order mark is fine), comma-separated, a header
row naming the columns ``date``, ``amount`` and ``description`` (any order, other columns ignored), then
one incoming transfer a row: the date as 2026-11-28 or 28/11/2026, the amount in whole đồng (147000,
147.000 or 147,000), the transfer note as the bank shows it. A row pays an order only when its note
holds exactly one known reference (``OCOP`` + order number) and its amount equals the order's total;
every other row changes nothing and is reported. Importing the same file again changes nothing.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.core.money import format_vnd

from .models import Payment
from .services import REFERENCE_PREFIX, PaymentRefused, payment_transition
from .states import Action, Method, State

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
COLUMNS = ("date", "amount", "description")
# "OCOP100042", also as banks mangle it: "OCOP 100042", "ocop-100042"; never the start of a longer number.
REFERENCE_IN_TEXT = re.compile(rf"{REFERENCE_PREFIX}[\s.\-_]?(\d{{1,15}})(?!\d)")
_GROUPED = re.compile(r"\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*")
_DECIMAL = re.compile(r"(\d+)[.,](\d{1,2})")

MATCHED, ALREADY_PAID, AMBIGUOUS, UNMATCHED = "matched", "already_paid", "ambiguous", "unmatched"
OUTCOME_LABELS = {
    MATCHED: gettext_lazy("Khớp, đã ghi nhận thanh toán"),
    ALREADY_PAID: gettext_lazy("Đã thanh toán từ trước"),
    AMBIGUOUS: gettext_lazy("Không rõ đơn hàng"),
    UNMATCHED: gettext_lazy("Không khớp"),
}


class StatementRefused(PaymentRefused):
    """The file as a whole cannot be read; nothing was changed."""


@dataclass
class StatementRow:
    line: int
    date: datetime.date | None
    amount: Decimal | None
    description: str
    outcome: str = UNMATCHED
    reason: str = ""
    order_number: str = ""

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS[self.outcome])


@dataclass
class StatementImport:
    rows: list[StatementRow] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def counts(self) -> dict[str, int]:
        return {outcome: self.count(outcome) for outcome in OUTCOME_LABELS}


def bank_statement_import(*, data: bytes, actor) -> StatementImport:
    """Read a statement CSV and mark paid each pending transfer a row matches; report every row.

    Raises StatementRefused (nothing changed) when the file is not such a CSV. Each matched row is its own
    transaction: a row that does not match changes nothing, and a row already applied is "already paid".
    """
    result = StatementImport(rows=_parse(data))
    for row in result.rows:
        if not row.reason:
            _apply(row, actor)
    return result


def _parse(data: bytes) -> list[StatementRow]:
    if len(data) > MAX_BYTES:
        raise StatementRefused(_("Tệp sao kê lớn hơn 2 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StatementRefused(_("Tệp sao kê phải là CSV mã hóa UTF-8.")) from error
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower() for name in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise StatementRefused(_("Tệp sao kê trống.")) from error
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise StatementRefused(_("Tệp sao kê thiếu cột: %(columns)s. Dòng đầu phải là: date,amount,description.")
                               % {"columns": ", ".join(missing)})
    index = {name: header.index(name) for name in COLUMNS}
    rows = []
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise StatementRefused(_("Tệp sao kê có hơn %(max)s dòng; hãy chia nhỏ.") % {"max": MAX_ROWS})
            cells = {name: (values[i].strip() if i < len(values) else "") for name, i in index.items()}
            rows.append(_row(reader.line_num, cells))
    except csv.Error as error:
        raise StatementRefused(_("Không đọc được tệp CSV (dòng %(line)s).") % {"line": reader.line_num}) from error
    if not rows:
        raise StatementRefused(_("Tệp sao kê không có dòng giao dịch nào."))
    return rows


def _row(line: int, cells: dict[str, str]) -> StatementRow:
    row = StatementRow(line=line, date=_date(cells["date"]), amount=_amount(cells["amount"]),
                       description=cells["description"])
    if row.date is None:
        row.reason = _("Ngày “%(value)s” không đọc được (dùng 2026-11-28 hoặc 28/11/2026).") % {"value": cells["date"]}
    elif row.amount is None:
        row.reason = _("Số tiền “%(value)s” không phải số đồng nguyên.") % {"value": cells["amount"]}
    elif row.amount <= 0:
        row.reason = _("Không phải tiền chuyển đến.")
    return row


def _date(value: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _amount(value: str) -> Decimal | None:
    text = value.replace(" ", "").replace("\u00a0", "").removesuffix("₫").removesuffix("VND")
    sign = -1 if text.startswith("-") else 1
    text = text.lstrip("+-")
    if text.isascii() and text.isdigit():
        return sign * Decimal(text)
    if _GROUPED.fullmatch(text):
        return sign * Decimal(re.sub(r"[.,]", "", text))
    decimal = _DECIMAL.fullmatch(text)
    if decimal and int(decimal.group(2)) == 0:
        return sign * Decimal(decimal.group(1))
    return None


def _apply(row: StatementRow, actor) -> None:
    references = list(dict.fromkeys(REFERENCE_PREFIX + number for number in REFERENCE_IN_TEXT.findall(
        row.description.upper())))
    latest: dict[str, Payment] = {}
    for payment in (Payment.objects.filter(method=Method.VIETQR, reference__in=references)
                    .select_related("order").order_by("pk")):
        latest[payment.reference] = payment
    known = [reference for reference in references if reference in latest]
    if not known:
        row.outcome, row.reason = UNMATCHED, _("Nội dung không có mã thanh toán của đơn hàng nào.")
        return
    if len(known) > 1:
        row.outcome = AMBIGUOUS
        row.reason = _("Nội dung có mã của nhiều đơn hàng: %(references)s.") % {"references": ", ".join(known)}
        return
    payment = latest[known[0]]
    row.order_number = payment.order.number
    if payment.state in (State.PAID, State.PARTIALLY_REFUNDED, State.REFUNDED):
        row.outcome = ALREADY_PAID
        row.reason = _("Đơn hàng đã được ghi nhận thanh toán %(received)s.") % {
            "received": format_vnd(payment.amount_received)}
        return
    if payment.state != State.PENDING:
        row.outcome = UNMATCHED
        row.reason = _("Thanh toán của đơn hàng ở trạng thái “%(state)s”: hãy liên hệ khách để hoàn tiền.") % {
            "state": payment.state_label}
        return
    if row.amount != payment.amount:
        row.outcome = UNMATCHED
        row.reason = _("Số tiền %(received)s khác số tiền phải thanh toán %(due)s.") % {
            "received": format_vnd(row.amount), "due": format_vnd(payment.amount)}
        return
    try:
        change = payment_transition(
            payment=payment, to_state=State.PAID, action=Action.BANK_STATEMENT, actor=actor, amount=row.amount,
            detail={"date": row.date.isoformat(), "description": row.description[:500], "line": row.line},
        )
    except PaymentRefused as refusal:  # changed under us (paid or expired meanwhile): report it as it is now
        row.outcome, row.reason = UNMATCHED, str(refusal)
        return
    row.outcome = MATCHED if change.changed else ALREADY_PAID
