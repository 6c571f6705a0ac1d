"""The retry button's form: one failed listing (its product id), or every failed listing when empty."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PostalSyncRetryForm(forms.Form):
    product = forms.IntegerField(
        required=False, min_value=1,
        error_messages={
            "invalid": _("Tin đăng cần gửi lại không hợp lệ."),
            "min_value": _("Tin đăng cần gửi lại không hợp lệ."),
        },
    )

    def product_ids(self) -> list[int] | None:
        """The products to retry, or None for every failed listing."""
        product = self.cleaned_data["product"]
        return None if product is None else [product]
