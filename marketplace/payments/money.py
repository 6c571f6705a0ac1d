"""Amounts at a gateway boundary: integers of the currency's minor unit, through this one helper.

VND is a zero-decimal currency (125.000 ₫ is 125000, never × 100); USD has cents (12.34 USD is 1234).
The currency lists are Stripe's (https://docs.stripe.com/currencies#zero-decimal).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.utils.translation import gettext as _

ZERO_DECIMAL_CURRENCIES = frozenset({
    "BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF",
})
THREE_DECIMAL_CURRENCIES = frozenset({"BHD", "JOD", "KWD", "OMR", "TND"})
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


class MoneyError(ValueError):
    """An amount that cannot be expressed in whole minor units of its currency; the message is for people."""


def currency_exponent(currency: str) -> int:
    """How many decimal places the currency's minor unit has (VND 0, USD 2, KWD 3)."""
    code = currency.upper() if isinstance(currency, str) else ""
    if not _CURRENCY_CODE.fullmatch(code):
        raise MoneyError(_("Mã tiền tệ “%(currency)s” không hợp lệ.") % {"currency": currency})
    if code in ZERO_DECIMAL_CURRENCIES:
        return 0
    if code in THREE_DECIMAL_CURRENCIES:
        return 3
    return 2


def amount_to_minor_units(amount: Decimal | int, currency: str) -> int:
    """Return ``amount`` in the currency's minor unit: 125000 VND → 125000, 12.34 USD → 1234.

    Refuses floats (they cannot hold money exactly) and any fraction of a minor unit (0.5 ₫, 0.001 USD).
    """
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"amount must be a Decimal or an int, not {type(amount).__name__}")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise MoneyError(_("Số tiền không hợp lệ."))
    scaled = amount.scaleb(currency_exponent(currency))
    if scaled != scaled.to_integral_value():
        raise MoneyError(_("Số tiền %(amount)s %(currency)s có phần lẻ nhỏ hơn đơn vị nhỏ nhất của đồng tiền.")
                         % {"amount": amount, "currency": currency.upper()})
    return int(scaled)


def minor_units_to_amount(units: int, currency: str) -> Decimal:
    """Return the amount ``units`` minor units make: 125000 VND → Decimal("125000"), 1234 USD → Decimal("12.34")."""
    if isinstance(units, bool) or not isinstance(units, int):
        raise TypeError(f"units must be an int, not {type(units).__name__}")
    exponent = currency_exponent(currency)
    return Decimal(units).scaleb(-exponent).quantize(Decimal(1).scaleb(-exponent))
