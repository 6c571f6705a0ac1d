"""Every write to a payment: creation, and the one transition that moves its state (STYLE.md, 2).

Callers (the checkout, the staff dashboard, the expiry job, later the card webhooks) check who may act;
these functions check what the payment allows, lock its row, and write one PaymentEvent in the same
transaction. A repeated transition (a double click, a re-imported statement, a re-delivered webhook)
changes nothing and writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd

from .models import Payment, PaymentEvent
from .money import ZERO_DECIMAL_CURRENCIES, MoneyError, amount_to_minor_units
from .states import TRANSITIONS, Action, Method, State

REFERENCE_PREFIX = "OCOP"
REFERENCE_MAX_LENGTH = 19
_REFUND_STATES = (State.PARTIALLY_REFUNDED, State.REFUNDED)


class PaymentRefused(Exception):
    """A change the payment's state or the input does not allow; the message is for the person who asked."""


@dataclass(frozen=True)
class PaymentChange:
    payment: Payment
    changed: bool


def payment_reference_for(order_number: str) -> str:
    """Return the transfer note for an order: "OCOP" + its number, only [A-Z0-9], at most 19 characters.

    Banks keep 19 ASCII characters of a transfer note reliably; order numbers are digits (Oscar's
    generator), so the reference is found again in a statement line by ``OCOP`` followed by digits.
    """
    number = str(order_number).strip()
    if not number.isascii() or not number.isdigit() or len(REFERENCE_PREFIX) + len(number) > REFERENCE_MAX_LENGTH:
        raise ValueError(f"order number {order_number!r} cannot make a transfer reference (1 to 15 digits)")
    return REFERENCE_PREFIX + number


def payment_create(*, order, method: str, amount: Decimal, currency: str = "VND", actor=None,
                   expires_at=None) -> Payment:
    """Create the order's pending payment of ``amount`` (its total) and its first event.

    Called inside the placement transaction (ARCHITECTURE.md decision 5: the order exists before any money).
    """
    if method not in Method.values:
        raise ValueError(f"unknown payment method {method!r}")
    if currency.upper() not in ZERO_DECIMAL_CURRENCIES:
        raise ValueError(f"payments are stored in whole units: {currency!r} is not a zero-decimal currency")
    amount = _whole_amount(amount, currency)
    with transaction.atomic():
        payment = Payment.objects.create(
            order=order, method=method, amount=amount, currency=currency.upper(),
            reference=payment_reference_for(order.number), expires_at=expires_at,
        )
        PaymentEvent.objects.create(
            payment=payment, action=Action.CREATED, from_state="", to_state=State.PENDING, amount=amount,
            actor=actor if actor is not None and actor.is_authenticated else None,
            detail={"expires_at": expires_at.isoformat()} if expires_at else {},
        )
    return payment


def payment_transition(*, payment: Payment, to_state: str, action: str, actor=None, amount: Decimal | None = None,
                       provider_reference: str = "", detail: dict | None = None, note: str = "") -> PaymentChange:
    """Move ``payment`` to ``to_state`` and write one event, or change nothing if it is already there.

    ``amount``: to "paid", the amount received, which must equal the payment's amount exactly; to a
    refund state, the total refunded so far. ``provider_reference`` (a bank transaction or a provider's
    id) is kept on the payment the first time one is given. Raises PaymentRefused (nothing written)
    when the step is not allowed or the amount is wrong.
    """
    if to_state not in State.values:
        raise ValueError(f"unknown payment state {to_state!r}")
    if action not in Action.values:
        raise ValueError(f"unknown payment action {action!r}")
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        from_state = locked.state
        if amount is not None:
            amount = _whole_amount(amount, locked.currency)
        if _is_repeat(locked, to_state, amount):
            _refresh(payment, locked)
            return PaymentChange(payment=payment, changed=False)
        if to_state not in TRANSITIONS[from_state]:
            raise PaymentRefused(_("Không thể chuyển thanh toán từ “%(from)s” sang “%(to)s”.") % {
                "from": State(from_state).label, "to": State(to_state).label})
        now = timezone.now()
        if to_state == State.PAID:
            _check_received(locked, amount)
            locked.amount_received, locked.paid_at = amount, now
        elif to_state in _REFUND_STATES:
            _check_refunded(locked, to_state, amount)
            locked.amount_refunded = amount
        provider_reference = (provider_reference or "").strip()
        if provider_reference and not locked.provider_reference:
            locked.provider_reference = provider_reference
        locked.state = to_state
        locked.save()
        PaymentEvent.objects.create(
            payment=locked, action=action, from_state=from_state, to_state=to_state, amount=amount,
            actor=actor if actor is not None and actor.is_authenticated else None,
            detail={**(detail or {}), **({"provider_reference": provider_reference} if provider_reference else {})},
            note=note.strip(),
        )
    _refresh(payment, locked)
    return PaymentChange(payment=payment, changed=True)


