"""Producers (chủ thể OCOP): the cooperatives and household businesses behind each product."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.core.divisions import (
    province_name,
    validate_province_code,
    validate_ward_code,
    ward_name,
)


class Producer(models.Model):
    class LegalForm(models.TextChoices):
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        FARM = "farm", _("Trang trại")
        HOUSEHOLD_BUSINESS = "household_business", _("Hộ kinh doanh")
        PRODUCTION_HOUSEHOLD = "production_household", _("Hộ sản xuất")
        ASSOCIATION = "association", _("Hiệp hội, trung tâm điều hành (du lịch)")

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("đối tác bán hàng"), on_delete=models.PROTECT, related_name="producer",
    )
    name = models.CharField(_("tên chủ thể"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True)
    legal_form = models.CharField(_("loại hình"), max_length=32, choices=LegalForm.choices)
    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"), validators=[validate_province_code])
    ward_code = models.PositiveIntegerField(_("xã/phường"), validators=[validate_ward_code], db_index=True)
    address_line = models.CharField(_("địa chỉ (thôn, số nhà)"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True, help_text=_("Văn bản thuần, không dùng HTML."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="producer_slug_not_empty"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("producers:detail", kwargs={"slug": self.slug})

    @property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)

    @property
    def province_name(self) -> str:
        return province_name(self.province_code)
