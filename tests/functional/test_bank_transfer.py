"""Paying by bank transfer with VietQR: checkout, the QR on the thank-you and order pages and in the e-mail,
staff recording the receipt, the bank statement import, and expiry releasing the stock."""

import datetime
import re
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.payments.models import Payment, PaymentEvent
from marketplace.payments.vietqr import BankAccount, png_data_uri, qr_png, vietqr_payload
from marketplace.shop.order.fulfilment import FulfilmentRefused, fulfilment_group_transition
from tests.factories import UserFactory, producer_user

from .shop import Shopper, csrf_token, elements, message_texts

Order = get_model("order", "Order")
StockRecord = get_model("partner", "StockRecord")
FulfilmentGroup = get_model("order", "FulfilmentGroup")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_28_november_2026")]

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
ACCOUNT = BankAccount(bin="970436", number="0123456789", name="HTX CHO OCOP THANH HOA")
STATEMENT_URL = "/shop/dashboard/thanh-toan/sao-ke/"
TIMELINE_ROW = re.compile(r'data-event="([a-z_]+)" data-to-state="([a-z_]+)"')
STATEMENT_COUNT = re.compile(r'data-outcome="([a-z_]+)">[^<]*<strong>(\d+)</strong>')
STATEMENT_ROW = re.compile(r'data-line="(\d+)" data-outcome="([a-z_]+)"')


def _buy_by_transfer(product, *, shopper=None, guest_email="khach.le@example.vn") -> Order:
    shopper = shopper or Shopper()
    assert shopper.add_to_basket(product).status_code == 302
    preview = shopper.checkout_to_preview(guest_email=guest_email, payment_method="vietqr")
    assert "Chuyển khoản ngân hàng (VietQR)" in preview.content.decode()
    placed = shopper.submit_order(preview)
    assert placed.status_code == 302, placed.content[:2000]
    assert placed.url == reverse("checkout:thank-you")
    return Order.objects.latest("pk")


def _expected_qr(order) -> str:
    payload = vietqr_payload(account=ACCOUNT, amount=Decimal("147000"), reference=f"OCOP{order.number}")
    return png_data_uri(qr_png(payload))


def _shows_the_transfer(html: str, order) -> None:
    reference = f"OCOP{order.number}"
    [box] = elements(html, css_class="bank-transfer")
    assert box["data-payment-state"] == "pending"
    [image] = elements(html, css_class="bank-transfer__qr")
    assert image["src"] == _expected_qr(order)
    assert [button["data-copy"] for button in elements(html, css_class="bank-transfer__copy")] == [
        "0123456789", "147000", reference]
    text = html if isinstance(html, str) else html.decode()
    assert "Vietcombank (Ngân hàng TMCP Ngoại Thương Việt Nam)" in text
    assert "HTX CHO OCOP THANH HOA" in text
    assert "147.000\u00a0₫" in text
    assert f'<strong class="bank-transfer__reference">{reference}</strong>' in text
    assert "09:00 30/11/2026" in text


def _record(client, order, amount):
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    return client.post(reverse("dashboard:order-detail", kwargs={"number": order.number}), {
        "csrfmiddlewaretoken": csrf_token(page), "order_action": "record_payment", "amount": amount,
    })


def _csv(*rows: str) -> bytes:
    return ("date,amount,description\n" + "\n".join(rows) + "\n").encode()


def _import(client, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    page = client.get(STATEMENT_URL)
    assert page.status_code == 200
    return client.post(STATEMENT_URL, {"csrfmiddlewaretoken": csrf_token(page),
                                       "statement": SimpleUploadedFile("saoke.csv", data, content_type="text/csv")})


@pytest.fixture
def staff():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(is_staff=True, is_superuser=True, email="ketoan@ocop.vn",
                                   first_name="Kế", last_name="Toán"))
    return client


def test_bank_transfer_is_hidden_until_an_account_is_configured(shopper, product):
    # given no VIETQR_* setting
    shopper.add_to_basket(product)
    shopper.start_guest_checkout()
    shopper.enter_shipping_address()
    shopper.choose_shipping_method()

    # when the shopper chooses how to pay, then only cash on delivery is offered
    page = shopper.get(reverse("checkout:payment-method"))
    assert [radio["value"] for radio in elements(page.content, name="method")] == ["cod"]
    # and a forged choice of bank transfer is refused, nothing placed
    refused = shopper.choose_payment_method("vietqr")
    assert refused.status_code == 200
    assert refused.context["form"].errors == {
        "method": ["Hãy chọn một lựa chọn hợp lệ. vietqr không phải là một trong các lựa chọn khả thi."]}
    assert Order.objects.count() == 0


