from oscar.apps.address.forms import *  # noqa: F403
from oscar.core.loading import get_model

from marketplace.core.address_forms import ADDRESS_FIELDS, VietnameseAddressFormMixin

Country = get_model("address", "Country")


class UserAddressForm(VietnameseAddressFormMixin):
    """The address book uses the same Vietnamese address as checkout."""

    class Meta:
        model = get_model("address", "UserAddress")
        fields = ADDRESS_FIELDS

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.user = user
        self.instance.country = Country._default_manager.get(iso_3166_1_a2="VN")
