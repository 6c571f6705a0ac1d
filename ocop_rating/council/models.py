"""Evaluation rounds and their council: seats, conflicts of interest, assignments and scoring sheets.

Statuses change only through ``ocop_rating.council.services``."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ocop_rating.results.scoring import PerCriterion


def _policy_constraints(prefix: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(quorum_numerator__gt=0, quorum_denominator__gte=models.F("quorum_numerator")),
            name=f"{prefix}_quorum_fraction",
        ),
        models.CheckConstraint(condition=Q(max_spread__gte=0), name=f"{prefix}_max_spread_not_negative"),
        models.CheckConstraint(
            condition=Q(per_criterion__in=PerCriterion.values), name=f"{prefix}_per_criterion_known",
        ),
    ]


def _per_criterion_field(**kwargs) -> models.CharField:
    return models.CharField(
        _("mức sao tối thiểu theo từng tiêu chí"), max_length=8, choices=PerCriterion.choices,
        default=PerCriterion.MEAN, **kwargs,
    )


class ProvincePolicy(models.Model):
    """A province's council rules (quorum, maximum spread, per-criterion rule); copied onto each new round."""

    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"), unique=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu (tử số)"), default=3)
    quorum_denominator = models.PositiveSmallIntegerField(_("tỉ lệ tối thiểu (mẫu số)"), default=4)
    max_spread = models.DecimalField(_("chênh lệch tối đa (điểm)"), max_digits=5, decimal_places=2, default=10)
    per_criterion = _per_criterion_field(help_text=_(
        "Điểm trung bình (như bảng tổng hợp của hội đồng): mức sao tối thiểu của một phương án chỉ đạt khi "
        "điểm trung bình của các thành viên ở tiêu chí đó bằng hoặc cao hơn điểm của phương án. Trung vị: "
        "lấy phương án ở giữa các lựa chọn của thành viên (số thành viên chẵn thì lấy phương án thấp hơn). "
        "Chỉ áp dụng cho các đợt đánh giá mở sau khi thay đổi."
    ))

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
    per_criterion = _per_criterion_field()
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
    """A seat on a round's council: the chair and members score; the secretary keeps the minutes, never scores."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chủ tịch hội đồng")
        MEMBER = "member", _("Thành viên")
        SECRETARY = "secretary", _("Thư ký hội đồng")

    SCORING_ROLES = (Role.CHAIR, Role.MEMBER)

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="council",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.PROTECT,
        related_name="ocop_council_seats",
    )
    role = models.CharField(_("vai trò"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["round", "role", "pk"]
        verbose_name = _("thành viên hội đồng")
        verbose_name_plural = _("thành viên hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="ocop_councilmember_unique"),
            models.UniqueConstraint(fields=["round"], condition=Q(role="chair"), name="ocop_council_one_chair"),
            models.UniqueConstraint(
                fields=["round"], condition=Q(role="secretary"), name="ocop_council_one_secretary",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()})"


class Assignment(models.Model):
    """A council member asked to score one dossier of the round."""

    round = models.ForeignKey(
        EvaluationRound, verbose_name=_("đợt đánh giá"), on_delete=models.CASCADE, related_name="assignments",
    )
    dossier = models.ForeignKey(
        "ocop_rating.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="assignments",
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
        "ocop_rating.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="conflicts",
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
    criterion = models.ForeignKey("ocop_rating.Criterion", verbose_name=_("tiêu chí"), on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(
        "ocop_rating.Option", verbose_name=_("phương án"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
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