def payment_expire(*, payment: Payment, now=None) -> PaymentChange:
    """Expire a pending payment whose deadline has passed (checked again under the row lock); else change nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.state != State.PENDING or locked.expires_at is None or locked.expires_at > now:
            _refresh(payment, locked)
            return PaymentChange(payment=payment, changed=False)
        return payment_transition(
            payment=payment, to_state=State.EXPIRED, action=Action.EXPIRED,
            detail={"expires_at": locked.expires_at.isoformat()},
        )


def _is_repeat(locked: Payment, to_state: str, amount: Decimal | None) -> bool:
    """The payment is already where the caller wants it; a repeat that contradicts it is refused."""
    if locked.state != to_state:
        return False
    if to_state == State.PAID:
        if amount is not None and amount != locked.amount_received:
            raise PaymentRefused(_("Thanh toán này đã được ghi nhận với số tiền %(received)s; không có gì thay đổi.")
                                 % {"received": format_vnd(locked.amount_received)})
        return True
    if to_state == State.PARTIALLY_REFUNDED:
        # A further partial refund raises the refunded total; the same total again is a repeat.
        return amount is not None and amount == locked.amount_refunded
    return True


def _check_received(locked: Payment, amount: Decimal | None) -> None:
    if amount is None:
        raise PaymentRefused(_("Vui lòng nhập số tiền đã nhận."))
    if amount != locked.amount:
        raise PaymentRefused(
            _("Số tiền đã nhận (%(received)s) khác số tiền phải thanh toán (%(due)s); không có gì thay đổi.")
            % {"received": format_vnd(amount), "due": format_vnd(locked.amount)}
        )


def _check_refunded(locked: Payment, to_state: str, amount: Decimal | None) -> None:
    received = locked.amount_received or Decimal(0)
    if amount is None or amount <= locked.amount_refunded or amount > received:
        raise PaymentRefused(_("Tổng số tiền hoàn phải lớn hơn số đã hoàn (%(refunded)s) và không vượt quá số đã "
                               "nhận (%(received)s).") % {"refunded": format_vnd(locked.amount_refunded),
                                                          "received": format_vnd(received)})
    if (to_state == State.REFUNDED) != (amount == received):
        raise PaymentRefused(_("Hoàn toàn bộ khi tổng số tiền hoàn bằng số đã nhận; còn lại là hoàn một phần."))


def _whole_amount(amount, currency: str) -> Decimal:
    """The amount as a Decimal of whole minor units of its currency, or PaymentRefused with the reason."""
    try:
        amount_to_minor_units(amount, currency)
    except MoneyError as error:
        raise PaymentRefused(str(error)) from error
    if amount < 0:
        raise PaymentRefused(_("Số tiền không được âm."))
    return Decimal(amount)


def _refresh(payment: Payment, locked: Payment) -> None:
    """Give the caller's instance the row's current values (as saved under the lock)."""
    for field in Payment._meta.concrete_fields:
        setattr(payment, field.attname, getattr(locked, field.attname))

