"""Bad checkout input gets a clear, translated error and writes no order."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from tests.factories import WARD_BA_DINH, ProductFactory

from .shop import csrf_token, message_texts

Line = get_model("basket", "Line")
Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
ShippingAddress = get_model("order", "ShippingAddress")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

PHONE_ERROR = "Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."
WARD_ERROR = "Xã/phường đã chọn không thuộc tỉnh/thành phố này. Vui lòng chọn lại."


def _oscar_vi(msgid: str, **params) -> str:
    """Oscar's message as the Vietnamese shopper reads it; it must actually be translated."""
    with translation.override("vi"):
        translated = gettext(msgid)
    assert translated != msgid, f"Oscar's message {msgid!r} is shown untranslated in Vietnamese"
    return translated % params if params else translated


def _no_longer_available(title: str, *, max_quantity: int) -> str:
    reason = _oscar_vi("a maximum of %(max)d can be bought", max=max_quantity)
    return _oscar_vi(
        "'%(title)s' is no longer available to buy (%(reason)s). Please adjust your basket to continue",
        title=title, reason=reason,
    )


def _assert_nothing_ordered(product, *, allocated: int = 0):
    assert Order.objects.count() == 0
    assert OrderLine.objects.count() == 0
    assert ShippingAddress.objects.count() == 0
    assert StockRecord.objects.get(product=product).num_allocated == allocated


def _basket_lines(shopper) -> list[tuple[int, int, Decimal]]:
    basket = shopper.get(reverse("basket:summary")).context["basket"]
    return [(line.product_id, line.quantity, line.price_incl_tax) for line in basket.all_lines()]


def _cannot_reach_preview(shopper, page=None):
    """Neither the review page nor a forged "place order" POST (with the page's token) gets through."""
    response = shopper.get(reverse("checkout:preview"))
    assert response.status_code == 302
    assert response.url != reverse("checkout:preview")
    if page is not None:
        forged = shopper.client.post(
            reverse("checkout:preview"), {"csrfmiddlewaretoken": csrf_token(page), "action": "place_order"},
        )
        assert forged.status_code == 302
        assert forged.url not in (reverse("checkout:preview"), reverse("checkout:thank-you"))


@pytest.fixture
def at_address_step(shopper, product):
    assert shopper.add_to_basket(product, quantity=1).status_code == 302
    assert shopper.start_guest_checkout().url == reverse("checkout:shipping-address")
    return shopper


@pytest.mark.parametrize("phone", ["12345", "0912 345 67", "+1 202 555 0143", "không có"])
def test_wrong_phone_is_refused_with_a_vietnamese_message(at_address_step, product, phone):
    # when the shopper enters a phone number that is not Vietnamese
    response = at_address_step.enter_shipping_address(phone_number=phone)

    # then the form comes back with the error on the phone field, and no order can be placed
    assert response.status_code == 200
    assert response.context["form"].errors == {"phone_number": [PHONE_ERROR]}
    assert PHONE_ERROR in response.content.decode()
    _cannot_reach_preview(at_address_step, response)
    _assert_nothing_ordered(product)


def test_unknown_ward_code_is_refused(at_address_step, product):
    response = at_address_step.enter_shipping_address(ward_code="99999999")

    assert response.status_code == 200
    assert response.context["form"].errors == {"ward_code": [WARD_ERROR]}
    assert WARD_ERROR in response.content.decode()
    _cannot_reach_preview(at_address_step, response)
    _assert_nothing_ordered(product)


def test_ward_of_another_province_is_refused(at_address_step, product):
    # given Thanh Hóa chosen, when a Hà Nội ward (Ba Đình) is posted
    response = at_address_step.enter_shipping_address(province_code="38", ward_code=str(WARD_BA_DINH))

    # then the ward is refused (it is not among Thanh Hóa's wards)
    assert response.status_code == 200
    assert response.context["form"].errors == {"ward_code": [WARD_ERROR]}
    assert WARD_ERROR in response.content.decode()
    _cannot_reach_preview(at_address_step, response)
    _assert_nothing_ordered(product)


def test_missing_name_and_street_are_required(at_address_step, product):
    response = at_address_step.enter_shipping_address(first_name="", line1="")

    required = _oscar_vi("This field is required.")
    assert response.status_code == 200
    assert response.context["form"].errors == {"first_name": [required], "line1": [required]}
    _assert_nothing_ordered(product)


def test_quantity_above_stock_is_refused_at_the_basket(shopper):
    # given 3 in stock
    product = ProductFactory(stockrecord__num_in_stock=3)

    # when the shopper asks for 5
    response = shopper.add_to_basket(product, quantity=5)

    # then the basket refuses with the maximum they can buy, and stays empty
    assert response.status_code == 302
    assert message_texts(response) == [_oscar_vi("a maximum of %(max)d can be bought", max=3)]
    assert _basket_lines(shopper) == []
    _cannot_reach_preview(shopper)
    _assert_nothing_ordered(product)


def test_quantity_above_stock_in_two_steps_is_refused(shopper):
    product = ProductFactory(stockrecord__num_in_stock=3)
    assert shopper.add_to_basket(product, quantity=2).status_code == 302

    response = shopper.add_to_basket(product, quantity=2)

    assert message_texts(response) == [_oscar_vi("a maximum of %(max)d can be bought", max=3)]
    assert _basket_lines(shopper) == [(product.pk, 2, Decimal("125000"))]


