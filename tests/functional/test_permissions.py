"""Every URL of the shop, for every role: who may see what (anonymous, customer, staff)."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from tests.factories import UserFactory

from .shop import Shopper

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")

ANONYMOUS, CUSTOMER, STAFF = "anonymous", "customer", "staff"
OK, LOGIN, FORBIDDEN, NOT_FOUND, REDIRECT = 200, "login", 403, 404, 302


def _client(role: str) -> Client:
    client = Client()
    if role == CUSTOMER:
        client.force_login(UserFactory())
    elif role == STAFF:
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


# (url, {role: expected}); "login" means a redirect to a login page.
MATRIX = [
    ("/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/en/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/healthz", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/api/divisions/wards/38/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/shop/catalogue/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/shop/catalogue/?stars=4&province=38&sort=price-asc", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("{product}", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("{producer}", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/shop/basket/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/shop/search/?q=nuoc+mam", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/ocop/verify/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/ocop/verify/{certificate}/", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/ocop/verify/{certificate}/certificate.pdf", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/ocop/verify/{certificate}/qr.png", {ANONYMOUS: OK, CUSTOMER: OK, STAFF: OK}),
    ("/ocop/verify/00-00000-000-0000/", {ANONYMOUS: NOT_FOUND, CUSTOMER: NOT_FOUND, STAFF: NOT_FOUND}),
    ("/shop/accounts/login/", {ANONYMOUS: OK, CUSTOMER: REDIRECT, STAFF: REDIRECT}),
    ("/shop/accounts/profile/", {ANONYMOUS: LOGIN, CUSTOMER: OK, STAFF: OK}),
    ("/shop/accounts/orders/", {ANONYMOUS: LOGIN, CUSTOMER: OK, STAFF: OK}),
    ("/shop/accounts/addresses/", {ANONYMOUS: LOGIN, CUSTOMER: OK, STAFF: OK}),
    ("/shop/accounts/addresses/add/", {ANONYMOUS: LOGIN, CUSTOMER: OK, STAFF: OK}),
    ("/shop/dashboard/", {ANONYMOUS: LOGIN, CUSTOMER: FORBIDDEN, STAFF: OK}),
    ("/shop/dashboard/orders/", {ANONYMOUS: LOGIN, CUSTOMER: FORBIDDEN, STAFF: OK}),
    ("/shop/dashboard/catalogue/", {ANONYMOUS: LOGIN, CUSTOMER: FORBIDDEN, STAFF: OK}),
    ("/cms/", {ANONYMOUS: LOGIN, CUSTOMER: LOGIN, STAFF: OK}),
    ("/django-admin/", {ANONYMOUS: LOGIN, CUSTOMER: LOGIN, STAFF: OK}),
]


@pytest.mark.parametrize("role", [ANONYMOUS, CUSTOMER, STAFF])
@pytest.mark.parametrize(("url", "expected"), MATRIX, ids=[url for url, _ in MATRIX])
def test_each_role_gets_what_it_may_see(role, url, expected, product):
    # given a role and a page of the shop
    url = url.format(
        product=product.get_absolute_url(),
        producer=product.producer.get_absolute_url(),
        certificate=product.certificate.code,
    )

    # when that role opens it
    response = _client(role).get(url)

    # then it is served, refused, or sent to a login page, as the matrix says
    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302, response.status_code
        assert "login" in response.url, response.url
    else:
        assert response.status_code == want, f"{role} {url}: {response.status_code}"


def _place_order_as(user, product) -> Order:
    shopper = Shopper()
    shopper.client.force_login(user)
    shopper.add_to_basket(product)
    preview = shopper.checkout_to_preview(guest_email=None)
    response = shopper.submit_order(preview)
    assert response.status_code == 302, response.status_code
    return Order.objects.get(user=user)


def test_a_customer_cannot_open_another_customers_order(product):
    # given an order placed by one customer
    owner, other = UserFactory(), UserFactory()
    order = _place_order_as(owner, product)
    url = f"/shop/accounts/orders/{order.number}/"

    # when another customer opens its page, then it does not exist for them; the owner sees it
    other_client = Client()
    other_client.force_login(other)
    assert other_client.get(url).status_code == 404
    owner_client = Client()
    owner_client.force_login(owner)
    response = owner_client.get(url)
    assert response.status_code == 200
    assert order.number in response.content.decode()


def test_guest_order_status_needs_the_secret_hash_and_the_email(product):
    # given a guest order placed with khach.le@example.vn
    shopper = Shopper()
    shopper.add_to_basket(product)
    shopper.submit_order(shopper.checkout_to_preview(guest_email="khach.le@example.vn"))
    order = Order.objects.get()
    good_url = f"/shop/accounts/order-status/{order.number}/{order.verification_hash()}/"
    form_url = f"/shop/accounts/order-status-form/{order.number}/{order.verification_hash()}/"

    # when a stranger opens the status link, then they are asked for the e-mail, not shown the order
    stranger = Shopper()
    response = stranger.get(good_url)
    assert response.status_code == 302
    assert response.url == form_url

    # when they give a wrong e-mail, or a wrong hash with the right e-mail, then "order not found"
    wrong_email = stranger.post_form(form_url, data={"email": "ai.do@example.vn"})
    assert wrong_email.status_code == 200
    assert "Chờ xác nhận" not in wrong_email.content.decode()
    bad_hash_form = f"/shop/accounts/order-status-form/{order.number}/0000/"
    wrong_hash = stranger.post_form(bad_hash_form, data={"email": "khach.le@example.vn"})
    assert wrong_hash.status_code == 200
    assert "Chờ xác nhận" not in wrong_hash.content.decode()

    # when the buyer gives the right e-mail with the right link, then the status shows, translated
    owner = Shopper()
    assert owner.post_form(form_url, data={"email": "khach.le@example.vn"}).url == good_url
    page = owner.get(good_url)
    assert page.status_code == 200
    assert "Chờ xác nhận" in page.content.decode()