def test_guest_pays_by_bank_transfer_end_to_end(shop_bank_account, shopper, product):
    # given bank transfer is configured, then it is offered beside cash on delivery
    shopper.add_to_basket(product)
    shopper.start_guest_checkout()
    shopper.enter_shipping_address()
    shopper.choose_shipping_method()
    page = shopper.get(reverse("checkout:payment-method"))
    assert [radio["value"] for radio in elements(page.content, name="method")] == ["cod", "vietqr"]
    assert "Sau khi đặt hàng, quý khách quét mã VietQR bằng ứng dụng ngân hàng" in page.content.decode()

    # when the guest chooses it and places the order
    assert shopper.choose_payment_method("vietqr").url == reverse("checkout:preview")
    preview = shopper.get(reverse("checkout:preview"))
    assert "Chuyển khoản ngân hàng (VietQR)" in preview.content.decode()
    mail.outbox.clear()
    assert shopper.submit_order(preview).url == reverse("checkout:thank-you")
    order = Order.objects.get()

    # then the order is placed pending payment, its stock allocated, its payment open for 48 hours
    assert (order.status, order.total_incl_tax) == ("pending", Decimal("147000"))
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (10, 1)
    payment = Payment.objects.get(order=order)
    assert (payment.method, payment.state, payment.amount, payment.reference) == (
        "vietqr", "pending", Decimal("147000"), f"OCOP{order.number}")
    assert payment.expires_at == datetime.datetime(2026, 11, 30, 9, tzinfo=HANOI)
    source = order.sources.get()
    assert (source.source_type.code, source.amount_allocated, source.reference) == (
        "vietqr", Decimal("147000"), f"OCOP{order.number}")

    # and the thank-you page shows the QR, bank, account, name, exact amount and reference with copy buttons
    thanks = shopper.get(reverse("checkout:thank-you"))
    assert thanks.status_code == 200
    _shows_the_transfer(thanks.content.decode(), order)

    # and the confirmation e-mail carries the same details and the QR as a PNG attachment
    [email] = mail.outbox
    assert email.to == ["khach.le@example.vn"]
    assert f"Nội dung chuyển khoản: OCOP{order.number}" in email.body
    assert "Số tài khoản: 0123456789" in email.body
    assert "Số tiền: 147.000\u00a0₫" in email.body
    [(filename, content, mimetype)] = email.attachments
    assert (filename, mimetype) == (f"vietqr-OCOP{order.number}.png", "image/png")
    assert png_data_uri(content) == _expected_qr(order)
    [(html, _html_type)] = email.alternatives
    assert f"<strong>OCOP{order.number}</strong>" in html

    # and the guest's order status page (after confirming their e-mail) shows the transfer too
    form_url = f"/shop/accounts/order-status-form/{order.number}/{order.verification_hash()}/"
    assert shopper.post_form(form_url, data={"email": "khach.le@example.vn"}).status_code == 302
    status = shopper.get(f"/shop/accounts/order-status/{order.number}/{order.verification_hash()}/")
    assert status.status_code == 200
    _shows_the_transfer(status.content.decode(), order)


def test_cash_on_delivery_shows_no_transfer_and_opens_a_cod_payment(shop_bank_account, shopper, product):
    shopper.add_to_basket(product)
    placed = shopper.submit_order(shopper.checkout_to_preview())

    order = Order.objects.get()
    thanks = shopper.get(placed.url)
    assert elements(thanks.content, css_class="bank-transfer") == []
    assert mail.outbox[-1].attachments == []
    payment = Payment.objects.get(order=order)
    assert (payment.method, payment.state, payment.amount, payment.expires_at) == (
        "cod", "pending", Decimal("147000"), None)


def test_customer_order_page_shows_the_qr_to_its_owner_only(shop_bank_account, product):
    owner, other = UserFactory(), UserFactory()
    shopper = Shopper()
    shopper.client.force_login(owner)
    order = _buy_by_transfer(product, shopper=shopper, guest_email=None)
    url = reverse("customer:order", kwargs={"order_number": order.number})

    page = shopper.get(url)
    assert page.status_code == 200
    _shows_the_transfer(page.content.decode(), order)

    stranger = Client()
    stranger.force_login(other)
    assert stranger.get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous.url


