"""The purchase journey over HTTP: browse → filter → product → basket → COD checkout → order."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.models import Product
from tests.factories import WARD_DONG_SON, CertificateFactory, ProductFactory, UserFactory
from tests.search import search_index_drain

from .shop import Shopper, elements

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

CATALOGUE = "/shop/catalogue/"


def _product_links(response, product) -> list[dict]:
    return elements(response.content, href=product.get_absolute_url())


def test_guest_buys_with_cash_on_delivery(search_index_listening, shopper, product):
    three_star = ProductFactory(title="Chè lam Phủ Quảng")
    CertificateFactory(product=three_star, stars=3)
    search_index_drain()

    # given the catalogue lists both products
    catalogue = shopper.get(CATALOGUE)
    assert catalogue.status_code == 200
    assert _product_links(catalogue, product)
    assert _product_links(catalogue, three_star)

    # when the shopper filters on 4 stars, then only the 4★ product remains
    filtered = shopper.get(CATALOGUE, {"stars": "4"})
    assert filtered.status_code == 200
    assert _product_links(filtered, product)
    assert _product_links(filtered, three_star) == []

    # when they open it, then the page shows its title and price
    page = shopper.get(product.get_absolute_url())
    assert page.status_code == 200
    assert "Nước mắm Đông Hải" in page.content.decode()
    assert "125.000\u00a0₫" in page.content.decode()

    # when they put two in the basket
    added = shopper.add_to_basket(product, quantity=2)
    assert added.status_code == 302
    basket = shopper.get(reverse("basket:summary"))
    assert basket.context["basket"].num_items == 2

    # and check out as a guest, to Thanh Hóa, by VNPost standard, paying cash on delivery
    preview = shopper.checkout_to_preview(guest_email="khach.le@example.vn")
    assert preview.status_code == 200
    # 2 × 500 g = 1.000 g → 27.000 ₫; 2 × 125.000 ₫ + 27.000 ₫ = 277.000 ₫
    assert "277.000\u00a0₫" in preview.content.decode()
    assert Order.objects.count() == 0

    placed = shopper.place_order()

    # then they land on the thank-you page showing the order number
    assert placed.status_code == 302
    assert placed.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    thanks = shopper.get(placed.url)
    assert thanks.status_code == 200
    assert order.number in thanks.content.decode()

    # and the order holds exactly what was bought, to where, for how much, with stock allocated
    assert order.status == "pending"
    assert order.guest_email == "khach.le@example.vn"
    assert order.user is None
    assert order.total_incl_tax == Decimal("277000")
    assert order.shipping_incl_tax == Decimal("27000")
    assert order.shipping_code == "vnpost-standard"
    assert order.currency == "VND"
    assert [(line.product_id, line.quantity, line.unit_price_incl_tax) for line in order.lines.all()] == [
        (product.pk, 2, Decimal("125000")),
    ]
    address = order.shipping_address
    assert (address.first_name, address.line1) == ("Nguyễn Văn An", "Số 12, thôn Đông Hòa")
    assert str(address.phone_number) == "+84912345678"
    assert (address.province_code, address.ward_code) == (38, WARD_DONG_SON)
    assert (address.state, address.line4) == ("Thanh Hóa", "Phường Đông Sơn")
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (10, 2)
    source = order.sources.get()
    assert (source.source_type.code, source.amount_allocated) == ("cod", Decimal("277000"))


def test_registered_customer_sees_the_order_in_their_account(product):
    # given a signed-in customer
    customer = UserFactory(email="lan.tran@example.vn")
    shopper = Shopper()
    shopper.client.force_login(customer)

    # when they buy one and check out (signed in: no gateway step)
    assert shopper.add_to_basket(product, quantity=1).status_code == 302
    preview = shopper.checkout_to_preview(guest_email=None)
    assert preview.status_code == 200
    placed = shopper.place_order()

    # then the order is theirs and listed in their account
    assert placed.status_code == 302
    order = Order.objects.get()
    assert order.user == customer
    assert order.total_incl_tax == Decimal("147000")  # 125.000 + 22.000 (500 g)
    history = shopper.get("/shop/accounts/orders/")
    assert history.status_code == 200
    assert order.number in history.content.decode()
    detail = shopper.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert detail.status_code == 200
    assert "Nước mắm Đông Hải" in detail.content.decode()


def test_product_page_with_valid_certificate_shows_its_stars(shopper, product):
    page = shopper.get(product.get_absolute_url())

    badges = elements(page.content, css_class="ocop-badge")
    assert badges
    assert {badge["data-stars"] for badge in badges} == {"4"}
    assert elements(page.content, css_class="ocop-expired") == []


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_product_page_without_valid_certificate_shows_no_stars(search_index_listening, shopper, state):
    # given a product whose only certificate has expired (or was revoked)
    product = ProductFactory(title="Nem chua Thanh Hóa")
    CertificateFactory(product=product, stars=4, **{state: True})
    search_index_drain()

    # when its page and the catalogue are shown
    page = shopper.get(product.get_absolute_url())
    catalogue = shopper.get(CATALOGUE)

    # then no star badge appears anywhere, and the product page says the certificate is no longer valid
    assert page.status_code == 200
    assert elements(page.content, css_class="ocop-badge") == []
    assert elements(page.content, data_stars="4") == []
    assert len(elements(page.content, css_class="ocop-expired")) == 1
    assert _product_links(catalogue, product)
    assert elements(catalogue.content, css_class="ocop-badge") == []


def test_catalogue_card_shows_the_valid_star(search_index_listening, shopper, product):
    search_index_drain()
    catalogue = shopper.get(CATALOGUE)

    assert [badge["data-stars"] for badge in elements(catalogue.content, css_class="ocop-badge")] == ["4"]


def test_hidden_product_is_neither_listed_nor_shown(search_index_listening, shopper):
    hidden = ProductFactory(title="Sản phẩm chưa duyệt", is_public=False)
    search_index_drain()

    assert _product_links(shopper.get(CATALOGUE), hidden) == []
    assert shopper.get(hidden.get_absolute_url()).status_code == 404
    assert Product.objects.filter(pk=hidden.pk).exists()
