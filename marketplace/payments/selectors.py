"""Reads of payments: an order's current payment, its timeline, and what a shopper needs to transfer."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from .models import Payment, PaymentEvent
from .states import LIVE_STATES, Method, State
from .vietqr import BankAccount, png_data_uri, qr_png, vietqr_account, vietqr_payload


@dataclass(frozen=True)
class BankTransferInstructions:
    """Everything the shopper copies into (or scans with) their banking app, and the deadline."""

    account: BankAccount
    amount: Decimal
    reference: str
    payload: str
    expires_at: datetime.datetime | None
    state: str

    @property
    def qr_png(self) -> bytes:
        return qr_png(self.payload)

    @property
    def qr_data_uri(self) -> str:
        return png_data_uri(self.qr_png)

    @property
    def is_pending(self) -> bool:
        return self.state == State.PENDING

    @property
    def amount_digits(self) -> str:
        """The amount as a banking app's field takes it: whole đồng, no separators."""
        return str(int(self.amount))


def order_payment(order) -> Payment | None:
    """The order's payment that counts (pending, paid or refunded), else its latest attempt, else None."""
    payments = list(Payment.objects.filter(order=order).order_by("-pk"))
    return next((payment for payment in payments if payment.state in LIVE_STATES), payments[0] if payments else None)


def payment_timeline(order) -> QuerySet[PaymentEvent]:
    """Every event of every payment of the order, oldest first, with who acted."""
    return (PaymentEvent.objects.filter(payment__order=order).select_related("payment", "actor")
            .order_by("created_at", "pk"))


def bank_transfer_instructions(payment: Payment | None) -> BankTransferInstructions | None:
    """What to transfer for a VietQR payment; None for other methods or when no bank account is configured."""
    if payment is None or payment.method != Method.VIETQR:
        return None
    account = vietqr_account()
    if account is None:
        return None
    return BankTransferInstructions(
        account=account, amount=payment.amount, reference=payment.reference,
        payload=vietqr_payload(account=account, amount=payment.amount, reference=payment.reference),
        expires_at=payment.expires_at, state=payment.state,
    )


def overdue_payments(*, now: datetime.datetime) -> QuerySet[Payment]:
    """Pending bank transfers whose deadline has passed, oldest first."""
    return Payment.objects.filter(method=Method.VIETQR, state=State.PENDING, expires_at__lte=now).order_by("expires_at", "pk")


def available_methods() -> list[tuple[str, str]]:
    """The methods a shopper may choose now: cash on delivery, and bank transfer once an account is configured."""
    methods = [(Method.COD.value, str(Method.COD.label))]
    if vietqr_account() is not None:
        methods.append((Method.VIETQR.value, str(Method.VIETQR.label)))
    return methods
