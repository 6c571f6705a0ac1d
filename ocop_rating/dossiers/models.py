"""A producer's dossier, its self-assessment and evidence files, and the commune's check.

Statuses change only through ``ocop_rating.dossiers.services``."""

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024


class Dossier(models.Model):
    """A producer's application (hồ sơ sản phẩm, Mẫu 01 + Mẫu 02) for one product to be rated."""

    class Kind(models.TextChoices):
        FIRST = "first", _("Đánh giá lần đầu")
        UPGRADE = "upgrade", _("Nâng hạng")
        RE_EVALUATION = "re_evaluation", _("Đánh giá lại")

    class Status(models.TextChoices):
        DRAFT = "draft", _("đang soạn")
        SUBMITTED = "submitted", _("đã nộp, chờ xã kiểm tra")
        RETURNED = "returned", _("xã trả lại để bổ sung")
        FORWARDED = "forwarded", _("xã đã chuyển lên tỉnh")
        IN_ROUND = "in_round", _("đang được hội đồng đánh giá")
        FINALISED = "finalised", _("hội đồng đã chốt kết quả")
        PROPOSED_CENTRAL = "proposed_central", _("đề nghị trung ương công nhận 5 sao")
        RECOGNISED = "recognised", _("đã công nhận")
        NOT_RECOGNISED = "not_recognised", _("không được công nhận")

    class Gender(models.TextChoices):
        FEMALE = "female", _("Nữ")
        MALE = "male", _("Nam")
        OTHER = "other", _("Khác")

    CLOSED_STATUSES = (Status.RECOGNISED, Status.NOT_RECOGNISED)
    EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)

    product = models.ForeignKey(
        "catalogue.Product", verbose_name=_("sản phẩm"), on_delete=models.PROTECT, related_name="ocop_dossiers",
    )
    producer = models.ForeignKey(
        "producers.Producer", verbose_name=_("chủ thể"), on_delete=models.PROTECT, related_name="ocop_dossiers",
    )
    kind = models.CharField(_("loại đánh giá"), max_length=16, choices=Kind.choices)
    product_set = models.ForeignKey(
        "catalogue.ProductSet", verbose_name=_("bộ sản phẩm"), on_delete=models.PROTECT, related_name="+",
    )
    criteria_version = models.ForeignKey(
        "ocop_rating.CriteriaVersion", verbose_name=_("phiên bản bộ tiêu chí"), on_delete=models.PROTECT, related_name="dossiers",
    )
    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"))
    ward_code = models.PositiveIntegerField(_("xã/phường nộp hồ sơ"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    round = models.ForeignKey(
        "EvaluationRound", verbose_name=_("đợt đánh giá"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="dossiers",
    )
    previous_certificate = models.ForeignKey(
        "ocop_rating.Certificate", verbose_name=_("giấy chứng nhận đang có"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="later_dossiers",
        help_text=_("Chứng nhận được nâng hạng hoặc đánh giá lại bởi hồ sơ này."),
    )
    # Mẫu 01: phiếu đăng ký sản phẩm.
    legal_representative_name = models.CharField(_("họ tên người đại diện theo pháp luật"), max_length=200,
                                                 blank=True)
    legal_representative_gender = models.CharField(_("giới tính"), max_length=8, choices=Gender.choices,
                                                   blank=True)
    legal_representative_ethnicity = models.CharField(_("dân tộc"), max_length=60, blank=True)
    contact_phone = models.CharField(_("số điện thoại liên hệ"), max_length=20, blank=True)
    business_registration_number = models.CharField(_("số đăng ký kinh doanh"), max_length=60, blank=True)
    product_name = models.CharField(_("tên sản phẩm đăng ký"), max_length=255, blank=True)
    sample_count = models.PositiveSmallIntegerField(_("số lượng mẫu sản phẩm"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    commune_deadline = models.DateField(_("hạn xã xử lý"), null=True, blank=True)
    returned_reason = models.TextField(_("lý do trả lại"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("hồ sơ đánh giá OCOP")
        verbose_name_plural = _("hồ sơ đánh giá OCOP")
        constraints = [
            models.UniqueConstraint(
                fields=["product"], condition=~Q(status__in=["recognised", "not_recognised"]),
                name="ocop_dossier_one_open_per_product",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft"]) | Q(submitted_at__isnull=False, commune_deadline__isnull=False),
                name="ocop_dossier_submitted_has_deadline",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(returned_reason=""), name="ocop_dossier_returned_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "returned", "forwarded"]) | Q(round__isnull=False),
                name="ocop_dossier_in_round_has_round",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.product_name or self.product_id}"


class DossierEvent(models.Model):
    """One step of a dossier's history (who, when, from, to, why)."""

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    from_status = models.CharField(_("từ trạng thái"), max_length=20, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=20)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("lịch sử hồ sơ")
        verbose_name_plural = _("lịch sử hồ sơ")

    def __str__(self):
        return f"{self.dossier_id}: {self.from_status} → {self.to_status}"


class SelfAssessment(models.Model):
    """The producer's own score on one leaf criterion (Mẫu 02, part III) with its evidence note."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="self_assessments",
    )
    criterion = models.ForeignKey("ocop_rating.Criterion", verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        "ocop_rating.Option", verbose_name=_("phương án"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    points = models.DecimalField(_("điểm tự chấm"), max_digits=5, decimal_places=2)
    evidence_note = models.TextField(_("minh chứng"), blank=True)

    class Meta:
        ordering = ["dossier", "criterion__position"]
        verbose_name = _("tự đánh giá")
        verbose_name_plural = _("tự đánh giá")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "criterion"], name="ocop_selfassessment_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="ocop_selfassessment_points_not_negative"),
        ]

    def __str__(self):
        return f"{self.dossier_id} {self.criterion_id}: {self.points}"


def private_storage():
    """Where evidence files live: the "private" storage, which the web server does not publish."""
    return storages["private"]


class EvidenceFile(models.Model):
    """A document proving a self-assessed score (PDF, JPEG or PNG up to 10 MB, checked by content)."""

    class Kind(models.TextChoices):
        # The evidence list recommended in Mẫu 02 (DOMAIN.md §4.2).
        BUSINESS_REGISTRATION = "business_registration", _("Giấy đăng ký kinh doanh")
        PRODUCTION_CONDITIONS = "production_conditions", _("Giấy chứng nhận đủ điều kiện sản xuất")
        RAW_MATERIAL_ORIGIN = "raw_material_origin", _("Nguồn gốc nguyên liệu, hợp đồng liên kết chuỗi, hóa đơn")
        ENVIRONMENT = "environment", _("Hồ sơ môi trường và hình ảnh")
        LOCAL_LABOUR = "local_labour", _("Danh sách lao động địa phương có bảo hiểm, nơi cư trú")
        FINANCIAL = "financial", _("Xếp loại hợp tác xã hoặc báo cáo tài chính 2 năm")
        INTELLECTUAL_PROPERTY = "intellectual_property", _("Tài liệu sở hữu trí tuệ")
        DISTRIBUTION = "distribution", _("Hợp đồng, hóa đơn phân phối, xuất khẩu, xúc tiến thương mại")
        PROMOTION = "promotion", _("Minh chứng website, quảng bá")
        PRODUCT_STORY = "product_story", _("Tờ rơi, video câu chuyện sản phẩm")
        QUALITY_DECLARATION = "quality_declaration", _("Bản công bố chất lượng")
        TEST_REPORTS = "test_reports", _("Phiếu kết quả kiểm nghiệm theo tiêu chuẩn công bố")
        TRACEABILITY = "traceability", _("Mã vạch, tem truy xuất nguồn gốc")
        QUALITY_MANAGEMENT = "quality_management", _("Chứng nhận hệ thống quản lý chất lượng")
        AWARDS = "awards", _("Giải thưởng")
        OTHER = "other", _("Tài liệu khác")

    dossier = models.ForeignKey(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("loại minh chứng"), max_length=32, choices=Kind.choices)
    file = models.FileField(_("tệp"), upload_to="ocop/dossiers/%Y/", max_length=255, storage=private_storage)
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=32)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)
    # Set only by services.evidence_statement_attach: a statement the marketplace generated from its own
    # records (listing and sales), not a document the producer uploaded.
    generated_by_marketplace = models.BooleanField(_("do sàn lập"), default=False)

    class Meta:
        ordering = ["dossier", "kind", "uploaded_at"]
        verbose_name = _("tệp minh chứng")
        verbose_name_plural = _("tệp minh chứng")
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0, size__lte=MAX_EVIDENCE_BYTES), name="ocop_evidence_size_limit",
            ),
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="ocop_evidence_content_type",
            ),
        ]

    def __str__(self):
        return self.original_name


class CommuneAssessment(models.Model):
    """The commune's check of the four local items (Mẫu 03) made when it forwards a dossier."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="commune_assessments",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("cán bộ xã"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    assessed_on = models.DateField(_("ngày đánh giá"))
    local_raw_materials_ok = models.BooleanField(_("nguyên liệu địa phương đạt"))
    local_raw_materials_note = models.TextField(_("ghi chú nguyên liệu"), blank=True)
    local_labour_ok = models.BooleanField(_("lao động địa phương đạt"))
    local_labour_note = models.TextField(_("ghi chú lao động"), blank=True)
    idea_origin_ok = models.BooleanField(_("nguồn gốc ý tưởng đạt"))
    idea_origin_note = models.TextField(_("ghi chú nguồn gốc ý tưởng"), blank=True)
    local_identity_ok = models.BooleanField(_("tính đặc trưng địa phương đạt"))
    local_identity_note = models.TextField(_("ghi chú tính đặc trưng"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dossier", "-created_at"]
        verbose_name = _("đánh giá của xã")
        verbose_name_plural = _("đánh giá của xã")

    def __str__(self):
        return f"{self.dossier_id} ({self.assessed_on})"


class CommuneOfficer(models.Model):
    """A commune officer and the commune/ward whose dossiers they check (a user may cover several)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE,
        related_name="ocop_communes",
    )
    ward_code = models.PositiveIntegerField(_("xã/phường"), db_index=True)

    class Meta:
        verbose_name = _("cán bộ xã")
        verbose_name_plural = _("cán bộ xã")
        constraints = [
            models.UniqueConstraint(fields=["user", "ward_code"], name="ocop_communeofficer_unique"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.ward_code}"
