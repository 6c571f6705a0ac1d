"""Reads of the producer's orders: only the fulfilment groups of the producer's own partner."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Sum
from django.shortcuts import get_object_or_404
from oscar.core.loading import get_model

from marketplace.payments import cod

FulfilmentGroup = get_model("order", "FulfilmentGroup")
Line = get_model("order", "Line")


def producer_fulfilment_groups(*, producer, status: str | None = None) -> QuerySet:
    """The producer's groups, newest order first, with their number of lines and goods total."""
    groups = (
        FulfilmentGroup.objects.filter(partner_id=producer.partner_id)
        .select_related("order", "order__shipping_address")
        .annotate(line_count=Count("lines"), goods_total=Sum("lines__line_price_incl_tax"))
        .order_by("-order__date_placed", "-pk")
    )
    if status:
        groups = groups.filter(status=status)
    return groups


def producer_fulfilment_group(*, producer, group_id: int):
    """One of the producer's groups, or 404 (another producer's group is not found, not forbidden)."""
    return get_object_or_404(
        FulfilmentGroup.objects.select_related("order", "order__shipping_address", "order__user"),
        pk=group_id, partner_id=producer.partner_id,
    )


def fulfilment_group_lines(group) -> QuerySet:
    """The group's own lines, in the order the customer saw them."""
    return Line.objects.filter(fulfilment_group=group).select_related("product").order_by("pk")


def order_is_cash_on_delivery(order) -> bool:
    return order.sources.filter(source_type__code=cod.CODE).exists()
