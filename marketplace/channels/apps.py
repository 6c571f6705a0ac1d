from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class ChannelsConfig(AppConfig):
    name = "marketplace.channels"
    label = "channels"
    verbose_name = _("Kênh bán hàng bưu điện")

    def ready(self):
        from catalog.changes import PRODUCT_CHANGED
        from marketplace.outbox.registry import outbox_subscribe

        from . import receivers
        from .models import ChannelCategory
        from .push import TOPIC, push_enabled

        outbox_subscribe(PRODUCT_CHANGED, TOPIC, enabled=push_enabled)
        post_save.connect(receivers.category_saved, sender=ChannelCategory, dispatch_uid="channels.category.saved")
