"""Each producer's part of an order (ARCHITECTURE.md decision 3): split at placement, then fulfilled.

The only module that writes FulfilmentGroup.status and FulfilmentGroupEvent (STYLE.md, 2). Callers
check who may act on a group (the producer portal finds groups only among the producer's own).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from catalog.changes import products_changed
from marketplace.payments import cod
from marketplace.payments.models import Payment
from marketplace.payments.states import Method, State
from marketplace.shop.shipping.methods import partner_of_line, shipping_charges_by_partner

from . import statuses
from .models import FulfilmentGroup, FulfilmentGroupEvent, Line, Order, OrderStatusChange

StockRecord = get_model("partner", "StockRecord")

TRANSITION_FIELDS = frozenset({"tracking_number", "carrier", "restock"})


class FulfilmentRefused(Exception):
    """A change the group's state or the input does not allow; the message is for the person who asked."""


def fulfilment_groups_create(*, order, basket, shipping_method) -> dict[int, FulfilmentGroup]:
    """Create one pending group per producer (partner) of the basket, with its parcel's shipping charge.

    Called inside the placement transaction, before the lines are written, so each line is created
    already linked to its group. Returns the groups keyed by partner id.
    """
    charges = shipping_charges_by_partner(shipping_method, basket)
    partner_ids = list(dict.fromkeys(partner_of_line(line) for line in basket.all_lines()))
    groups = FulfilmentGroup.objects.bulk_create([
        FulfilmentGroup(order=order, partner_id=partner_id, shipping_charge=charges.get(partner_id, Decimal(0)))
        for partner_id in partner_ids if partner_id is not None
    ])
    return {group.partner_id: group for group in groups}


def fulfilment_group_transition(group: FulfilmentGroup, to_status: str, actor, note: str = "", *,
                                notify_customer: bool = True, **fields) -> FulfilmentGroup:
    """Move ``group`` to ``to_status``, write one event, and e-mail the customer once committed (unless told not to).

    Shipping needs ``tracking_number`` and ``carrier`` and takes the group's allocated units out of
    stock; cancelling releases the group's stock allocations; a returned parcel's units go back into
    stock when ``restock`` is true (the producer checked the goods are fit to sell again). An order waiting
    for its bank transfer is not prepared until the money is recorded. Raises FulfilmentRefused (nothing
    written) when the step is not allowed.
    """
    unknown = set(fields) - TRANSITION_FIELDS
    if unknown:
        raise TypeError(f"unexpected fields: {sorted(unknown)}")
    with transaction.atomic():
        locked = FulfilmentGroup.objects.select_for_update().get(pk=group.pk)
        from_status = locked.status
        if to_status not in statuses.GROUP_PIPELINE.get(from_status, ()):
            raise FulfilmentRefused(_("Không thể chuyển nhóm hàng từ “%(from)s” sang “%(to)s”.") % {
                "from": statuses.status_label(from_status), "to": statuses.status_label(to_status)})
        if to_status != statuses.CANCELLED and _awaits_transfer(locked.order_id):
            raise FulfilmentRefused(_("Đơn hàng đang chờ khách chuyển khoản: chỉ chuẩn bị hàng sau khi đã nhận tiền."))
        changed = ["status", "updated_at"]
        if to_status == statuses.SHIPPED:
            tracking_number = (fields.get("tracking_number") or "").strip()
            carrier = (fields.get("carrier") or "").strip()
            if not tracking_number:
                raise FulfilmentRefused(_("Vui lòng nhập mã vận đơn khi giao hàng cho đơn vị vận chuyển."))
            if not carrier:
                raise FulfilmentRefused(_("Vui lòng nhập tên đơn vị vận chuyển."))
            locked.tracking_number, locked.carrier = tracking_number, carrier
            changed += ["tracking_number", "carrier"]
            _consume_allocations(locked)
        if to_status == statuses.CANCELLED:
            _release_allocations(locked)
        if to_status == statuses.RETURNED and fields.get("restock"):
            _restock(locked)
        locked.status = to_status
        locked.save(update_fields=changed)
        Line.objects.filter(fulfilment_group=locked).update(status=to_status)
        _order_status_sync(locked.order_id)
        FulfilmentGroupEvent.objects.create(
            group=locked, from_status=from_status, to_status=to_status, actor=actor, note=note.strip(),
        )
        if notify_customer:
            transaction.on_commit(lambda: _email_customer(locked.pk))
    group.refresh_from_db()
    return group


