"""A shopper on a phone chooses bank transfer by VietQR and reaches the pending-transfer page, in a real browser."""

import re
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from marketplace.payments.models import Payment
from tests.factories import WARD_DONG_SON, CertificateFactory, ProductFactory, ProductImageFactory

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _pay_by_transfer(page, *, base_url: str, product_url: str, product_pk: int) -> dict:
    """What the shopper does in the browser; returns what the pending-transfer page showed them."""
    page.goto(f"{base_url}{product_url}")
    page.locator(f'form[action="/shop/basket/add/{product_pk}/"] [type=submit]').first.click()
    page.goto(f"{base_url}/shop/checkout/")
    page.fill('input[name="username"]', "khach.le@example.vn")
    page.check('input[name="options"][value="anonymous"]')
    page.locator('form:has(input[name="username"]) [type=submit]').first.click()

    page.wait_for_url("**/shop/checkout/shipping-address/")
    page.fill('input[name="first_name"]', "Nguyễn Văn An")
    page.fill('input[name="phone_number"]', "0912 345 678")
    page.select_option('select[name="province_code"]', "38")
    page.wait_for_selector(f'select[name="ward_code"] option[value="{WARD_DONG_SON}"]', state="attached")
    page.select_option('select[name="ward_code"]', str(WARD_DONG_SON))
    page.fill('[name="line1"]', "Số 12, thôn Đông Hòa")
    page.locator('form:has(select[name="ward_code"]) [type=submit]').first.click()

    page.wait_for_url("**/shop/checkout/shipping-method/")
    page.locator('form:has(input[name="method_code"][value="vnpost-standard"]) [type=submit]').click()
    page.wait_for_url("**/shop/checkout/payment-method/")
    page.locator('label:has(input[name="method"][value="vietqr"])').click()
    page.locator('form:has(input[name="method"]) [type=submit]').first.click()

    page.wait_for_url("**/shop/checkout/preview/")
    page.locator('form:has(input[name="action"][value="place_order"]) [type=submit]').first.click()
    page.wait_for_url("**/shop/checkout/thank-you/")

    qr = page.locator(".bank-transfer__qr")
    qr.wait_for(state="visible")
    box = qr.bounding_box()
    loaded = page.evaluate("document.querySelector('.bank-transfer__qr').naturalWidth")
    # the copy button works through the static script (no inline JS): it says it copied
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    reference_button = page.locator(".bank-transfer__copy").nth(2)
    reference_button.click()
    page.wait_for_function("document.querySelectorAll('.bank-transfer__copy')[2].dataset.copied === 'true'")
    clipboard = page.evaluate("navigator.clipboard.readText()")
    return {
        "width": page.evaluate("window.innerWidth"),
        "scroll_width": page.evaluate("document.documentElement.scrollWidth"),
        "qr_box": box, "qr_natural_width": loaded,
        "reference": page.locator(".bank-transfer__reference").inner_text(),
        "amount": page.locator(".bank-transfer__amount").inner_text(),
        "account": page.locator(".bank-transfer__account").inner_text(),
        "button_text": reference_button.inner_text(),
        "clipboard": clipboard,
        "html": page.content(),
    }


def test_shopper_pays_by_vietqr_up_to_the_pending_transfer_page_on_a_phone(live_server, in_phone_browser,
                                                                          shop_bank_account):
    # given a product with 10 in stock and the shop's bank account configured
    product = ProductFactory(title="Nước mắm Đông Hải", weight_grams=500, stockrecord__num_in_stock=10)
    ProductImageFactory(product=product)
    CertificateFactory(product=product, stars=4)

    # when a shopper on a phone checks out as a guest choosing bank transfer by VietQR
    seen = in_phone_browser(lambda page: _pay_by_transfer(
        page, base_url=live_server.url, product_url=product.get_absolute_url(), product_pk=product.pk,
    ))

    # then the order waits for its transfer with the stock held
    order = Order.objects.get()
    payment = Payment.objects.get(order=order)
    assert (order.status, order.total_incl_tax) == ("pending", Decimal("147000"))
    assert (payment.method, payment.state, payment.reference) == ("vietqr", "pending", f"OCOP{order.number}")
    assert StockRecord.objects.get(product=product).num_allocated == 1
    # and the phone showed the QR (loaded, within the screen), the exact amount and reference, nothing too wide
    assert seen["width"] == 390
    assert seen["scroll_width"] <= 390
    assert seen["qr_natural_width"] > 0
    assert seen["qr_box"]["x"] >= 0 and seen["qr_box"]["x"] + seen["qr_box"]["width"] <= 390
    assert seen["reference"] == f"OCOP{order.number}"
    assert seen["amount"] == "147.000\u00a0₫"
    assert seen["account"] == "0123456789"
    assert (seen["button_text"], seen["clipboard"]) == ("Đã sao chép", f"OCOP{order.number}")
    assert re.search(rf"\b{order.number}\b", seen["html"])
