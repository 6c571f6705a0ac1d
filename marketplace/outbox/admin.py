from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from marketplace.core.admin import ReadOnlyAdmin

from .models import OutboxMessage
from .services import outbox_retry


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Read-only: messages change only through the outbox services; staff with the permission retry parked ones."""

    list_display = ["topic", "key", "status", "attempts", "available_at", "last_error", "delivered_at"]
    list_filter = ["status", "topic"]
    search_fields = ["key"]
    ordering = ["-id"]
    actions = ["retry"]
    show_full_result_count = False

    def has_retry_permission(self, request):
        return request.user.has_perm("outbox.retry_outboxmessage")

    @admin.action(permissions=["retry"], description=_("Gửi lại các thư bị tạm dừng đã chọn"))
    def retry(self, request, queryset):
        chosen = queryset.filter(status=OutboxMessage.Status.PARKED).values_list("topic", "key").distinct()
        revived = 0
        for topic, key in chosen:
            revived += outbox_retry(topic=topic, keys=[key])
        self.message_user(
            request,
            ngettext("Đã đưa %(count)d thư trở lại hàng chờ gửi.", "Đã đưa %(count)d thư trở lại hàng chờ gửi.",
                     revived) % {"count": revived},
            messages.SUCCESS,
        )
