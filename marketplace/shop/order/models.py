from oscar.apps.address.abstract_models import AbstractShippingAddress

from marketplace.core.addresses import VietnameseAddressMixin


class ShippingAddress(VietnameseAddressMixin, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        pass


from oscar.apps.order.models import *  # noqa: E402, F403
