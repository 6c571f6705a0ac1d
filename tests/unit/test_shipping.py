"""VNPost tariffs by weight: a 500 g step begun is charged in full."""

from dataclasses import dataclass
from decimal import Decimal

import pytest

from marketplace.shop.shipping.methods import VNPostExpress, VNPostStandard, basket_weight_grams
from marketplace.shop.shipping.repository import Repository


@dataclass
class _Product:
    weight_grams: int


@dataclass
class _Line:
    product: _Product
    quantity: int


class _Basket:
    """Just what the shipping methods read from a basket."""

    currency = "VND"

    def __init__(self, *lines: tuple[int, int]):
        self._lines = [_Line(_Product(grams), quantity) for grams, quantity in lines]

    def all_lines(self):
        return self._lines


@pytest.mark.parametrize(
    ("grams", "standard", "express"),
    [
        (0, 22_000, 38_000),
        (1, 22_000, 38_000),
        (500, 22_000, 38_000),
        (501, 27_000, 47_000),
        (1000, 27_000, 47_000),
        (1001, 32_000, 56_000),
        (5000, 67_000, 119_000),
    ],
)
def test_tariff_boundaries(grams, standard, express):
    # given a parcel weight, when each service prices it, then the exact đồng amount is charged
    assert VNPostStandard.tariff.price_for(grams) == standard
    assert VNPostExpress.tariff.price_for(grams) == express


@pytest.mark.parametrize(
    ("method", "expected"),
    [(VNPostStandard(), Decimal("27000")), (VNPostExpress(), Decimal("47000"))],
)
def test_method_charges_basket_weight_tax_included(method, expected):
    # given a basket of 2 × 300 g (600 g in all)
    basket = _Basket((300, 2))

    # when the method prices it
    charge = method.calculate(basket)

    # then the charge is the 501–1000 g price, VAT included, in VND
    assert charge.currency == "VND"
    assert charge.excl_tax == expected
    assert charge.incl_tax == expected
    assert charge.is_tax_known is True


def test_basket_weight_sums_weight_times_quantity():
    # given lines of different weights (one product without weight)
    basket = _Basket((250, 3), (1000, 1), (0, 5))

    # when weighed, then weight × quantity is summed
    assert basket_weight_grams(basket) == 1750


def test_repository_offers_standard_then_express():
    # given any basket, when the shop lists shipping methods, then VNPost standard and express are offered
    methods = Repository().get_available_shipping_methods(basket=_Basket((500, 1)))

    assert [m.code for m in methods] == ["vnpost-standard", "vnpost-express"]