def fulfilment_group_record_cod(group: FulfilmentGroup, amount: Decimal, actor) -> FulfilmentGroup:
    """Record the cash the courier collected for a delivered group of a cash-on-delivery order.

    ``amount`` is whole đồng, zero or more; it is recorded once, with an event (the state stays).
    """
    if amount is None or amount < 0 or amount != amount.to_integral_value():
        raise FulfilmentRefused(_("Số tiền thu hộ phải là số đồng nguyên, không âm."))
    with transaction.atomic():
        locked = FulfilmentGroup.objects.select_for_update().get(pk=group.pk)
        if not locked.order.sources.filter(source_type__code=cod.CODE).exists():
            raise FulfilmentRefused(_("Đơn hàng này không thanh toán khi nhận hàng."))
        if locked.status != statuses.DELIVERED:
            raise FulfilmentRefused(_("Chỉ ghi tiền thu hộ khi nhóm hàng đã giao."))
        if locked.cod_amount_collected is not None:
            raise FulfilmentRefused(_("Tiền thu hộ của nhóm hàng này đã được ghi."))
        locked.cod_amount_collected = Decimal(amount)
        locked.save(update_fields=["cod_amount_collected", "updated_at"])
        FulfilmentGroupEvent.objects.create(
            group=locked, from_status=locked.status, to_status=locked.status, actor=actor,
            note=_("Đã thu hộ %(amount)s ₫") % {"amount": f"{int(amount):,}".replace(",", ".")},
        )
    group.refresh_from_db()
    return group


def _awaits_transfer(order_id: int) -> bool:
    """The order was placed to be paid by bank transfer and the money has not been recorded yet."""
    return Payment.objects.filter(order_id=order_id, method=Method.VIETQR, state=State.PENDING).exists()


def order_status_of(group_statuses) -> str:
    """The order's status as its customer and the dashboard read it: where its least advanced parcel is.

    Cancelled parcels do not count unless every parcel is cancelled; a packed parcel is still "confirmed"
    for the order (Oscar's order pipeline has no packing step).
    """
    live = [status for status in group_statuses if status != statuses.CANCELLED]
    if not live:
        return statuses.CANCELLED
    if all(status in (statuses.DELIVERED, statuses.RETURNED) for status in live):
        return statuses.DELIVERED if statuses.DELIVERED in live else statuses.RETURNED
    if all(status in (statuses.SHIPPED, statuses.DELIVERED, statuses.RETURNED) for status in live):
        return statuses.SHIPPED
    return statuses.PENDING if statuses.PENDING in live else statuses.CONFIRMED


def _order_status_sync(order_id: int) -> None:
    """Bring the order's status to its parcels' (locked after the group, so two producers' steps queue)."""
    order = Order.objects.select_for_update(no_key=True).get(pk=order_id)
    status = order_status_of(FulfilmentGroup.objects.filter(order_id=order_id).values_list("status", flat=True))
    if status != order.status:
        OrderStatusChange.objects.create(order=order, old_status=order.status, new_status=status)
        Order.objects.filter(pk=order_id).update(status=status)


def _consume_allocations(group: FulfilmentGroup) -> None:
    """The parcel has left: its allocated units leave the stock (num_in_stock and num_allocated both drop)."""
    lines = Line.objects.filter(fulfilment_group=group).select_related("stockrecord").order_by("stockrecord_id", "pk")
    for line in lines:
        if line.stockrecord is not None and line.num_allocated and not line.allocation_cancelled:
            line.consume_allocation(line.num_allocated)


def _release_allocations(group: FulfilmentGroup) -> None:
    """Give the group's allocated stock back, in stock-record order (the order placement locks them in)."""
    lines = Line.objects.filter(fulfilment_group=group).select_related("stockrecord").order_by("stockrecord_id", "pk")
    for line in lines:
        if line.stockrecord is not None and line.num_allocated and not line.allocation_cancelled:
            line.cancel_allocation(line.num_allocated)


def _restock(group: FulfilmentGroup) -> None:
    """The returned parcel's units are back on the producer's shelf: add them to the stock, in stock-record order."""
    lines = Line.objects.filter(fulfilment_group=group, stockrecord__isnull=False).order_by("stockrecord_id", "pk")
    for line in lines:
        StockRecord.objects.filter(pk=line.stockrecord_id).update(num_in_stock=F("num_in_stock") + line.quantity)
    products_changed(lines.values_list("product_id", flat=True), reason="restocked")


def _email_customer(group_pk: int) -> None:
    group = FulfilmentGroup.objects.select_related("order", "order__user", "partner__producer").get(pk=group_pk)
    order = group.order
    recipient = order.email
    if not recipient:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "number": order.number, "producer": group.seller_name, "status": group.status_label,
            "carrier": group.carrier, "tracking": group.tracking_number,
        }
        subject = _("Đơn hàng %(number)s: %(status)s") % context
        body = [_("Kính gửi quý khách,"), "",
                _("Phần hàng của %(producer)s trong đơn hàng %(number)s: %(status)s.") % context]
        if group.tracking_number:
            body.append(_("Đơn vị vận chuyển: %(carrier)s. Mã vận đơn: %(tracking)s.") % context)
        body += ["", _("Cảm ơn quý khách đã mua hàng OCOP Thanh Hóa.")]
    send_mail(subject, "\n".join(body), settings.DEFAULT_FROM_EMAIL, [recipient])
