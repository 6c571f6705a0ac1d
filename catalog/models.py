"""Oscar's catalogue with the OCOP programme's facts as real columns."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractCategory, AbstractProduct

from marketplace.core.divisions import (
    province_name,
    validate_province_code,
    validate_ward_code,
    ward_name,
)
from marketplace.core.html import sanitize_html


def localized_name(*, name: str, name_en: str, language: str | None = None) -> str:
    """The English name on English pages (``language``, the active one by default), else the Vietnamese.

    A thing without an English name keeps its Vietnamese one in every language.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    return name_en if name_en and language.split("-")[0].lower() == "en" else name


class BilingualName:
    """A model with a Vietnamese ``name`` and an English ``name_en``, shown in the page's language."""

    def localized_name(self, language: str | None = None) -> str:
        return localized_name(name=self.name, name_en=self.name_en, language=language)

    @property
    def display_name(self) -> str:
        """The name in the active language: what every page shows."""
        return self.localized_name()


class ProductGroup(BilingualName, models.Model):
    """One of the six product groups (ngành) of Decision 26/2026/QĐ-TTg, Appendix I."""

    code = models.CharField(_("mã"), max_length=8, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=200)
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
        return f"{self.code}. {self.display_name}"


class ProductSet(BilingualName, models.Model):
    """One of the 26 product sets (bộ sản phẩm), each scored on its own sheet."""

    number = models.PositiveSmallIntegerField(_("số bộ"), unique=True)
    code = models.CharField(_("mã"), max_length=16, unique=True)
    group = models.ForeignKey(ProductGroup, verbose_name=_("ngành"), on_delete=models.PROTECT, related_name="sets")
    name = models.CharField(_("tên"), max_length=300)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=300)
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
        return f"{self.number}. {self.display_name}"


class Category(BilingualName, AbstractCategory):
    # The categories of the product groups and sets mirror their English names (catalog.services.category_tree_sync),
    # so category pages, breadcrumbs and titles show them without asking for the group or set.
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)

    def get_meta_title(self) -> str:
        # meta_title is written in Vietnamese: an English page titles the category by its English name.
        name = self.display_name
        return name if name != self.name else super().get_meta_title()

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
    volume_ml = models.PositiveIntegerField(_("thể tích (ml)"), null=True, blank=True)
    shelf_life_days = models.PositiveIntegerField(_("hạn sử dụng (ngày)"), null=True, blank=True)
    certificate = models.ForeignKey(
        "ocop_rating.Certificate", verbose_name=_("chứng nhận OCOP hiện hành"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", db_column="ocop_certification_id",
    )
    # The OCOP badge: the stars the product shows and the last day it shows them. Written only by
    # ocop_rating.certificates (issue, revoke, expire, extend); read through stars_shown_on / badge_stars_expression.
    badge_stars = models.PositiveSmallIntegerField(_("hạng sao hiển thị"), null=True, blank=True, editable=False)
    badge_until = models.DateField(_("hiển thị hạng sao đến"), null=True, blank=True, editable=False)

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

    def stars_shown_on(self, day: datetime.date | None = None) -> int | None:
        """The stars the product's badge shows on ``day`` (today by default), or None.

        The SQL form of the same rule is ``badge_stars_expression``; a property test holds them together.
        """
        day = day or timezone.localdate()
        if self.badge_stars is not None and self.badge_until is not None and self.badge_until >= day:
            return self.badge_stars
        return None

    @property
    def valid_certificate(self):
        """The current certificate while it makes the product show its stars today, else None."""
        return self.certificate if self.stars_shown_on() is not None else None


from oscar.apps.catalogue.models import *  # noqa: E402, F403
