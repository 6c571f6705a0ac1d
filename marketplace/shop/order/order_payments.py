"""What a payment event does to an order (the shop layer calls marketplace.payments, never the reverse).

Placement starts the order's payment; staff record a transfer's receipt or the cash collected on
delivery; a bank transfer that does not arrive in time expires, which cancels the order and releases
its stock allocations (Oscar's ``Line.cancel_allocation``, through the fulfilment groups' transition).
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd
from marketplace.payments import cod
from marketplace.payments.models import Payment
from marketplace.payments.selectors import order_payment, overdue_payments
from marketplace.payments.services import (
    PaymentChange,
    PaymentRefused,
    payment_create,
    payment_expire,
    payment_transition,
)
from marketplace.payments.states import Action, Method, State

from . import statuses
from .fulfilment import FulfilmentRefused, fulfilment_group_transition
from .models import FulfilmentGroup, Line, Order, OrderStatusChange

logger = logging.getLogger(__name__)


def order_payment_start(*, order: Order, method: str, actor=None) -> Payment:
    """Open the order's pending payment for its total; a bank transfer gets its deadline.

    Called inside the placement transaction, so the order, its stock allocations and its payment are
    written together or not at all.
    """
    expires_at = None
    if method == Method.VIETQR:
        expires_at = timezone.now() + datetime.timedelta(hours=settings.VIETQR_TRANSFER_EXPIRY_HOURS)
    return payment_create(order=order, method=method, amount=order.total_incl_tax, currency=order.currency,
                          actor=actor, expires_at=expires_at)


def order_payment_record(*, order: Order, amount: Decimal, actor) -> PaymentChange:
    """Record, as staff, that the order's money arrived: the bank transfer, or the cash collected on delivery.

    ``amount`` must equal the order's payment exactly. A cash-on-delivery order placed before payments
    were recorded gets its payment opened first. Raises PaymentRefused (nothing changed) otherwise.
    """
    with transaction.atomic():
        payment = order_payment(order)
        if payment is None and order.sources.filter(source_type__code=cod.CODE).exists():
            payment = order_payment_start(order=order, method=Method.COD, actor=actor)
        if payment is None:
            raise PaymentRefused(_("Đơn hàng này không có khoản thanh toán nào để ghi nhận."))
        if payment.method == Method.COD and payment.state == State.PENDING and order.status == statuses.CANCELLED:
            raise PaymentRefused(_("Đơn hàng đã bị hủy: không có tiền thu hộ để ghi nhận."))
        action = {Method.VIETQR: Action.RECEIPT_RECORDED, Method.COD: Action.COD_COLLECTED}.get(payment.method)
        if action is None:
            raise PaymentRefused(_("Thanh toán bằng %(method)s được cổng thanh toán xác nhận, không ghi tay.")
                                 % {"method": payment.method_label})
        return payment_transition(payment=payment, to_state=State.PAID, action=action, actor=actor, amount=amount)


def orders_expire_unpaid_transfers(*, now: datetime.datetime | None = None) -> list[str]:
    """Cancel every order whose bank transfer is overdue; return their numbers. Safe to run twice or in parallel."""
    now = now or timezone.now()
    expired = []
    for payment in overdue_payments(now=now).select_related("order"):
        try:
            if order_transfer_expire(payment=payment, now=now):
                expired.append(payment.order.number)
        except FulfilmentRefused:
            # A producer moved a parcel on although the order was unpaid: leave it for staff, keep going.
            logger.exception("order %s: transfer overdue but the order cannot be cancelled", payment.order.number)
    return expired


def order_transfer_expire(*, payment: Payment, now: datetime.datetime) -> bool:
    """Expire one overdue transfer, cancel its order and release its stock, all or nothing; tell the customer.

    Returns False (nothing changed) when the payment is no longer pending or not yet due, e.g. paid meanwhile.
    """
    with transaction.atomic():
        if not payment_expire(payment=payment, now=now).changed:
            return False
        note = _("Quá hạn chuyển khoản: đơn hàng tự động hủy.")
        groups = FulfilmentGroup.objects.filter(order_id=payment.order_id).exclude(status=statuses.CANCELLED)
        for group in groups.order_by("pk"):
            fulfilment_group_transition(group, statuses.CANCELLED, None, note, notify_customer=False)
        _cancel_lines_outside_groups(payment.order_id)
        transaction.on_commit(lambda: _email_transfer_expired(payment.order_id))
    return True


def _cancel_lines_outside_groups(order_id: int) -> None:
    """Orders placed before the split by producer: release their lines' allocations and cancel the order itself."""
    lines = (Line.objects.filter(order_id=order_id, fulfilment_group__isnull=True).select_related("stockrecord")
             .order_by("stockrecord_id", "pk"))
    if not lines:
        return
    for line in lines:
        if line.stockrecord is not None and line.num_allocated and not line.allocation_cancelled:
            line.cancel_allocation(line.num_allocated)
    lines.update(status=statuses.CANCELLED)
    order = Order.objects.select_for_update(no_key=True).get(pk=order_id)
    if order.status != statuses.CANCELLED and not FulfilmentGroup.objects.filter(order_id=order_id).exclude(
            status=statuses.CANCELLED).exists():
        OrderStatusChange.objects.create(order=order, old_status=order.status, new_status=statuses.CANCELLED)
        Order.objects.filter(pk=order_id).update(status=statuses.CANCELLED)


def _email_transfer_expired(order_id: int) -> None:
    order = Order.objects.get(pk=order_id)
    if not order.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"number": order.number, "total": format_vnd(order.total_incl_tax),
                   "hours": settings.VIETQR_TRANSFER_EXPIRY_HOURS}
        subject = _("Đơn hàng %(number)s đã bị hủy vì chưa nhận được chuyển khoản") % context
        body = "\n".join([
            _("Kính gửi quý khách,"), "",
            _("Sau %(hours)s giờ, cửa hàng chưa nhận được khoản chuyển %(total)s cho đơn hàng %(number)s, "
              "nên đơn hàng đã được hủy và hàng được trả lại kho.") % context,
            _("Nếu quý khách đã chuyển tiền, vui lòng trả lời thư này kèm biên lai để được hoàn tiền."), "",
            _("Cảm ơn quý khách đã quan tâm đến sản phẩm OCOP Thanh Hóa."),
        ])
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [order.email])
