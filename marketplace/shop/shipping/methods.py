"""VNPost delivery priced by the basket's weight, in whole đồng (VAT included)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import *  # noqa: F403
from oscar.apps.shipping.methods import Base
from oscar.core import prices


@dataclass(frozen=True)
class WeightTariff:
    """A price for the first step of weight and a price for each further step begun."""

    first_grams: int
    first_price: int
    step_grams: int
    step_price: int

    def price_for(self, grams: int) -> int:
        extra = max(0, grams - self.first_grams)
        steps = -(-extra // self.step_grams)  # ceiling division: a step begun is charged in full
        return self.first_price + steps * self.step_price


def basket_weight_grams(basket) -> int:
    """Sum of product weight × quantity over the basket's lines."""
    return sum((line.product.weight_grams or 0) * line.quantity for line in basket.all_lines())


class WeightBasedVNPost(Base):
    tariff: WeightTariff
    is_tax_known = True

    def calculate(self, basket):
        amount = Decimal(self.tariff.price_for(basket_weight_grams(basket)))
        return prices.Price(currency=basket.currency, excl_tax=amount, incl_tax=amount)


class VNPostStandard(WeightBasedVNPost):
    code = "vnpost-standard"
    name = _("VNPost chuyển phát thường (3–5 ngày)")
    description = _("22.000 ₫ cho 500 g đầu, thêm 5.000 ₫ mỗi 500 g tiếp theo.")
    tariff = WeightTariff(first_grams=500, first_price=22_000, step_grams=500, step_price=5_000)


class VNPostExpress(WeightBasedVNPost):
    code = "vnpost-express"
    name = _("VNPost chuyển phát nhanh EMS (1–2 ngày)")
    description = _("38.000 ₫ cho 500 g đầu, thêm 9.000 ₫ mỗi 500 g tiếp theo.")
    tariff = WeightTariff(first_grams=500, first_price=38_000, step_grams=500, step_price=9_000)
