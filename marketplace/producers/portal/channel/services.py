"""Writes of the producer's postal channel setting: whether their products are listed on the channel.

The choice is the producer's own (it puts their goods on another sales channel), so staff doing assisted
listing are refused. Runs in one transaction and records the change with access.action_record.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.producers.models import Producer
from marketplace.producers.portal.access import PortalAccess, action_record


class ChannelSettingRefused(ValidationError):
    """A change of the channel setting refused, with a message for the producer; nothing was written."""


def producer_channel_opt_in_set(*, access: PortalAccess, opt_in: bool) -> bool:
    """Opt the producer in to (or out of) the postal channel; return whether the setting changed.

    Setting it to what it already is writes nothing.
    """
    if access.assisted:
        raise ChannelSettingRefused(_(
            "Việc đăng bán trên kênh bưu điện do chính chủ thể quyết định: nhân viên hỗ trợ đăng bán không được "
            "thay đổi. Hãy để người của chủ thể tự chọn."
        ), code="assisted")
    with transaction.atomic():
        producer = Producer.objects.select_for_update().get(pk=access.producer.pk)
        if producer.postal_channel_opt_in == opt_in:
            return False
        producer.postal_channel_opt_in = opt_in
        producer.postal_channel_opt_in_changed_at = timezone.now()
        producer.save(update_fields=["postal_channel_opt_in", "postal_channel_opt_in_changed_at"])
        action_record(access, "postal_channel_opt_in" if opt_in else "postal_channel_opt_out", producer)
    access.producer.postal_channel_opt_in = opt_in
    access.producer.postal_channel_opt_in_changed_at = producer.postal_channel_opt_in_changed_at
    return True