def test_staff_record_the_transfer_only_for_the_exact_amount(shop_bank_account, product, staff):
    order = _buy_by_transfer(product)

    # when staff type another amount, then a clear error and nothing changes
    wrong = _record(staff, order, "140000")
    assert wrong.status_code == 302
    assert message_texts(wrong) == [
        "Số tiền đã nhận (140.000\u00a0₫) khác số tiền phải thanh toán (147.000\u00a0₫); không có gì thay đổi."]
    assert Payment.objects.get().state == "pending"
    fraction = _record(staff, order, "147000.5")
    assert message_texts(fraction) == ["Số tiền phải là số đồng nguyên."]

    # when they record the exact amount, then the payment is paid, once
    done = _record(staff, order, "147000")
    assert message_texts(done) == [f"Đã ghi nhận thanh toán 147.000\u00a0₫ cho đơn hàng {order.number}."]
    again = _record(staff, order, "147000")
    assert message_texts(again) == [f"Thanh toán của đơn hàng {order.number} đã được ghi nhận trước đó."]
    payment = Payment.objects.get()
    assert (payment.state, payment.amount_received) == ("paid", Decimal("147000"))

    # and the order page shows the timeline, and no receipt form any more
    page = staff.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    assert TIMELINE_ROW.findall(page.content.decode()) == [("created", "pending"), ("receipt_recorded", "paid")]
    assert elements(page.content, css_class="order-payment__receipt") == []
    assert "Kế Toán" in page.content.decode()
    assert "Nhân viên ghi nhận đã nhận tiền chuyển khoản" in page.content.decode()


def test_staff_record_cash_collected_on_delivery(shop_bank_account, shopper, product, staff):
    shopper.add_to_basket(product)
    shopper.submit_order(shopper.checkout_to_preview())
    order = Order.objects.get()

    page = staff.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    [form] = elements(page.content, css_class="order-payment__receipt")
    assert "Ghi nhận tiền thu hộ khi giao hàng" in page.content.decode()
    assert message_texts(_record(staff, order, "147000")) == [
        f"Đã ghi nhận thanh toán 147.000\u00a0₫ cho đơn hàng {order.number}."]

    assert list(PaymentEvent.objects.order_by("pk").values_list("action", "to_state", "amount")) == [
        ("created", "pending", Decimal("147000")), ("cod_collected", "paid", Decimal("147000"))]


def test_producers_do_not_prepare_an_unpaid_transfer(shop_bank_account, product):
    order = _buy_by_transfer(product)
    group = FulfilmentGroup.objects.get(order=order)
    maker = producer_user(product.producer)

    with pytest.raises(FulfilmentRefused) as refused:
        fulfilment_group_transition(group, "confirmed", maker)
    assert str(refused.value) == "Đơn hàng đang chờ khách chuyển khoản: chỉ chuẩn bị hàng sau khi đã nhận tiền."
    assert FulfilmentGroup.objects.get().status == "pending"

    from marketplace.shop.order.order_payments import order_payment_record

    order_payment_record(order=order, amount=Decimal("147000"), actor=None)
    assert fulfilment_group_transition(group, "confirmed", maker).status == "confirmed"


def test_bank_statement_import_matches_reference_and_amount(shop_bank_account, product, staff):
    # given three orders waiting for their transfers
    first, second, third = (_buy_by_transfer(product, guest_email=f"khach{n}@example.vn") for n in range(3))
    statement = _csv(
        f"2026-11-28,147000,MBVCB.1234.OCOP{first.number}.CT tu 0011 NGUYEN VAN AN",
        f"28/11/2026,147.000,ocop {second.number} chuyen tien",
        f"2026-11-28,140000,OCOP{third.number}",
        f"2026-11-28,147000,OCOP{first.number} OCOP{third.number}",
        "2026-11-28,147000,tien hang",
        "2026-11-28,abc,OCOP1",
        f"2026-11-28,-147000,OCOP{third.number}",
    )

    # when staff import the statement
    result = _import(staff, statement)

    # then each row is reported, and only the two matching rows paid their orders
    assert result.status_code == 200
    assert STATEMENT_ROW.findall(result.content.decode()) == [
        ("2", "matched"), ("3", "matched"), ("4", "unmatched"), ("5", "ambiguous"), ("6", "unmatched"),
        ("7", "unmatched"), ("8", "unmatched")]
    assert dict(STATEMENT_COUNT.findall(result.content.decode())) == {
        "matched": "2", "already_paid": "0", "ambiguous": "1", "unmatched": "4"}
    text = result.content.decode()
    assert "Số tiền 140.000\u00a0₫ khác số tiền phải thanh toán 147.000\u00a0₫." in text
    assert f"Nội dung có mã của nhiều đơn hàng: OCOP{first.number}, OCOP{third.number}." in text
    assert "Nội dung không có mã thanh toán của đơn hàng nào." in text
    assert "Số tiền “abc” không phải số đồng nguyên." in text
    assert "Không phải tiền chuyển đến." in text
    states = dict(Payment.objects.values_list("order__number", "state"))
    assert states == {first.number: "paid", second.number: "paid", third.number: "pending"}
    event = PaymentEvent.objects.get(payment__order=first, action="bank_statement")
    assert event.detail == {"date": "2026-11-28", "line": 2,
                            "description": f"MBVCB.1234.OCOP{first.number}.CT tu 0011 NGUYEN VAN AN"}

    # when the same statement is imported again, then the paid rows are "already paid" and nothing changes
    events_before = PaymentEvent.objects.count()
    again = _import(staff, statement)
    assert STATEMENT_ROW.findall(again.content.decode())[:2] == [("2", "already_paid"), ("3", "already_paid")]
    assert PaymentEvent.objects.count() == events_before


