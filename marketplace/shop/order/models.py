from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from marketplace.core.addresses import VietnameseAddressMixin

from .statuses import status_label


class Order(AbstractOrder):
    class Meta(AbstractOrder.Meta):
        pass

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class Line(AbstractLine):
    class Meta(AbstractLine.Meta):
        pass

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class ShippingAddress(VietnameseAddressMixin, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        pass


from oscar.apps.order.models import *  # noqa: E402, F403
