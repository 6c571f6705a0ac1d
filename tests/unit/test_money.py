"""Money in whole đồng, written `125.000 ₫` (non-breaking space before ₫) in every language."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from marketplace.core.money import format_vnd, to_dong

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (125000, f"125.000{NBSP}₫"),
        (Decimal("125000"), f"125.000{NBSP}₫"),
        (Decimal("124999.5"), f"125.000{NBSP}₫"),
        (Decimal("124999.49"), f"124.999{NBSP}₫"),
        (0, f"0{NBSP}₫"),
        (1_250_000, f"1.250.000{NBSP}₫"),
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_format_vnd_groups_with_dots_in_every_language(language, amount, expected):
    # given an amount, when formatted in either language, then it reads as whole đồng
    with translation.override(language):
        assert format_vnd(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [(Decimal("0.5"), 1), (Decimal("0.49"), 0), ("124999.4", 124999), (Decimal("125000.00"), 125000), (7, 7)],
)
def test_to_dong_rounds_half_up_to_whole_dong(amount, expected):
    # given an amount with fractions, when converted for a gateway, then whole đồng come out (half up)
    result = to_dong(amount)

    assert result == expected
    assert type(result) is int


@pytest.mark.parametrize("language", ["vi", "en"])
def test_currency_filter_formats_vnd(language):
    # given the template filter templates use, when rendering 125000 in either language
    template = Template("{% load currency_filters %}[{{ amount|currency }}]")

    with translation.override(language):
        rendered = template.render(Context({"amount": Decimal("125000")}))

    # then Oscar's filter uses the Vietnamese format
    assert rendered == f"[125.000{NBSP}₫]"
