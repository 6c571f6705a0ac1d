"""Who may use the payment pages: anonymous, the order's customer, another customer, producer staff, dashboard staff."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.payments.models import Payment, PaymentEvent
from tests.factories import UserFactory, producer_user

from .shop import Shopper

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, PRODUCER_STAFF, STAFF = (
    "anonymous", "customer", "other customer", "producer staff", "dashboard staff")
ROLES = [ANONYMOUS, CUSTOMER, OTHER_CUSTOMER, PRODUCER_STAFF, STAFF]
LOGIN = "login"


@pytest.fixture
def placed(shop_bank_account, product):
    """An order of ``product`` paid by bank transfer, placed by a signed-in customer; a client per role."""
    customer = UserFactory()
    shopper = Shopper()
    shopper.client.force_login(customer)
    shopper.add_to_basket(product)
    assert shopper.submit_order(shopper.checkout_to_preview(guest_email=None, payment_method="vietqr")).status_code == 302
    users = {CUSTOMER: customer, OTHER_CUSTOMER: UserFactory(), PRODUCER_STAFF: producer_user(product.producer),
             STAFF: UserFactory(is_staff=True, is_superuser=True)}
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role in users:
            clients[role].force_login(users[role])
    return Order.objects.get(), clients


def _outcome(response):
    if response.status_code == 302 and "login" in response.url:
        return LOGIN
    return response.status_code


@pytest.mark.parametrize(("role", "expected"), [
    (ANONYMOUS, LOGIN), (CUSTOMER, 403), (OTHER_CUSTOMER, 403), (PRODUCER_STAFF, 403), (STAFF, 200)])
def test_bank_statement_page(placed, role, expected):
    _order, clients = placed
    assert _outcome(clients[role].get("/shop/dashboard/thanh-toan/sao-ke/")) == expected


@pytest.mark.parametrize(("role", "expected"), [
    (ANONYMOUS, LOGIN), (CUSTOMER, 403), (OTHER_CUSTOMER, 403), (PRODUCER_STAFF, 403), (STAFF, 200)])
def test_bank_statement_upload(placed, role, expected):
    order, clients = placed
    data = f"date,amount,description\n2026-11-28,147000,OCOP{order.number}\n".encode()

    response = clients[role].post("/shop/dashboard/thanh-toan/sao-ke/", {
        "statement": SimpleUploadedFile("saoke.csv", data, content_type="text/csv")})

    assert _outcome(response) == expected
    assert Payment.objects.get().state == ("paid" if role == STAFF else "pending")


@pytest.mark.parametrize(("role", "expected"), [
    (ANONYMOUS, LOGIN), (CUSTOMER, 403), (OTHER_CUSTOMER, 403), (PRODUCER_STAFF, 403), (STAFF, 302)])
def test_recording_a_receipt(placed, role, expected):
    order, clients = placed
    url = reverse("dashboard:order-detail", kwargs={"number": order.number})

    response = clients[role].post(url, {"order_action": "record_payment", "amount": "147000"})

    assert _outcome(response) == expected
    payment = Payment.objects.get()
    assert (payment.state, payment.amount_received) == (
        ("paid", Decimal("147000")) if role == STAFF else ("pending", None))
    assert PaymentEvent.objects.count() == (2 if role == STAFF else 1)


@pytest.mark.parametrize(("role", "expected"), [
    (ANONYMOUS, LOGIN), (CUSTOMER, 200), (OTHER_CUSTOMER, 404), (PRODUCER_STAFF, 404), (STAFF, 404)])
def test_the_customer_order_page_with_the_qr(placed, role, expected):
    order, clients = placed

    response = clients[role].get(reverse("customer:order", kwargs={"order_number": order.number}))

    assert _outcome(response) == expected
    if expected == 200:
        assert f"OCOP{order.number}" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_the_guest_status_link_needs_the_email_first(placed, role):
    order, clients = placed
    url = f"/shop/accounts/order-status/{order.number}/{order.verification_hash()}/"

    response = clients[role].get(url)

    assert response.status_code == 302
    assert response.url == f"/shop/accounts/order-status-form/{order.number}/{order.verification_hash()}/"