def test_posted_price_is_ignored(shopper, product):
    # when the shopper posts a price along with the product
    response = shopper.add_to_basket(product, quantity=1, price="1000", price_incl_tax="1000")
    assert response.status_code == 302

    # then the basket uses the stock record's price
    assert _basket_lines(shopper) == [(product.pk, 1, Decimal("125000"))]

    # and neither does a price posted at placement change the order
    shopper.checkout_to_preview()
    placed = shopper.place_order(price="1000", total="1000", order_total="1000", shipping_charge="0")
    assert placed.status_code == 302
    order = Order.objects.get()
    assert order.total_incl_tax == Decimal("147000")
    assert order.lines.get().line_price_incl_tax == Decimal("125000")


def test_unknown_product_id_gives_404_and_adds_nothing(shopper, product):
    page = shopper.get(product.get_absolute_url())

    response = shopper.client.post(
        reverse("basket:add", kwargs={"pk": 987654}), {"csrfmiddlewaretoken": csrf_token(page), "quantity": "1"},
    )

    assert response.status_code == 404
    assert _basket_lines(shopper) == []


def test_hidden_product_id_cannot_be_added(shopper, product):
    # given a product that is not public (e.g. awaiting review) but has stock and a price
    hidden = ProductFactory(title="Sản phẩm chưa duyệt", is_public=False, stockrecord__num_in_stock=10)
    page = shopper.get(product.get_absolute_url())

    # when its id is posted to the basket
    response = shopper.client.post(
        reverse("basket:add", kwargs={"pk": hidden.pk}), {"csrfmiddlewaretoken": csrf_token(page), "quantity": "1"},
    )

    # then it is refused and the basket stays empty
    assert response.status_code in (302, 404)
    assert _basket_lines(shopper) == []


def test_stock_gone_between_basket_and_placement(shopper):
    # given a shopper at the review page with 2 of a product in stock 5
    product = ProductFactory(title="Nem chua Thanh Hóa", stockrecord__num_in_stock=5)
    assert shopper.add_to_basket(product, quantity=2).status_code == 302
    preview = shopper.checkout_to_preview()
    assert preview.status_code == 200

    # when meanwhile the producer corrects the stock to 1, and the shopper presses "place order"
    StockRecord.objects.filter(product=product).update(num_in_stock=1)
    response = shopper.submit_order(preview)

    # then the shopper is sent back to the basket and told, and no order is written
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert message_texts(response) == [_no_longer_available("Nem chua Thanh Hóa", max_quantity=1)]
    _assert_nothing_ordered(product)


def test_stock_taken_by_other_orders_between_basket_and_placement(shopper):
    # given 5 in stock and a shopper at the review page with 2
    product = ProductFactory(stockrecord__num_in_stock=5)
    assert shopper.add_to_basket(product, quantity=2).status_code == 302
    preview = shopper.checkout_to_preview()
    assert preview.status_code == 200

    # when other orders allocate 4 of the 5 meanwhile
    StockRecord.objects.filter(product=product).update(num_allocated=4)
    response = shopper.submit_order(preview)

    # then no order is written and nothing more is allocated
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert message_texts(response) == [_no_longer_available(product.title, max_quantity=1)]
    _assert_nothing_ordered(product, allocated=4)


def test_stock_taken_during_placement_is_refused_and_writes_nothing(shopper):
    """The race the conditional UPDATE exists for, made deterministic with Oscar's pre_payment signal."""
    from oscar.apps.checkout.signals import pre_payment

    # given a shopper at the review page with 2 of 5 in stock
    product = ProductFactory(title="Nem chua Thanh Hóa", stockrecord__num_in_stock=5)
    assert shopper.add_to_basket(product, quantity=2).status_code == 302
    preview = shopper.checkout_to_preview()

    # when another order takes 4 after the basket was checked but before stock is allocated
    def other_order_commits(sender, **kwargs):
        StockRecord.objects.filter(product=product).update(num_allocated=4)

    pre_payment.connect(other_order_commits, dispatch_uid="test-race")
    try:
        response = shopper.submit_order(preview)
    finally:
        pre_payment.disconnect(dispatch_uid="test-race")

    # then the review page says the product ran short, and nothing at all is written
    message = "Sản phẩm “Nem chua Thanh Hóa” không còn đủ 2 trong kho. Vui lòng giảm số lượng trong giỏ hàng."
    assert response.status_code == 200
    assert response.context["error"] == message
    assert message in response.content.decode()
    _assert_nothing_ordered(product, allocated=4)
    assert _basket_lines(shopper) == [(product.pk, 2, Decimal("125000"))]


def test_place_order_without_action_is_a_bad_request(shopper, product):
    assert shopper.add_to_basket(product, quantity=1).status_code == 302
    shopper.checkout_to_preview()

    response = shopper.post_form(reverse("checkout:preview"), data={"action": "nothing"})

    assert response.status_code == 400
    _assert_nothing_ordered(product)


def test_post_without_csrf_token_is_forbidden(product):
    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": "1"})

    assert response.status_code == 403
    assert Line.objects.count() == 0
