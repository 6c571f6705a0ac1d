"""The producer portal's demo orders: each portal producer has orders in every fulfilment state and weeks of sales.

Orders are placed through the shop's own OrderCreator (stock allocated, one fulfilment group per producer,
shipping charged per parcel, paid cash on delivery) and moved on with the fulfilment transition, as the
producers' clicks would. The customers are fictional: load_demo_data sends no e-mail.
Idempotent like the rest of the demo: an order whose number exists is left as it is.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.core.loading import get_class, get_model

from catalog.models import Product
from marketplace.core.divisions import THANH_HOA, ward_choices
from marketplace.demo.catalogue import LoadSummary
from marketplace.payments.cod import cod_payment_source
from marketplace.shop.order import statuses
from marketplace.shop.order.fulfilment import (
    fulfilment_group_record_cod,
    fulfilment_group_transition,
)
from marketplace.shop.order.utils import OrderCreator
from marketplace.shop.shipping.methods import VNPostStandard

Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")
FulfilmentGroup = get_model("order", "FulfilmentGroup")
Order = get_model("order", "Order")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")

SHOPPER_EMAIL = "khachhang@ocop.vn"
# Demo order numbers: far above the numbers the shop gives (100000 + basket id) for years.
FIRST_NUMBER = 900001

# The steps a producer takes to bring a group to each state.
STEPS_TO = {
    statuses.PENDING: (),
    statuses.CONFIRMED: (statuses.CONFIRMED,),
    statuses.PACKED: (statuses.CONFIRMED, statuses.PACKED),
    statuses.SHIPPED: (statuses.CONFIRMED, statuses.PACKED, statuses.SHIPPED),
    statuses.DELIVERED: (statuses.CONFIRMED, statuses.PACKED, statuses.SHIPPED, statuses.DELIVERED),
    statuses.RETURNED: (statuses.CONFIRMED, statuses.PACKED, statuses.SHIPPED, statuses.RETURNED),
    statuses.CANCELLED: (statuses.CANCELLED,),
}


@dataclass(frozen=True)
class Customer:
    name: str
    phone: str
    line1: str
    ward_index: int  # into the Thanh Hóa wards, so the addresses spread over the province
    email: str = ""  # a guest's address; blank: the demo shopper's account


@dataclass(frozen=True)
class DemoOrder:
    customer: Customer
    lines: tuple[tuple[str, int], ...]  # (product UPC, quantity)
    days_ago: int
    state: str  # every group of the order ends in this state...
    states: tuple[tuple[str, str], ...] = ()  # ...unless its producer (slug) is named here
    cod_collected: bool = True  # a delivered group records the courier's cash


SHOPPER = Customer("Nguyễn Thị Lan", "0912 345 678", "Số 12, đường Lê Lợi", 0)
CUSTOMERS = (
    SHOPPER,
    Customer("Trần Văn Hùng", "0983 112 233", "Thôn Đông Hòa", 7, "hung.tran@example.vn"),
    Customer("Lê Thị Mai", "0904 556 677", "Số 5, ngõ 3, phố Trần Phú", 15, "mai.le@example.vn"),
    Customer("Phạm Quốc Bảo", "0868 223 344", "Xóm 4", 31, "bao.pham@example.vn"),
    Customer("Hoàng Thu Trang", "0377 889 900", "Số 40, đường Bà Triệu", 52, "trang.hoang@example.vn"),
)

NUOC_MAM, MAT_ONG, BANH_GAI, NEM_CHUA = (
    "cty-nuoc-mam-bien-xanh-sam-son", "trang-trai-mat-ong-rung-ba-thuoc", "hkd-banh-gai-ba-nhung",
    "htx-nem-chua-hac-thanh",
)
# One product of each portal producer, and the rest of their range for the weeks of sales.
RANGE = {
    NUOC_MAM: ("OCOP-TH-0008", "OCOP-TH-0009", "OCOP-TH-0010", "OCOP-TH-0011"),
    MAT_ONG: ("OCOP-TH-0040", "OCOP-TH-0041", "OCOP-TH-0042"),
    BANH_GAI: ("OCOP-TH-0024", "OCOP-TH-0025"),
    NEM_CHUA: ("OCOP-TH-0001", "OCOP-TH-0002"),
}


def _recent_orders() -> list[DemoOrder]:
    """For each portal producer one order in every state, the newest first; and one order from all four."""
    orders = []
    for offset, upcs in enumerate(RANGE.values()):
        for position, state in enumerate(statuses.GROUP_STATUSES):
            orders.append(DemoOrder(
                customer=CUSTOMERS[(offset + position) % len(CUSTOMERS)],
                lines=((upcs[position % len(upcs)], 1 + position % 2),),
                days_ago=position, state=state,
            ))
        # a delivered cash-on-delivery parcel whose cash the producer has still to record
        orders.append(DemoOrder(customer=CUSTOMERS[offset % len(CUSTOMERS)], lines=((upcs[0], 1),), days_ago=3,
                                state=statuses.DELIVERED, cod_collected=False))
    orders.append(DemoOrder(
        customer=SHOPPER, lines=tuple((upcs[0], 1) for upcs in RANGE.values()), days_ago=1,
        state=statuses.PENDING, states=((NUOC_MAM, statuses.SHIPPED), (MAT_ONG, statuses.CONFIRMED),
                                        (NEM_CHUA, statuses.CANCELLED)),
    ))
    return orders


def _weeks_of_sales() -> list[DemoOrder]:
    """Delivered orders over the last twelve weeks, more towards Tết, for the sales overview's chart."""
    orders = []
    for week in range(12, 0, -1):
        for n, upcs in enumerate(RANGE.values()):
            if (week + n) % 3 == 0:
                continue
            orders.append(DemoOrder(
                customer=CUSTOMERS[(week + n) % len(CUSTOMERS)],
                lines=((upcs[(week + n) % len(upcs)], 1 + (12 - week) // 4),),
                days_ago=week * 7 - n, state=statuses.DELIVERED,
            ))
    return orders


DEMO_ORDERS: tuple[DemoOrder, ...] = (*_weeks_of_sales(), *_recent_orders())


def _address(customer: Customer, wards: list[tuple[int, str]]) -> ShippingAddress:
    address = ShippingAddress(
        first_name=customer.name, phone_number=customer.phone, line1=customer.line1,
        province_code=THANH_HOA, ward_code=wards[customer.ward_index % len(wards)][0],
        country=Country._default_manager.get(iso_3166_1_a2="VN"),
    )
    address.save()
    return address


def _place(number: str, spec: DemoOrder, *, shopper, wards) -> Order:
    """Place one order as the checkout does: basket, address, VNPost standard shipping, cash on delivery."""
    user = None if spec.customer.email else shopper
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy(user=user)
    for upc, quantity in spec.lines:
        basket.add_product(Product.objects.get(upc=upc), quantity)
    method = VNPostStandard()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    with transaction.atomic():
        order = OrderCreator().place_order(
            basket=basket, total=total, shipping_method=method, shipping_charge=charge, user=user,
            shipping_address=_address(spec.customer, wards), order_number=number,
            guest_email=spec.customer.email,
        )
        source = cod_payment_source(amount=total.incl_tax)
        source.order = order
        source.save()
        basket.submit()
        placed = timezone.now() - datetime.timedelta(days=spec.days_ago, hours=2 + spec.days_ago % 9)
        Order.objects.filter(pk=order.pk).update(date_placed=placed)
    return order


def _fulfil(order: Order, spec: DemoOrder) -> None:
    """Take each producer's group to its state with the producer's own account, as the portal would."""
    states = dict(spec.states)
    for group in FulfilmentGroup.objects.filter(order=order).select_related("partner__producer").order_by("pk"):
        state = states.get(group.partner.producer.slug, spec.state)
        actor = group.partner.users.order_by("pk").first()
        for step in STEPS_TO[state]:
            fields = {"carrier": "VNPost", "tracking_number": f"EB{order.number}{group.pk % 100:02d}VN"} \
                if step == statuses.SHIPPED else {}
            group = fulfilment_group_transition(group, step, actor, **fields)
        if state == statuses.DELIVERED and spec.cod_collected:
            goods = sum(line.line_price_incl_tax for line in group.lines.all())
            fulfilment_group_record_cod(group, goods + group.shipping_charge, actor)


def orders_demo_load(*, summary: LoadSummary, written: list | None = None) -> None:
    """Place the demo orders that are not there yet and move each producer's part to its state."""
    shopper = get_user_model().objects.get(email__iexact=SHOPPER_EMAIL)
    wards = ward_choices(THANH_HOA)
    for index, spec in enumerate(DEMO_ORDERS):
        number = str(FIRST_NUMBER + index)
        if Order.objects.filter(number=number).exists():
            continue
        order = _place(number, spec, shopper=shopper, wards=wards)
        _fulfil(order, spec)
        summary.record("orders", created=True, updated=False)
