"""Oscar's catalogue with the OCOP programme's facts as real columns."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct

from marketplace.core.divisions import (
    province_name,
    validate_province_code,
    validate_ward_code,
    ward_name,
)
from marketplace.core.html import sanitize_html


class ProductGroup(models.Model):
    """One of the six product groups (ngành) of Decision 26/2026/QĐ-TTg, Appendix I."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    category = models.OneToOneField(
        "catalogue.Category", verbose_name=_("danh mục"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ocop_group",
    )

    class Meta:
        ordering = ["position"]
        verbose_name = _("ngành sản phẩm OCOP")
        verbose_name_plural = _("ngành sản phẩm OCOP")

    def __str__(self):
        return f"{self.code}. {self.name}"


class ProductSet(models.Model):
    """One of the 26 product sets (bộ sản phẩm), each scored on its own sheet."""

    number = models.PositiveSmallIntegerField(_("số bộ"), unique=True)
    code = models.CharField(_("mã"), max_length=16, unique=True)
    group = models.ForeignKey(ProductGroup, verbose_name=_("ngành"), on_delete=models.PROTECT, related_name="sets")
    name = models.CharField(_("tên"), max_length=300)
    category = models.OneToOneField(
        "catalogue.Category", verbose_name=_("danh mục"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="ocop_set",
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("bộ sản phẩm OCOP")
        verbose_name_plural = _("bộ sản phẩm OCOP")
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=26), name="productset_number_1_26"),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"


class Category(AbstractCategory):
    def save(self, *args, **kwargs):
        # Oscar renders both descriptions |safe: clean them here, whoever wrote them.
        self.description = sanitize_html(self.description)
        self.long_description = sanitize_html(self.long_description)
        super().save(*args, **kwargs)


@dataclass(frozen=True)
class MissingImage:
    """Stands in for a product photo that does not exist (only its name is ever read)."""

    name: str


class Product(AbstractProduct):
    ocop_set = models.ForeignKey(
        ProductSet, verbose_name=_("bộ sản phẩm OCOP"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="products",
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("chủ thể sản xuất"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="products",
    )
    origin_province_code = models.PositiveIntegerField(
        _("tỉnh/thành xuất xứ"), null=True, blank=True, validators=[validate_province_code], db_index=True,
    )
    origin_ward_code = models.PositiveIntegerField(
        _("xã/phường xuất xứ"), null=True, blank=True, validators=[validate_ward_code], db_index=True,
    )
    weight_grams = models.PositiveIntegerField(_("khối lượng (gam)"), default=0)
    ocop_certification = models.ForeignKey(
        "catalogue.OcopCertification", verbose_name=_("chứng nhận OCOP hiện hành"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=Q(origin_ward_code__isnull=True) | Q(origin_province_code__isnull=False),
                name="product_ward_needs_province",
            ),
        ]

    def save(self, *args, **kwargs):
        # Oscar renders description|safe: clean it here, whoever wrote it.
        self.description = sanitize_html(self.description)
        super().save(*args, **kwargs)

    def get_missing_image(self):
        # Oscar's MissingProductImage symlinks into MEDIA_ROOT on first use, and concurrent
        # first renders race on it; our thumbnailer serves the static placeholder instead.
        return MissingImage(settings.OSCAR_MISSING_IMAGE_URL)

    @property
    def origin_ward_name(self) -> str:
        return ward_name(self.origin_ward_code)

    @property
    def origin_province_name(self) -> str:
        return province_name(self.origin_province_code)

    @property
    def valid_ocop_certification(self):
        """The current certificate if it is valid today, else None (stars are shown only then)."""
        certification = self.ocop_certification
        if certification is not None and certification.is_valid():
            return certification
        return None


class OcopCertification(models.Model):
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
        "catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.CASCADE, related_name="ocop_certifications",
    )
    stars = models.PositiveSmallIntegerField(_("hạng sao"))
    code = models.CharField(_("mã số chứng nhận"), max_length=64, unique=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64)
    decision_date = models.DateField(_("ngày quyết định"))
    issuing_level = models.CharField(_("cấp công nhận"), max_length=16, choices=IssuingLevel.choices)
    criteria_version = models.CharField(_("phiên bản bộ tiêu chí"), max_length=32, default="QD26-2026")
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


class OcopCertificationEvent(models.Model):
    """One change of a certificate's status (who, when, from, to, why); written by ocop_rating only."""

    certificate = models.ForeignKey(
        OcopCertification, verbose_name=_("chứng nhận"), on_delete=models.CASCADE, related_name="events",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    from_status = models.CharField(
        _("trạng thái trước"), max_length=16, choices=OcopCertification.Status.choices, blank=True,
    )
    to_status = models.CharField(_("trạng thái sau"), max_length=16, choices=OcopCertification.Status.choices)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("sự kiện chứng nhận OCOP")
        verbose_name_plural = _("sự kiện chứng nhận OCOP")

    def __str__(self):
        return f"{self.certificate_id}: {self.from_status or '-'} → {self.to_status}"


from oscar.apps.catalogue.models import *  # noqa: E402, F403
