"""The producer's orders: their groups, one group's lines and customer, and the next steps to ship it."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from marketplace.producers.portal.access import action_record, portal_view
from marketplace.producers.portal.orders import selectors
from marketplace.producers.portal.orders.forms import (
    CodAmountForm,
    StatusFilterForm,
    TransitionForm,
    next_step_forms,
)
from marketplace.shop.order import statuses
from marketplace.shop.order.fulfilment import (
    FulfilmentRefused,
    fulfilment_group_record_cod,
    fulfilment_group_transition,
)

PAGE_SIZE = 30


@portal_view
@require_GET
def order_list(request, access):
    """The producer's own groups, newest first, optionally of one status."""
    form = StatusFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else None
    groups = selectors.producer_fulfilment_groups(producer=access.producer, status=status)
    page = Paginator(groups, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "producers/portal/orders/list.html", {"form": form, "page": page, "status": status})


@portal_view
@require_GET
def order_detail(request, access, group_id: int):
    group = selectors.producer_fulfilment_group(producer=access.producer, group_id=group_id)
    return _detail(request, group)


@portal_view
@require_POST
def order_transition(request, access, group_id: int):
    """Take the next step chosen on the detail page; a refused step re-shows the page with why."""
    group = selectors.producer_fulfilment_group(producer=access.producer, group_id=group_id)
    form = TransitionForm(request.POST, auto_id=f"id_{request.POST.get('to_status', '')}_%s")
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                fulfilment_group_transition(
                    group, data["to_status"], access.user, note=data["note"],
                    **({"tracking_number": data["tracking_number"], "carrier": data["carrier"]}
                       if data["to_status"] == statuses.SHIPPED else {}),
                    **({"restock": data["restock"]} if data["to_status"] == statuses.RETURNED else {}),
                )
                action_record(access, f"fulfilment_{group.status}", group, order=group.order.number,
                              tracking_number=group.tracking_number, carrier=group.carrier,
                              **({"restock": data["restock"]} if group.status == statuses.RETURNED else {}))
        except FulfilmentRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Đơn hàng %(number)s: %(status)s.") % {
                "number": group.order.number, "status": group.status_label})
            return redirect("producer_portal:order_detail", group_id=group.pk)
    return _detail(request, group, transition_form=form, status=400)


@portal_view
@require_POST
def order_cod(request, access, group_id: int):
    """Record the cash the courier collected for a delivered cash-on-delivery group."""
    group = selectors.producer_fulfilment_group(producer=access.producer, group_id=group_id)
    form = CodAmountForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                fulfilment_group_record_cod(group, form.cleaned_data["amount"], access.user)
                action_record(access, "fulfilment_cod", group, order=group.order.number,
                              amount=int(group.cod_amount_collected))
        except FulfilmentRefused as refusal:
            # The group's state refused it (not delivered, not cash on delivery, already recorded): the form may
            # not be on the page any more, so the reason is told as a message.
            messages.error(request, str(refusal))
            return redirect("producer_portal:order_detail", group_id=group.pk)
        messages.success(request, _("Đã ghi số tiền thu hộ."))
        return redirect("producer_portal:order_detail", group_id=group.pk)
    return _detail(request, group, cod_form=form, status=400)


def _detail(request, group, *, transition_form=None, cod_form=None, status=200):
    is_cod = selectors.order_is_cash_on_delivery(group.order)
    lines = list(selectors.fulfilment_group_lines(group))
    return render(request, "producers/portal/orders/detail.html", {
        "group": group,
        "order": group.order,
        "address": group.order.shipping_address,
        "lines": lines,
        "goods_total": sum((line.line_price_incl_tax for line in lines), 0),
        "steps": next_step_forms(group, bound=transition_form),
        "refusals": [error for errors in transition_form.errors.values() for error in errors]
        if transition_form is not None else [],
        "is_cod": is_cod,
        "cod_form": (cod_form or CodAmountForm())
        if is_cod and group.status == statuses.DELIVERED and group.cod_amount_collected is None else None,
    }, status=status)
