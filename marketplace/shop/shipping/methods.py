"""VNPost delivery priced by weight, one parcel per producer, in whole đồng (VAT included).

A mixed basket leaves in one parcel per producer (ARCHITECTURE.md decision 3): each is priced on its
own weight, and the basket's shipping charge is their sum, so a single-producer basket pays exactly
the tariff of its weight.
"""

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


def partner_of_line(line) -> int | None:
    """The partner (producer) whose parcel carries a basket line."""
    return getattr(getattr(line, "stockrecord", None), "partner_id", None)


def basket_weight_grams_by_partner(basket) -> dict[int | None, int]:
    """Weight of each producer's parcel (product weight × quantity), keyed by partner id, in basket order."""
    weights: dict[int | None, int] = {}
    for line in basket.all_lines():
        key = partner_of_line(line)
        weights[key] = weights.get(key, 0) + (line.product.weight_grams or 0) * line.quantity
    return weights or {None: 0}


class WeightBasedVNPost(Base):
    tariff: WeightTariff
    is_tax_known = True

    def charges_by_partner(self, basket) -> dict[int | None, Decimal]:
        return {
            partner: Decimal(self.tariff.price_for(grams))
            for partner, grams in basket_weight_grams_by_partner(basket).items()
        }

    def calculate(self, basket):
        amount = sum(self.charges_by_partner(basket).values(), Decimal(0))
        return prices.Price(currency=basket.currency, excl_tax=amount, incl_tax=amount)


def shipping_charges_by_partner(method, basket) -> dict[int | None, Decimal]:
    """Return the shipping charge of each producer's parcel, keyed by partner id (before shipping offers).

    The one place a fulfilment group's shipping charge comes from. A method that does not price per
    parcel (free shipping, no shipping required) charges its whole amount to the basket's first producer.
    """
    method = getattr(method, "method", method)  # an offer's discount wraps the method
    if isinstance(method, WeightBasedVNPost):
        return method.charges_by_partner(basket)
    partners = list(basket_weight_grams_by_partner(basket))
    whole = Decimal(method.calculate(basket).incl_tax)
    return {partner: (whole if n == 0 else Decimal(0)) for n, partner in enumerate(partners)}


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


def shipping_parcels(method, basket) -> list[tuple[str, Decimal]]:
    """(seller name, shipping charge) of each producer's parcel, in basket order, for the checkout to show."""
    names: dict[int, str] = {}
    for line in basket.all_lines():
        stockrecord = getattr(line, "stockrecord", None)
        if stockrecord is not None and stockrecord.partner_id not in names:
            producer = getattr(stockrecord.partner, "producer", None)
            names[stockrecord.partner_id] = producer.name if producer is not None else stockrecord.partner.name
    charges = shipping_charges_by_partner(method, basket)
    return [(name, charges.get(partner_id, Decimal(0))) for partner_id, name in names.items()]
