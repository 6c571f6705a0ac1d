"""Outbox messages: what must still be sent to the outside world, one pending row per (topic, key)."""

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """The latest content for one of our objects (``key``) that a topic's handler has still to deliver.

    Written only by ``marketplace.outbox.services``. While a worker delivers a batch, its rows carry
    that worker's ``claim_token`` and are not due before ``available_at`` (the lease); ``revision``
    counts the writes, so an outcome for content that changed during delivery is not taken for the
    new content.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("đang chờ gửi")
        DELIVERED = "delivered", _("đã gửi")
        PARKED = "parked", _("tạm dừng do lỗi")

    topic = models.CharField(_("chủ đề"), max_length=64)
    key = models.CharField(_("khoá"), max_length=255)
    payload = models.JSONField(_("nội dung"), encoder=DjangoJSONEncoder)
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.PENDING)
    revision = models.PositiveIntegerField(_("lần ghi"), default=1)
    attempts = models.PositiveIntegerField(_("số lần thử"), default=0)
    available_at = models.DateTimeField(_("gửi từ lúc"), default=timezone.now)
    claim_token = models.UUIDField(_("mã nhận xử lý"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    delivered_at = models.DateTimeField(_("gửi xong lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("thư trong hộp thư đi")
        verbose_name_plural = _("hộp thư đi")
        permissions = [("retry_outboxmessage", _("Có thể gửi lại thư bị tạm dừng"))]
        indexes = [
            # The drain query: due pending messages of one topic, oldest first.
            models.Index(fields=["topic", "status", "available_at"], name="outbox_drain_idx"),
            # Delivered per day (the dashboard) and pruning old delivered rows.
            models.Index(fields=["status", "delivered_at"], name="outbox_delivered_idx"),
            # The state of one key (a listing's sync state): its pending, parked and newest delivered message.
            models.Index(fields=["topic", "key", "status"], name="outbox_key_idx"),
        ]
        constraints = [
            # Writing again for a key updates its pending row: nothing is sent twice for one burst.
            models.UniqueConstraint(
                fields=["topic", "key"], condition=models.Q(status="pending"), name="outbox_one_pending_per_key",
            ),
            models.CheckConstraint(condition=~models.Q(topic=""), name="outbox_topic_not_empty"),
            models.CheckConstraint(
                condition=models.Q(status="delivered", delivered_at__isnull=False)
                | (~models.Q(status="delivered") & models.Q(delivered_at__isnull=True)),
                name="outbox_delivered_at_iff_delivered",
            ),
        ]

    def __str__(self):
        return f"{self.topic}:{self.key} ({self.status})"