@pytest.mark.parametrize(("data", "message"), [
    (b"ngay,so tien,noi dung\n2026-11-28,147000,OCOP1\n",
     "Tệp sao kê thiếu cột: date, amount, description. Dòng đầu phải là: date,amount,description."),
    (b"date,amount,description\n", "Tệp sao kê không có dòng giao dịch nào."),
    ("date,amount,description\n2026-11-28,147000,OCOP1 Nguyễn\n".encode("utf-16"),
     "Tệp sao kê phải là CSV mã hóa UTF-8."),
])
def test_a_statement_that_cannot_be_read_changes_nothing(shop_bank_account, product, staff, data, message):
    _buy_by_transfer(product)
    response = _import(staff, data)
    assert response.status_code == 200
    assert response.context["form"].errors == {"statement": [message]}
    assert Payment.objects.get().state == "pending"


def test_an_unpaid_transfer_expires_and_releases_the_stock(shop_bank_account, product,
                                                          django_capture_on_commit_callbacks):
    # given two transfers: one paid, one never paid
    unpaid = _buy_by_transfer(product, guest_email="khach.a@example.vn")
    paid = _buy_by_transfer(product, guest_email="khach.b@example.vn")
    from marketplace.shop.order.order_payments import order_payment_record

    order_payment_record(order=paid, amount=Decimal("147000"), actor=None)
    assert StockRecord.objects.get(product=product).num_allocated == 2
    mail.outbox.clear()

    # when the command runs a minute before the deadline, then nothing happens
    with time_machine.travel(datetime.datetime(2026, 11, 30, 8, 59, tzinfo=HANOI), tick=False):
        call_command("expire_bank_transfers", stdout=StringIO())
    assert Payment.objects.get(order=unpaid).state == "pending"

    # when it runs after the 48 hours, then the unpaid order is cancelled and its stock released
    with time_machine.travel(datetime.datetime(2026, 11, 30, 9, 1, tzinfo=HANOI), tick=False):
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("expire_bank_transfers", stdout=out)
            call_command("expire_bank_transfers", stdout=StringIO())
    assert out.getvalue() == f"cancelled {unpaid.number}\n1 order(s) cancelled: transfer not received within 48 h\n"
    unpaid.refresh_from_db()
    paid.refresh_from_db()
    assert (unpaid.status, paid.status) == ("cancelled", "pending")
    assert dict(Payment.objects.values_list("order__number", "state")) == {unpaid.number: "expired",
                                                                           paid.number: "paid"}
    assert StockRecord.objects.get(product=product).num_allocated == 1
    assert [line.allocation_cancelled for line in unpaid.lines.all()] == [True]
    assert FulfilmentGroup.objects.get(order=unpaid).status == "cancelled"
    assert list(PaymentEvent.objects.filter(payment__order=unpaid).values_list("action", "to_state", "actor")) == [
        ("created", "pending", None), ("expired", "expired", None)]

    # and the customer is told once, by one e-mail
    [email] = mail.outbox
    assert email.to == ["khach.a@example.vn"]
    assert email.subject == f"Đơn hàng {unpaid.number} đã bị hủy vì chưa nhận được chuyển khoản"
    assert "Sau 48 giờ, cửa hàng chưa nhận được khoản chuyển 147.000\u00a0₫" in email.body

    # and a late statement row for it changes nothing: it is reported for a refund
    staff_user = UserFactory(is_staff=True)
    from marketplace.payments.statements import bank_statement_import

    result = bank_statement_import(data=_csv(f"2026-11-30,147000,OCOP{unpaid.number}"), actor=staff_user)
    assert [(row.outcome, row.reason) for row in result.rows] == [
        ("unmatched", "Thanh toán của đơn hàng ở trạng thái “Quá hạn thanh toán”: hãy liên hệ khách để hoàn tiền.")]


def test_the_celery_task_expires_overdue_transfers(shop_bank_account, product):
    order = _buy_by_transfer(product)
    from marketplace.shop.order.tasks import expire_unpaid_bank_transfers

    with time_machine.travel(datetime.datetime(2026, 12, 1, 9, tzinfo=HANOI), tick=False):
        assert expire_unpaid_bank_transfers.delay().get() == [order.number]
    assert Payment.objects.get().state == "expired"
    assert StockRecord.objects.get(product=product).num_allocated == 0
