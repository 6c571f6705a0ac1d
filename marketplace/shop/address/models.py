from oscar.apps.address.abstract_models import AbstractUserAddress

from marketplace.core.addresses import VietnameseAddressMixin


class UserAddress(VietnameseAddressMixin, AbstractUserAddress):
    class Meta(AbstractUserAddress.Meta):
        pass


from oscar.apps.address.models import *  # noqa: E402, F403
