"""One helper turns amounts into a gateway's minor units: VND is zero-decimal (never × 100)."""

from decimal import Decimal

import pytest

from marketplace.payments.money import (
    MoneyError,
    amount_to_minor_units,
    currency_exponent,
    minor_units_to_amount,
)


@pytest.mark.parametrize(("amount", "currency", "units"), [
    (Decimal("125000"), "VND", 125000),
    (125000, "VND", 125000),
    (Decimal("0"), "VND", 0),
    (Decimal("1250000"), "vnd", 1250000),
    (Decimal("500"), "JPY", 500),
    (Decimal("12.34"), "USD", 1234),
    (Decimal("12"), "USD", 1200),
    (Decimal("0.01"), "EUR", 1),
    (Decimal("1.234"), "KWD", 1234),
])
def test_amount_to_minor_units_per_currency(amount, currency, units):
    assert amount_to_minor_units(amount, currency) == units


@pytest.mark.parametrize(("units", "currency", "amount"), [
    (125000, "VND", Decimal("125000")),
    (1234, "USD", Decimal("12.34")),
    (1200, "USD", Decimal("12.00")),
    (1234, "KWD", Decimal("1.234")),
])
def test_minor_units_to_amount_is_the_inverse(units, currency, amount):
    assert minor_units_to_amount(units, currency) == amount
    assert str(minor_units_to_amount(units, currency)) == str(amount)
    assert amount_to_minor_units(minor_units_to_amount(units, currency), currency) == units


@pytest.mark.parametrize(("amount", "currency"), [
    (Decimal("125000.5"), "VND"), (Decimal("0.1"), "VND"), (Decimal("12.345"), "USD"), (Decimal("1.2345"), "KWD"),
])
def test_fractions_of_the_minor_unit_are_refused(amount, currency):
    with pytest.raises(MoneyError) as refused:
        amount_to_minor_units(amount, currency)
    assert str(refused.value) == (f"Số tiền {amount} {currency} có phần lẻ nhỏ hơn đơn vị nhỏ nhất của đồng tiền.")


def test_floats_and_bad_codes_are_refused():
    with pytest.raises(TypeError):
        amount_to_minor_units(125000.0, "VND")
    with pytest.raises(TypeError):
        minor_units_to_amount(Decimal("1"), "VND")
    with pytest.raises(MoneyError) as refused:
        currency_exponent("ĐỒNG")
    assert str(refused.value) == "Mã tiền tệ “ĐỒNG” không hợp lệ."
    with pytest.raises(MoneyError):
        amount_to_minor_units(Decimal("NaN"), "VND")


def test_currency_exponents():
    assert [currency_exponent(code) for code in ("VND", "JPY", "USD", "EUR", "KWD")] == [0, 0, 2, 2, 3]
