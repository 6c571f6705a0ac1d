"""Certificates of OCOP rating results (giấy chứng nhận), their status changes and their numbering.

Certificates change only through ``ocop_rating.certificates.services``, which also writes the product's
badge columns (``badge_stars``, ``badge_until``): the shop, the channel feed and search read those.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Certificate(models.Model):
    """A certificate of OCOP rating result (giấy chứng nhận), the only source of a product's star."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("còn hiệu lực")
        EXPIRED = "expired", _("hết hiệu lực")
        REVOKED = "revoked", _("đã thu hồi")

    class IssuingLevel(models.TextChoices):
        PROVINCE = "province", _("cấp tỉnh")
        CENTRAL = "central", _("cấp trung ương")

    VALIDITY_MONTHS = 36

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.CASCADE, related_name="certificates",
    )
    stars = models.PositiveSmallIntegerField(_("hạng sao"))
    code = models.CharField(_("mã số chứng nhận"), max_length=64, unique=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_level = models.CharField(_("cấp công nhận"), max_length=16, choices=IssuingLevel.choices)
    # Certificates issued before the portal under older decisions point at a sheetless, inactive version
    # named after that decision (migration 0012, the demo loader): the code alone is kept, not the sheets.
    criteria_version = models.ForeignKey(
        "ocop_rating.CriteriaVersion", verbose_name=_("phiên bản bộ tiêu chí"), on_delete=models.PROTECT,
        related_name="certificates",
    )
    score_total = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    issued_on = models.DateField(_("ngày cấp"))
    valid_until = models.DateField(_("có giá trị đến"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    revocation_reason = models.TextField(_("lý do thu hồi"), blank=True)
    revocation_decision_number = models.CharField(_("số quyết định thu hồi"), max_length=64, blank=True)
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    # A re-evaluation filed late keeps the certificate valid up to this day (≤ 180 days after valid_until).
    extended_until = models.DateField(_("gia hạn hiệu lực đến"), null=True, blank=True)
    reminder_sent_on = models.DateField(_("ngày nhắc đánh giá lại"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "catalogue_ocopcertification"  # created by the catalogue app, which owned it until 2026-11
        ordering = ["-issued_on"]
        verbose_name = _("chứng nhận OCOP")
        verbose_name_plural = _("chứng nhận OCOP")
        constraints = [
            models.CheckConstraint(condition=Q(stars__gte=3, stars__lte=5), name="ocopcert_stars_3_5"),
            models.CheckConstraint(condition=Q(valid_until__gt=models.F("issued_on")), name="ocopcert_valid_after_issue"),
            models.CheckConstraint(
                condition=Q(stars__lt=5) | Q(issuing_level="central"), name="ocopcert_five_stars_central",
            ),
            models.UniqueConstraint(
                fields=["product"], condition=Q(status="active"), name="ocopcert_one_active_per_product",
            ),
            models.CheckConstraint(
                condition=~Q(status="revoked") | ~Q(revocation_reason=""), name="ocopcert_revoked_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(extended_until__isnull=True) | Q(extended_until__gt=models.F("valid_until")),
                name="ocopcert_extension_after_expiry",
            ),
        ]

    def __str__(self):
        return f"{self.code} ({self.stars}★)"

    def clean(self):
        if self.issued_on and self.valid_until and self.valid_until <= self.issued_on:
            raise ValidationError({"valid_until": _("Ngày hết hạn phải sau ngày cấp.")})

    @property
    def valid_through(self) -> datetime.date:
        """The last day the certificate counts as valid: its expiry, or the late re-evaluation extension."""
        if self.extended_until and self.extended_until > self.valid_until:
            return self.extended_until
        return self.valid_until

    def is_valid(self, on: datetime.date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.status == self.Status.ACTIVE and self.valid_through >= on

    @property
    def has_expired(self) -> bool:
        return self.status == self.Status.EXPIRED or (
            self.status == self.Status.ACTIVE and self.valid_through < timezone.localdate()
        )


class CertificateEvent(models.Model):
    """One change of a certificate's status (who, when, from, to, why); written by ocop_rating only."""

    certificate = models.ForeignKey(
        Certificate, verbose_name=_("chứng nhận"), on_delete=models.CASCADE, related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    from_status = models.CharField(
        _("trạng thái trước"), max_length=16, choices=Certificate.Status.choices, blank=True,
    )
    to_status = models.CharField(_("trạng thái sau"), max_length=16, choices=Certificate.Status.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        db_table = "catalogue_ocopcertificationevent"
        ordering = ["at", "pk"]
        verbose_name = _("sự kiện chứng nhận OCOP")
        verbose_name_plural = _("sự kiện chứng nhận OCOP")

    def __str__(self):
        return f"{self.certificate_id}: {self.from_status or '-'} → {self.to_status}"


class CertificateSequence(models.Model):
    """The last certificate number (STT) used in a commune and year; its row lock serialises issuing there."""

    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"))
    ward_code = models.PositiveIntegerField(_("xã/phường"))
    year = models.PositiveSmallIntegerField(_("năm"))
    last_number = models.PositiveIntegerField(_("số thứ tự đã cấp gần nhất"), default=0)

    class Meta:
        verbose_name = _("số thứ tự giấy chứng nhận")
        verbose_name_plural = _("số thứ tự giấy chứng nhận")
        constraints = [
            models.UniqueConstraint(fields=["province_code", "ward_code", "year"], name="ocop_certseq_unique"),
        ]

    def __str__(self):
        return f"{self.province_code}-{self.ward_code}-{self.year}: {self.last_number}"
