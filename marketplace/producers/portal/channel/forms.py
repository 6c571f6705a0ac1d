"""The form of the postal channel setting: one choice, list the products on the channel or not."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class ChannelOptInForm(forms.Form):
    opt_in = forms.TypedChoiceField(
        choices=[("1", _("Đăng bán trên kênh bưu điện")), ("0", _("Ngừng đăng bán trên kênh bưu điện"))],
        coerce=lambda value: value == "1",
        error_messages={
            "required": _("Hãy chọn đăng bán hoặc ngừng đăng bán trên kênh bưu điện."),
            "invalid_choice": _("Lựa chọn không hợp lệ: hãy chọn đăng bán hoặc ngừng đăng bán trên kênh bưu điện."),
        },
    )
