"""Every change of a payment goes through one transition: allowed steps, exact amounts, one event each, repeats change nothing."""

from decimal import Decimal
from itertools import count

import pytest
from django.contrib.sites.models import Site
from django.db import IntegrityError, transaction
from oscar.core.loading import get_model

from marketplace.payments.models import Payment, PaymentEvent
from marketplace.payments.services import PaymentRefused, payment_create, payment_transition
from marketplace.payments.states import TRANSITIONS, Action, Method, State
from tests.factories import UserFactory

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

_numbers = count(200001)


@pytest.fixture
def order():
    return Order.objects.create(
        number=str(next(_numbers)), site=Site.objects.get_current(), currency="VND",
        total_incl_tax=Decimal("147000"), total_excl_tax=Decimal("147000"), guest_email="khach.le@example.vn",
    )


@pytest.fixture
def staff():
    return UserFactory(is_staff=True, email="ketoan@ocop.vn")


def _events(payment):
    return list(PaymentEvent.objects.filter(payment=payment).order_by("pk").values_list(
        "action", "from_state", "to_state", "amount"))


def test_created_pending_with_reference_and_first_event(order):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))

    assert (payment.state, payment.amount, payment.currency, payment.reference) == (
        "pending", Decimal("147000"), "VND", f"OCOP{order.number}")
    assert _events(payment) == [("created", "", "pending", Decimal("147000"))]


def test_paid_with_the_exact_amount_records_who_and_how_much(order, staff):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))

    change = payment_transition(payment=payment, to_state=State.PAID, action=Action.RECEIPT_RECORDED, actor=staff,
                                amount=Decimal("147000"))

    assert change.changed is True
    payment.refresh_from_db()
    assert (payment.state, payment.amount_received) == ("paid", Decimal("147000"))
    assert payment.paid_at is not None
    assert _events(payment)[-1] == ("receipt_recorded", "pending", "paid", Decimal("147000"))
    assert PaymentEvent.objects.filter(payment=payment).last().actor == staff


@pytest.mark.parametrize("amount", [Decimal("146999"), Decimal("147001"), Decimal("0")])
def test_paid_with_another_amount_is_refused_and_nothing_changes(order, staff, amount):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))

    with pytest.raises(PaymentRefused) as refused:
        payment_transition(payment=payment, to_state=State.PAID, action=Action.RECEIPT_RECORDED, actor=staff,
                           amount=amount)

    received = f"{int(amount):,}".replace(",", ".")
    assert str(refused.value) == (f"Số tiền đã nhận ({received}\u00a0₫) khác số tiền phải thanh toán "
                                  "(147.000\u00a0₫); không có gì thay đổi.")
    payment.refresh_from_db()
    assert (payment.state, payment.amount_received) == ("pending", None)
    assert len(_events(payment)) == 1


def test_fractions_of_a_dong_are_refused(order, staff):
    payment = payment_create(order=order, method=Method.COD, amount=Decimal("147000"))
    with pytest.raises(PaymentRefused) as refused:
        payment_transition(payment=payment, to_state=State.PAID, action=Action.COD_COLLECTED, actor=staff,
                           amount=Decimal("147000.5"))
    assert str(refused.value) == "Số tiền 147000.5 VND có phần lẻ nhỏ hơn đơn vị nhỏ nhất của đồng tiền."
    assert Payment.objects.get().state == "pending"


def test_a_repeated_transition_changes_nothing_and_writes_no_event(order, staff):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))
    payment_transition(payment=payment, to_state=State.PAID, action=Action.BANK_STATEMENT, amount=Decimal("147000"))

    again = payment_transition(payment=payment, to_state=State.PAID, action=Action.RECEIPT_RECORDED, actor=staff,
                               amount=Decimal("147000"))

    assert again.changed is False
    assert [event[0] for event in _events(payment)] == ["created", "bank_statement"]


def test_a_repeat_that_contradicts_the_recorded_amount_is_refused(order):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))
    payment_transition(payment=payment, to_state=State.PAID, action=Action.BANK_STATEMENT, amount=Decimal("147000"))

    with pytest.raises(PaymentRefused) as refused:
        payment_transition(payment=payment, to_state=State.PAID, action=Action.RECEIPT_RECORDED, amount=Decimal("1"))

    assert str(refused.value) == "Thanh toán này đã được ghi nhận với số tiền 147.000\u00a0₫; không có gì thay đổi."
    assert len(_events(payment)) == 2


ILLEGAL = [(from_state, to_state) for from_state in State.values for to_state in State.values
           if to_state not in TRANSITIONS[from_state] and to_state != from_state]


@pytest.mark.parametrize(("from_state", "to_state"), ILLEGAL)
def test_illegal_transitions_are_refused(order, from_state, to_state):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))
    fields = {"state": from_state}
    if from_state in (State.PAID, State.PARTIALLY_REFUNDED, State.REFUNDED):
        fields.update(amount_received=Decimal("147000"), paid_at=payment.created_at)
    if from_state == State.PARTIALLY_REFUNDED:
        fields["amount_refunded"] = Decimal("1000")
    if from_state == State.REFUNDED:
        fields["amount_refunded"] = Decimal("147000")
    Payment.objects.filter(pk=payment.pk).update(**fields)

    with pytest.raises(PaymentRefused) as refused:
        payment_transition(payment=payment, to_state=to_state, action=Action.PROVIDER, amount=Decimal("147000"))

    assert str(refused.value) == (f"Không thể chuyển thanh toán từ “{State(from_state).label}” sang "
                                  f"“{State(to_state).label}”.")
    assert Payment.objects.get().state == from_state
    assert len(_events(payment)) == 1


def test_refunds_partial_then_full_within_what_was_paid(order):
    payment = payment_create(order=order, method=Method.CARD, amount=Decimal("147000"))
    payment_transition(payment=payment, to_state=State.PAID, action=Action.PROVIDER, amount=Decimal("147000"),
                       provider_reference="pi_123")

    with pytest.raises(PaymentRefused):
        payment_transition(payment=payment, to_state=State.PARTIALLY_REFUNDED, action=Action.REFUND,
                           amount=Decimal("147001"))
    with pytest.raises(PaymentRefused):
        payment_transition(payment=payment, to_state=State.REFUNDED, action=Action.REFUND, amount=Decimal("47000"))
    payment_transition(payment=payment, to_state=State.PARTIALLY_REFUNDED, action=Action.REFUND, amount=Decimal("47000"))
    repeat = payment_transition(payment=payment, to_state=State.PARTIALLY_REFUNDED, action=Action.REFUND,
                                amount=Decimal("47000"))
    payment_transition(payment=payment, to_state=State.REFUNDED, action=Action.REFUND, amount=Decimal("147000"))

    assert repeat.changed is False
    payment.refresh_from_db()
    assert (payment.state, payment.amount_refunded, payment.provider_reference) == (
        "refunded", Decimal("147000"), "pi_123")
    assert _events(payment) == [
        ("created", "", "pending", Decimal("147000")),
        ("provider", "pending", "paid", Decimal("147000")),
        ("refund", "paid", "partially_refunded", Decimal("47000")),
        ("refund", "partially_refunded", "refunded", Decimal("147000")),
    ]


def test_one_live_payment_per_order_is_a_database_rule(order):
    payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(order=order, method=Method.COD, amount=Decimal("147000"))


def test_paid_without_the_amount_received_is_refused_by_the_database(order):
    payment = payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(state=State.PAID)


def test_a_reference_outside_a_to_z_0_9_is_refused_by_the_database(order):
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(order=order, method=Method.COD, amount=Decimal("1"), reference="ocop-1")
