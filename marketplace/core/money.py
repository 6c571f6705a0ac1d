"""VND is a zero-decimal currency: whole đồng in the database and at every gateway."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency

VND = "VND"


def to_dong(amount: Decimal | int | str) -> int:
    """Round an amount to whole đồng (half up), the unit every gateway receives."""
    return int(Decimal(amount).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def format_vnd(amount: Decimal | int) -> str:
    """Format as `125.000 ₫` whatever the active language."""
    return format_currency(to_dong(amount), VND, format="#,##0\u00a0¤", locale="vi_VN")
