"""Under load the row lock holds: ten simultaneous receipts of one transfer pay it once; expiry racing a receipt
leaves exactly one of them (PostgreSQL pass only: SQLite serialises writers, so it cannot show a race)."""

import datetime
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import pytest
from django.contrib.sites.models import Site
from django.db import connection
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.payments.models import Payment, PaymentEvent
from marketplace.payments.services import (
    PaymentRefused,
    payment_create,
    payment_expire,
    payment_transition,
)
from marketplace.payments.states import Action, Method, State

Order = get_model("order", "Order")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _payment(number: str) -> Payment:
    order = Order.objects.create(number=number, site=Site.objects.get_current(), currency="VND",
                                 total_incl_tax=Decimal("147000"), total_excl_tax=Decimal("147000"))
    return payment_create(order=order, method=Method.VIETQR, amount=Decimal("147000"))


def _at_once(count: int, work):
    barrier = threading.Barrier(count)

    def run(_n):
        barrier.wait(timeout=30)
        try:
            return work()
        except PaymentRefused as refusal:
            return refusal
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_ten_simultaneous_receipts_pay_once():
    payment = _payment("300001")

    results = _at_once(10, lambda: payment_transition(
        payment=Payment.objects.get(pk=payment.pk), to_state=State.PAID, action=Action.RECEIPT_RECORDED,
        amount=Decimal("147000")))

    assert sorted(result.changed for result in results) == [False] * 9 + [True]
    assert list(PaymentEvent.objects.filter(payment=payment).values_list("to_state", flat=True)) == ["pending", "paid"]


def test_expiry_racing_a_receipt_leaves_one_outcome():
    payment = _payment("300002")
    Payment.objects.filter(pk=payment.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    turns = iter(range(10))
    lock = threading.Lock()

    def work():
        with lock:
            turn = next(turns)
        fresh = Payment.objects.get(pk=payment.pk)
        if turn % 2:
            return payment_expire(payment=fresh)
        return payment_transition(payment=fresh, to_state=State.PAID, action=Action.RECEIPT_RECORDED,
                                  amount=Decimal("147000"))

    results = _at_once(10, work)

    final = Payment.objects.get(pk=payment.pk).state
    assert final in ("paid", "expired")
    changed = [result for result in results if not isinstance(result, PaymentRefused) and result.changed]
    assert len(changed) == 1
    assert list(PaymentEvent.objects.filter(payment=payment).values_list("to_state", flat=True)) == ["pending", final]
