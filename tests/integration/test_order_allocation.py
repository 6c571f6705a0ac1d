"""OrderCreator allocates stock with a conditional UPDATE: an order never takes more than is free."""

from decimal import Decimal

import pytest
from oscar.apps.checkout.calculators import OrderTotalCalculator
from oscar.apps.partner.strategy import Selector
from oscar.core.loading import get_model

from marketplace.shop.order.exceptions import InsufficientStock
from marketplace.shop.order.utils import OrderCreator
from marketplace.shop.shipping.methods import VNPostStandard
from tests.factories import ProductClassFactory, ProductFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def _basket(*items):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def _place(basket):
    method = VNPostStandard()
    charge = method.calculate(basket)
    total = OrderTotalCalculator().calculate(basket, charge)
    return OrderCreator().place_order(
        basket=basket, total=total, shipping_method=method, shipping_charge=charge, order_number=f"T{basket.pk}",
    )


def test_order_allocates_the_quantity_and_totals_lines_plus_shipping():
    # given 10 in stock of a 500 g product at 125.000 ₫
    product = ProductFactory(stockrecord__num_in_stock=10, weight_grams=500)
    basket = _basket((product, 3))

    # when an order for 3 is placed
    order = _place(basket)

    # then 3 are allocated and the total is 3 × 125.000 + VNPost for 1.500 g (22.000 + 2 × 5.000)
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (10, 3)
    assert order.status == "pending"
    assert order.total_incl_tax == Decimal("407000")
    assert order.shipping_incl_tax == Decimal("32000")
    assert list(order.lines.values_list("quantity", flat=True)) == [3]


def test_order_for_exactly_the_free_stock_is_placed():
    product = ProductFactory(stockrecord__num_in_stock=5, stockrecord__num_allocated=2)

    _place(_basket((product, 3)))

    assert StockRecord.objects.get(product=product).num_allocated == 5


def test_order_above_free_stock_raises_and_writes_nothing():
    # given 5 in stock of which 3 are already allocated to earlier orders
    product = ProductFactory(title="Nem chua Thanh Hóa", stockrecord__num_in_stock=5, stockrecord__num_allocated=0)
    basket = _basket((product, 3))
    StockRecord.objects.filter(product=product).update(num_allocated=3)

    # when an order for 3 more is placed
    with pytest.raises(InsufficientStock) as excinfo:
        _place(basket)

    # then the shopper is told which product ran short, and nothing was written or allocated
    assert str(excinfo.value) == (
        "Sản phẩm “Nem chua Thanh Hóa” không còn đủ 3 trong kho. Vui lòng giảm số lượng trong giỏ hàng."
    )
    assert Order.objects.count() == 0
    assert Line.objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated == 3


def test_a_short_second_line_rolls_back_the_first_lines_allocation():
    # given two products, the second one with only 1 free
    plenty = ProductFactory(stockrecord__num_in_stock=10)
    scarce = ProductFactory(stockrecord__num_in_stock=1)
    basket = _basket((plenty, 2), (scarce, 1))
    StockRecord.objects.filter(product=scarce).update(num_allocated=1)

    # when the order is placed
    with pytest.raises(InsufficientStock):
        _place(basket)

    # then the first line's allocation was rolled back with the rest of the order
    assert Order.objects.count() == 0
    assert Line.objects.count() == 0
    assert StockRecord.objects.get(product=plenty).num_allocated == 0
    assert StockRecord.objects.get(product=scarce).num_allocated == 1


def test_stock_rows_with_null_allocation_count_as_zero():
    product = ProductFactory(stockrecord__num_in_stock=2)
    StockRecord.objects.filter(product=product).update(num_allocated=None)

    _place(_basket((product, 2)))

    assert StockRecord.objects.get(product=product).num_allocated == 2


def test_products_that_do_not_track_stock_are_not_allocated():
    # given a service (community tourism) whose class does not track stock
    service = ProductFactory(product_class=ProductClassFactory(name="Dịch vụ du lịch", track_stock=False),
                             stockrecord__num_in_stock=0)

    order = _place(_basket((service, 4)))

    assert order.lines.get().quantity == 4
    assert StockRecord.objects.get(product=service).num_allocated == 0
