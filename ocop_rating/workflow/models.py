"""The audit trail shared by every stage of the rating workflow."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """The audit trail of everything else: rounds, scorecards, results, and every refused attempt."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    action = models.CharField(_("thao tác"), max_length=64)
    target = models.CharField(_("đối tượng"), max_length=64, blank=True, help_text=_("Ví dụ: scorecard:12"))
    dossier = models.ForeignKey(
        "ocop_rating.Dossier", verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.CASCADE, related_name="audit",
    )
    round = models.ForeignKey(
        "EvaluationRound", verbose_name=_("đợt đánh giá"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="audit",
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=20, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=20, blank=True)
    refused = models.BooleanField(_("bị từ chối"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("nhật ký kiểm tra")
        verbose_name_plural = _("nhật ký kiểm tra")

    def __str__(self):
        return f"{self.action} {self.target} ({self.at:%Y-%m-%d %H:%M})"
