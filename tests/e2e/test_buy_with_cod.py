"""A shopper on a phone buys a product with cash on delivery, in a real browser."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from tests.factories import (
    WARD_DONG_SON,
    CertificateFactory,
    ProductFactory,
    ProductImageFactory,
)
from tests.search import search_index_drain

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _buy_with_cod(page, *, base_url: str, product_url: str, product_pk: int) -> dict:
    """What the shopper does in the browser; returns what they saw on the badge and thank-you page."""
    # opens the catalogue and the product
    page.goto(f"{base_url}/shop/catalogue/")
    page.locator(f'a[href="{product_url}"]').filter(has_text="Nước mắm Đông Hải").first.click()
    page.wait_for_url(f"**{product_url}")
    stars = page.locator(".ocop-badge").first.get_attribute("data-stars")

    # adds it to the basket, then checks out as a guest
    page.locator(f'form[action="/shop/basket/add/{product_pk}/"] [type=submit]').first.click()
    page.goto(f"{base_url}/shop/basket/")
    page.locator('a[href="/shop/checkout/"]').first.click()
    page.wait_for_url("**/shop/checkout/")
    page.fill('input[name="username"]', "khach.le@example.vn")
    page.check('input[name="options"][value="anonymous"]')
    page.locator('form:has(input[name="username"]) [type=submit]').first.click()

    # gives a Thanh Hóa address, choosing province and ward in the selects
    page.wait_for_url("**/shop/checkout/shipping-address/")
    page.fill('input[name="first_name"]', "Nguyễn Văn An")
    page.fill('input[name="phone_number"]', "0912 345 678")
    page.select_option('select[name="province_code"]', "38")
    page.wait_for_selector(f'select[name="ward_code"] option[value="{WARD_DONG_SON}"]', state="attached")
    page.select_option('select[name="ward_code"]', str(WARD_DONG_SON))
    page.fill('[name="line1"]', "Số 12, thôn Đông Hòa")
    page.locator('form:has(select[name="ward_code"]) [type=submit]').first.click()

    # chooses VNPost standard and cash on delivery
    page.wait_for_url("**/shop/checkout/shipping-method/")
    page.locator('form:has(input[name="method_code"][value="vnpost-standard"]) [type=submit]').click()
    page.wait_for_url("**/shop/checkout/payment-method/")
    page.check('input[name="method"][value="cod"]')
    page.locator('form:has(input[name="method"]) [type=submit]').first.click()

    # places the order from the review page
    page.wait_for_url("**/shop/checkout/preview/")
    page.locator('form:has(input[name="action"][value="place_order"]) [type=submit]').first.click()
    page.wait_for_url("**/shop/checkout/thank-you/")
    return {"stars": stars, "thank_you": page.content(), "width": page.evaluate("window.innerWidth")}


def test_shopper_buys_with_cash_on_delivery_on_a_phone(live_server, in_phone_browser, search_index_listening):
    # given a 4★ product with 10 in stock, listed in the catalogue (which reads the search index)
    product = ProductFactory(title="Nước mắm Đông Hải", weight_grams=500, stockrecord__num_in_stock=10)
    ProductImageFactory(product=product)
    CertificateFactory(product=product, stars=4)
    search_index_drain()

    # when a shopper on a phone finds it, basket it and checks out as a guest paying cash on delivery
    seen = in_phone_browser(lambda page: _buy_with_cod(
        page, base_url=live_server.url, product_url=product.get_absolute_url(), product_pk=product.pk,
    ))

    # then they saw the 4★ badge and the thank-you page with their order number
    order = Order.objects.get()
    assert seen["width"] == 390
    assert seen["stars"] == "4"
    assert re.search(rf"\b{order.number}\b", seen["thank_you"])
    # and the order is as bought: 125.000 ₫ + VNPost 22.000 ₫ (500 g), to Đông Sơn, stock allocated
    assert order.total_incl_tax == Decimal("147000")
    assert order.status == "pending"
    assert order.guest_email == "khach.le@example.vn"
    assert order.shipping_address.line4 == "Phường Đông Sơn"
    assert [(line.product_id, line.quantity) for line in order.lines.all()] == [(product.pk, 1)]
    assert StockRecord.objects.get(product=product).num_allocated == 1
