"""Criteria versions and their sheets, parts, criteria and options: the official scoring sheets as data."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

STAR_MARKER_LEVELS = (3, 4, 5)


class CriteriaVersion(models.Model):
    """One set of rules (e.g. Decision 26/2026/QĐ-TTg); results keep the version they were scored under."""

    code = models.CharField(_("mã phiên bản"), max_length=32, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    effective_from = models.DateField(_("hiệu lực từ ngày"))
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    content_digest = models.CharField(
        _("dấu vân tay nội dung"), max_length=64, editable=False,
        help_text=_("SHA-256 của nội dung các phiếu đã nạp; nạp lại dữ liệu khác bị từ chối."),
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "code"]
        verbose_name = _("phiên bản bộ tiêu chí")
        verbose_name_plural = _("phiên bản bộ tiêu chí")

    def __str__(self):
        return self.code


class Sheet(models.Model):
    """The scoring sheet (phiếu đánh giá) of one product set within a criteria version."""

    version = models.ForeignKey(
        CriteriaVersion, verbose_name=_("phiên bản"), on_delete=models.CASCADE, related_name="sheets",
    )
    product_set = models.ForeignKey(
        "catalogue.ProductSet", verbose_name=_("bộ sản phẩm"), on_delete=models.PROTECT,
        related_name="criteria_sheets",
    )
    title = models.CharField(_("tên bộ sản phẩm trên phiếu"), max_length=300)
    disqualification = models.TextField(_("trường hợp hồ sơ bị loại"), blank=True)

    class Meta:
        ordering = ["version", "product_set__number"]
        verbose_name = _("phiếu đánh giá")
        verbose_name_plural = _("phiếu đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["version", "product_set"], name="ocop_sheet_unique_version_set"),
        ]

    def __str__(self):
        return f"{self.version} #{self.product_set.number}"


class Part(models.Model):
    """Part A, B or C of a sheet with its maximum (40/25/35 under 26/2026; taken from the file)."""

    class Code(models.TextChoices):
        A = "A", _("Phần A: Sản phẩm và sức mạnh của cộng đồng")
        B = "B", _("Phần B: Khả năng tiếp thị")
        C = "C", _("Phần C: Chất lượng sản phẩm")

    sheet = models.ForeignKey(Sheet, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="parts")
    code = models.CharField(_("phần"), max_length=1, choices=Code.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["sheet", "code"]
        verbose_name = _("phần của phiếu")
        verbose_name_plural = _("phần của phiếu")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="ocop_part_unique_sheet_code"),
            models.CheckConstraint(condition=Q(code__in=["A", "B", "C"]), name="ocop_part_code_abc"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="ocop_part_max_positive"),
        ]

    def __str__(self):
        return f"{self.code} ({self.max_points})"


class Criterion(models.Model):
    """A node of a sheet's criterion tree; leaves are scored by choosing an option (or 0/max if binary)."""

    sheet = models.ForeignKey(Sheet, verbose_name=_("phiếu"), on_delete=models.CASCADE, related_name="criteria")
    parent = models.ForeignKey(
        "self", verbose_name=_("tiêu chí cha"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="children",
    )
    part = models.CharField(_("phần"), max_length=1, choices=Part.Code.choices)
    code = models.CharField(_("mã tiêu chí"), max_length=16)
    name = models.TextField(_("tên tiêu chí"))
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=5, decimal_places=2)
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    is_leaf = models.BooleanField(_("là tiêu chí chấm điểm"))
    is_binary = models.BooleanField(
        _("đạt/không đạt"), default=False, help_text=_("Đạt được đủ điểm tối đa, không đạt được 0 điểm."),
    )
    knockout_note = models.TextField(
        _("ghi chú loại sản phẩm"), blank=True,
        help_text=_("Điều kiện khiến sản phẩm bị loại hoặc không được đánh giá tiếp."),
    )
    guidance_note = models.TextField(_("ghi chú hướng dẫn chấm"), blank=True)

    class Meta:
        ordering = ["sheet", "position"]
        verbose_name = _("tiêu chí")
        verbose_name_plural = _("tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "code"], name="ocop_criterion_unique_sheet_code"),
            models.CheckConstraint(condition=Q(part__in=["A", "B", "C"]), name="ocop_criterion_part_abc"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="ocop_criterion_max_positive"),
            models.CheckConstraint(
                condition=Q(is_binary=False) | Q(is_leaf=True), name="ocop_criterion_binary_only_leaf",
            ),
            models.CheckConstraint(
                condition=Q(knockout_note="") | Q(is_leaf=True), name="ocop_criterion_knockout_only_leaf",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name[:60]}"


class Option(models.Model):
    """One answer of a leaf criterion with its points and the star level it is the minimum for."""

    criterion = models.ForeignKey(
        Criterion, verbose_name=_("tiêu chí"), on_delete=models.CASCADE, related_name="options",
    )
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    label = models.TextField(_("nội dung"))
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2)
    min_star = models.PositiveSmallIntegerField(
        _("yêu cầu tối thiểu cho hạng sao"), null=True, blank=True,
        help_text=_("Phương án được đánh dấu ***/****/***** là mức tối thiểu phải đạt cho hạng sao đó."),
    )

    class Meta:
        ordering = ["criterion", "position"]
        verbose_name = _("phương án chấm")
        verbose_name_plural = _("phương án chấm")
        constraints = [
            models.UniqueConstraint(fields=["criterion", "position"], name="ocop_option_unique_position"),
            models.CheckConstraint(condition=Q(points__gte=0), name="ocop_option_points_not_negative"),
            models.CheckConstraint(
                condition=Q(min_star__isnull=True) | Q(min_star__in=STAR_MARKER_LEVELS),
                name="ocop_option_min_star_3_4_5",
            ),
        ]

    def __str__(self):
        return f"{self.points}: {self.label[:60]}"
