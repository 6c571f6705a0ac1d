"""Forms of the sales pages: they parse the period the producer asks for."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import Period

MAX_PERIOD_DAYS = 731  # two years, a leap day included
# The marketplace has no sales before it opened, and none after next year: outside, dates are typing slips.
FIRST_YEAR = 2020
DATE_INPUTS = ["%Y-%m-%d", "%d/%m/%Y"]


class PeriodForm(forms.Form):
    """From one day to another (both included); a day left empty is the page's default period's."""

    start = forms.DateField(
        label=_("Từ ngày"), required=False, input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày bắt đầu không hợp lệ (định dạng ngày/tháng/năm).")},
    )
    end = forms.DateField(
        label=_("Đến ngày"), required=False, input_formats=DATE_INPUTS,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Ngày kết thúc không hợp lệ (định dạng ngày/tháng/năm).")},
    )

    def __init__(self, data, *, default: Period):
        """Always bound: a day left empty is the default period's (and shown as such)."""
        data = data.copy()
        for name in ("start", "end"):
            if not data.get(name):
                data[name] = getattr(default, name).isoformat()
        super().__init__(data)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start, end = data["start"], data["end"]
        last = datetime.date(timezone.localdate().year + 1, 12, 31)
        if not (datetime.date(FIRST_YEAR, 1, 1) <= start <= last and datetime.date(FIRST_YEAR, 1, 1) <= end <= last):
            raise forms.ValidationError(
                _("Hãy chọn ngày trong khoảng từ %(first)s đến %(last)s.")
                % {"first": f"01/01/{FIRST_YEAR}", "last": last.strftime("%d/%m/%Y")}, code="range")
        if end < start:
            raise forms.ValidationError(_("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."), code="order")
        if (end - start) > datetime.timedelta(days=MAX_PERIOD_DAYS):
            raise forms.ValidationError(_("Chỉ xem được tối đa 2 năm một lần: hãy chọn khoảng ngắn hơn."),
                                        code="too_long")
        data["period"] = Period(start=start, end=end)
        return data

    def period(self) -> Period | None:
        """The period asked for, or None when the form has errors."""
        return self.cleaned_data["period"] if self.is_valid() else None
