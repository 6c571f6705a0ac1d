"""Forms of the producer's order pages: they only parse; marketplace.shop.order.fulfilment decides."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.shop.order import statuses

FulfilmentGroup = get_model("order", "FulfilmentGroup")


class StatusFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False,
        choices=[("", _("Tất cả"))] + FulfilmentGroup.STATUS_CHOICES,
        widget=forms.Select(attrs={"class": "custom-select"}),
    )


class TransitionForm(forms.Form):
    """The next step of a group; handing it to a carrier also takes the carrier and the tracking number."""

    to_status = forms.ChoiceField(
        choices=FulfilmentGroup.STATUS_CHOICES, widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("Trạng thái không hợp lệ.")},
    )
    carrier = forms.CharField(label=_("Đơn vị vận chuyển"), max_length=100, required=False, initial="VNPost")
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=64, required=False)
    note = forms.CharField(label=_("Ghi chú (không bắt buộc)"), max_length=500, required=False)
    restock = forms.BooleanField(
        label=_("Hàng trả về còn bán được: đưa lại vào kho"), required=False,
        help_text=_("Chỉ chọn khi đã kiểm tra hàng còn nguyên vẹn và còn hạn sử dụng."),
    )


class CodAmountForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Số tiền đã thu hộ (đồng)"), min_value=0, max_digits=12, decimal_places=0,
        error_messages={
            "invalid": _("Số tiền thu hộ phải là số đồng nguyên, không âm."),
            "min_value": _("Số tiền thu hộ phải là số đồng nguyên, không âm."),
            "max_decimal_places": _("Số tiền thu hộ phải là số đồng nguyên, không âm."),
        },
    )


ACTION_LABELS = {
    statuses.CONFIRMED: _("Xác nhận đơn"),
    statuses.PACKED: _("Đã đóng gói xong"),
    statuses.SHIPPED: _("Đã giao cho đơn vị vận chuyển"),
    statuses.DELIVERED: _("Khách đã nhận hàng"),
    statuses.RETURNED: _("Hàng bị hoàn trả"),
    statuses.CANCELLED: _("Hủy phần đơn của tôi"),
}


def next_step_forms(group, *, bound: TransitionForm | None = None) -> list[tuple[str, str, TransitionForm]]:
    """One form per step the group may take now, as (status, button label, form); ``bound`` replaces its step's."""
    steps = []
    for status in statuses.GROUP_PIPELINE.get(group.status, ()):
        form = TransitionForm(initial={"to_status": status}, auto_id=f"id_{status}_%s")
        if bound is not None and bound.data.get("to_status") == status:
            form = bound
        steps.append((status, ACTION_LABELS[status], form))
    return steps
