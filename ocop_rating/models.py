"""Criteria versions (the official scoring sheets as data) and the rating workflow built on them."""

from django.conf import settings
from django.core.files.storage import storages
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


# ---------------------------------------------------------------------------------------------
# The rating workflow: dossiers, the commune check, rounds and councils, blind scoring, results.
# Statuses change only through the transition functions in dossiers.py / rounds.py / results.py.
# ---------------------------------------------------------------------------------------------

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
        CriteriaVersion, verbose_name=_("phiên bản bộ tiêu chí"), on_delete=models.PROTECT, related_name="dossiers",
    )
    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"))
    ward_code = models.PositiveIntegerField(_("xã/phường nộp hồ sơ"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    round = models.ForeignKey(
        "EvaluationRound", verbose_name=_("đợt đánh giá"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="dossiers",
    )
    previous_certificate = models.ForeignKey(
        "catalogue.OcopCertification", verbose_name=_("giấy chứng nhận đang có"), null=True, blank=True,
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
        Dossier, verbose_name=_("hồ sơ"), null=True, blank=True, on_delete=models.CASCADE, related_name="audit",
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


class SelfAssessment(models.Model):
    """The producer's own score on one leaf criterion (Mẫu 02, part III) with its evidence note."""

    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="self_assessments",
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        Option, verbose_name=_("phương án"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
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


def _policy_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(quorum_numerator__gt=0, quorum_denominator__gte=models.F("quorum_numerator")),
            name=f"{prefix}_quorum_fraction",
        ),
        models.CheckConstraint(condition=Q(max_spread__gte=0), name=f"{prefix}_max_spread_not_negative"),
    ]


class ProvincePolicy(models.Model):
    """A province's council rules (quorum, maximum spread); copied onto each new round."""

    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"), unique=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu (tử số)"), default=3)
    quorum_denominator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu (mẫu số)"), default=4)
    max_spread = models.DecimalField(_("chênh lệch tối đa (điểm)"), max_digits=5, decimal_places=2, default=10)

    class Meta:
        verbose_name = _("quy chế hội đồng cấp tỉnh")
        verbose_name_plural = _("quy chế hội đồng cấp tỉnh")
        constraints = _policy_constraints("ocop_provincepolicy")

    def __str__(self):
        return str(self.province_code)


class EvaluationRound(models.Model):
    """A provincial evaluation round (đợt đánh giá) with its council and the policy it runs under."""

    class Status(models.TextChoices):
        OPEN = "open", _("đang lập hội đồng")
        SCORING = "scoring", _("đang chấm điểm")
        FINALISED = "finalised", _("đã kết thúc")

    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"))
    name = models.CharField(_("tên đợt"), max_length=200)
    opens_on = models.DateField(_("ngày mở"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.OPEN)
    quorum_numerator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu (tử số)"), default=3)
    quorum_denominator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu (mẫu số)"), default=4)
    max_spread = models.DecimalField(_("chênh lệch tối đa (điểm)"), max_digits=5, decimal_places=2, default=10)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("đợt đánh giá")
        verbose_name_plural = _("đợt đánh giá")
        constraints = _policy_constraints("ocop_round")

    def __str__(self):
        return self.name


class CouncilMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch hội đồng")
        MEMBER = "member", _("Thành viên")

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="council",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.PROTECT,
        related_name="ocop_council_seats",
    )
    role = models.CharField(_("vai trò"), max_length=8, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["round", "role", "pk"]
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="ocop_councilmember_unique"),
            models.UniqueConstraint(fields=["round"], condition=Q(role="chair"), name="ocop_council_one_chair"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Assignment(models.Model):
    """A council member asked to score one dossier of the round."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="assignments",
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="assignments",
    )
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("thành viên"), on_delete=models.CASCADE, related_name="assignments",
    )

    class Meta:
        ordering = ["dossier", "member"]
        verbose_name = _("phân công chấm")
        verbose_name_plural = _("phân công chấm")
        constraints = [
            models.UniqueConstraint(fields=["dossier", "member"], name="ocop_assignment_unique"),
        ]

    def __str__(self):
        return f"{self.dossier_id} → {self.member_id}"


class ConflictDeclaration(models.Model):
    member = models.ForeignKey(
        CouncilMember, verbose_name=_("thành viên"), on_delete=models.CASCADE, related_name="conflicts",
    )
    dossier = models.ForeignKey(
        Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="conflicts",
    )
    has_conflict = models.BooleanField(_("có xung đột lợi ích"))
    note = models.TextField(_("ghi chú"), blank=True)
    declared_at = models.DateTimeField(_("ngày khai"), auto_now=True)

    class Meta:
        verbose_name = _("khai báo xung đột lợi ích")
        verbose_name_plural = _("khai báo xung đột lợi ích")
        constraints = [
            models.UniqueConstraint(fields=["member", "dossier"], name="ocop_conflict_unique"),
        ]

    def __str__(self):
        return f"{self.member_id} / {self.dossier_id}: {self.has_conflict}"


class Scorecard(models.Model):
    """One member's scoring sheet for one dossier (phiếu đánh giá của từng thành viên)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("đang chấm")
        SUBMITTED = "submitted", _("đã nộp")
        REOPENED = "reopened", _("mở lại để chấm lại")
        LOCKED = "locked", _("đã khóa")

    EDITABLE_STATUSES = (Status.DRAFT, Status.REOPENED)

    assignment = models.OneToOneField(
        Assignment, verbose_name=_("phân công"), on_delete=models.CASCADE, related_name="scorecard",
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("ngày nộp"), null=True, blank=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    part_a = models.DecimalField(_("phần A"), max_digits=5, decimal_places=2, null=True, blank=True)
    part_b = models.DecimalField(_("phần B"), max_digits=5, decimal_places=2, null=True, blank=True)
    part_c = models.DecimalField(_("phần C"), max_digits=5, decimal_places=2, null=True, blank=True)
    comments = models.TextField(_("ý kiến người đánh giá"), blank=True)

    class Meta:
        verbose_name = _("phiếu chấm")
        verbose_name_plural = _("phiếu chấm")
        constraints = [
            models.CheckConstraint(
                condition=Q(total__isnull=True) | Q(total__gte=0, total__lte=100), name="ocop_scorecard_total_0_100",
            ),
            models.CheckConstraint(
                condition=~Q(status="submitted") | Q(submitted_at__isnull=False, total__isnull=False),
                name="ocop_scorecard_submitted_has_total",
            ),
        ]

    def __str__(self):
        return f"{self.assignment_id} ({self.status})"


class ScoreEntry(models.Model):
    scorecard = models.ForeignKey(
        Scorecard, verbose_name=_("phiếu chấm"), on_delete=models.CASCADE, related_name="entries",
    )
    criterion = models.ForeignKey(Criterion, verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        Option, verbose_name=_("phương án"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    points = models.DecimalField(_("điểm"), max_digits=5, decimal_places=2, null=True, blank=True)
    knockout = models.BooleanField(_("thuộc trường hợp bị loại"), default=False)

    class Meta:
        ordering = ["scorecard", "criterion__position"]
        verbose_name = _("điểm tiêu chí")
        verbose_name_plural = _("điểm tiêu chí")
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="ocop_scoreentry_unique"),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="ocop_scoreentry_points_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=False) | Q(knockout=True), name="ocop_scoreentry_points_or_knockout",
            ),
        ]

    def __str__(self):
        return f"{self.scorecard_id} {self.criterion_id}: {self.points}"


class Result(models.Model):
    """The council's result for a dossier, computed only by results.result_compute."""

    class Status(models.TextChoices):
        COMPUTED = "computed", _("đã tính")
        FINALISED = "finalised", _("hội đồng đã chốt")
        PROPOSED_CENTRAL = "proposed_central", _("đề nghị trung ương")
        DECIDED = "decided", _("đã có quyết định")

    dossier = models.OneToOneField(Dossier, verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="result")
    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT, related_name="results",
    )
    criteria_version = models.ForeignKey(
        CriteriaVersion, verbose_name=_("phiên bản bộ tiêu chí"), on_delete=models.PROTECT, related_name="results",
    )
    member_totals = models.JSONField(_("tổng điểm từng thành viên"), default=list)
    council_size = models.PositiveSmallIntegerField(_("số thành viên được phân công"))
    average = models.DecimalField(_("điểm trung bình"), max_digits=5, decimal_places=2)
    band = models.PositiveSmallIntegerField(_("hạng theo điểm"))
    cap = models.PositiveSmallIntegerField(_("hạng tối đa theo yêu cầu tối thiểu"))
    star = models.PositiveSmallIntegerField(_("hạng sao"), null=True, blank=True)
    spread = models.DecimalField(_("chênh lệch"), max_digits=5, decimal_places=2)
    eliminated = models.BooleanField(_("bị loại"), default=False)
    eliminated_leaf = models.CharField(_("tiêu chí loại"), max_length=16, blank=True)
    can_finalise = models.BooleanField(_("đủ điều kiện chốt"), default=False)
    reasons = models.JSONField(_("lý do chưa thể chốt"), default=list)
    proposed_to_central = models.BooleanField(_("đề nghị trung ương"), default=False)
    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.COMPUTED)
    computed_at = models.DateTimeField(_("thời điểm tính"))
    finalised_at = models.DateTimeField(_("thời điểm chốt"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=64, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    central_decision_number = models.CharField(_("số quyết định trung ương"), max_length=64, blank=True)
    central_decision_date = models.DateField(_("ngày quyết định trung ương"), null=True, blank=True)
    central_score = models.DecimalField(
        _("điểm của hội đồng trung ương"), max_digits=5, decimal_places=2, null=True, blank=True,
        help_text=_("Chỉ ghi khi trung ương chấm dưới 90 điểm và không công nhận 5 sao."),
    )
    certificate = models.ForeignKey(
        "catalogue.OcopCertification", verbose_name=_("giấy chứng nhận"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        verbose_name = _("kết quả đánh giá")
        verbose_name_plural = _("kết quả đánh giá")
        constraints = [
            models.CheckConstraint(
                condition=Q(star__isnull=True) | Q(star__gte=1, star__lte=5), name="ocop_result_star_1_5",
            ),
            models.CheckConstraint(
                condition=Q(eliminated=True, star__isnull=True) | Q(eliminated=False, star__isnull=False),
                name="ocop_result_star_unless_eliminated",
            ),
            models.CheckConstraint(condition=Q(band__gte=1, band__lte=5), name="ocop_result_band_1_5"),
            models.CheckConstraint(condition=Q(cap__gte=2, cap__lte=5), name="ocop_result_cap_2_5"),
            models.CheckConstraint(
                condition=Q(average__gte=0, average__lte=100), name="ocop_result_average_0_100",
            ),
            models.CheckConstraint(
                condition=Q(status="computed") | Q(can_finalise=True), name="ocop_result_finalised_only_if_allowed",
            ),
            models.CheckConstraint(
                condition=Q(certificate__isnull=True) | Q(star__gte=3), name="ocop_result_certificate_3_stars_up",
            ),
            models.CheckConstraint(
                condition=Q(central_score__isnull=True) | Q(central_score__gte=0, central_score__lt=90),
                name="ocop_result_central_score_below_90",
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {self.star or '-'}★ ({self.average})"


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
