from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import *  # noqa: F403
from oscar.core.loading import get_model

from marketplace.core.address_forms import ADDRESS_FIELDS, VietnameseAddressFormMixin
from marketplace.payments import cod
from marketplace.payments.selectors import available_methods

Country = get_model("address", "Country")


class ShippingAddressForm(VietnameseAddressFormMixin):
    """Replaces Oscar's international form: the shop delivers within Vietnam only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.country = Country._default_manager.get(iso_3166_1_a2="VN")

    class Meta:
        model = get_model("order", "ShippingAddress")
        fields = ADDRESS_FIELDS


class PaymentMethodForm(forms.Form):
    """The methods on offer now: cash on delivery, and bank transfer by VietQR once the shop's account is set."""

    method = forms.ChoiceField(
        label=_("Phương thức thanh toán"), widget=forms.RadioSelect, choices=available_methods, initial=cod.CODE,
    )
