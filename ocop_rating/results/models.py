"""Each dossier's result: the computed and finalised star, and the decision recorded on it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Result(models.Model):
    """The council's result for a dossier, computed only by results.result_compute."""

    class Status(models.TextChoices):
        COMPUTED = "computed", _("đã tính")
        FINALISED = "finalised", _("hội đồng đã chốt")
        PROPOSED_CENTRAL = "proposed_central", _("đề nghị trung ương")
        DECIDED = "decided", _("đã có quyết định")

    dossier = models.OneToOneField("ocop_rating.Dossier", verbose_name=_("hồ sơ"), on_delete=models.CASCADE, related_name="result")
    round = models.ForeignKey(
        "ocop_rating.EvaluationRound", verbose_name=_("đợt đánh giá"), on_delete=models.PROTECT, related_name="results",
    )
    criteria_version = models.ForeignKey(
        "ocop_rating.CriteriaVersion", verbose_name=_("phiên bản bộ tiêu chí"), on_delete=models.PROTECT, related_name="results",
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
        "ocop_rating.Certificate", verbose_name=_("giấy chứng nhận"), null=True, blank=True,
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
