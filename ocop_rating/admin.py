"""Criteria are loaded from the official files (``load_criteria``) and the workflow changes only through
its services (each package's services.py): the admin only shows them."""

from django.contrib import admin

from marketplace.core.admin import ReadOnlyAdmin
from ocop_rating.certificates.models import Certificate
from ocop_rating.council.selectors import REVEALED_RESULT_STATUSES, scorecards_visible_to
from ocop_rating.models import (
    Assignment,
    AuditEvent,
    CommuneAssessment,
    CommuneOfficer,
    ConflictDeclaration,
    CouncilMember,
    CriteriaVersion,
    Criterion,
    Dossier,
    DossierEvent,
    EvaluationRound,
    EvidenceFile,
    Option,
    Part,
    ProvincePolicy,
    Result,
    Scorecard,
    ScoreEntry,
    SelfAssessment,
    Sheet,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CriteriaVersion)
class CriteriaVersionAdmin(admin.ModelAdmin):
    """Only "is_active" may be changed by hand; the sheets are immutable once loaded."""

    list_display = ["code", "name", "effective_from", "is_active"]
    readonly_fields = ["code", "name", "legal_basis", "effective_from", "content_digest", "created_at"]
    fields = readonly_fields[:4] + ["is_active"] + readonly_fields[4:]

    def has_add_permission(self, request):
        return False


class PartInline(ReadOnlyInline):
    model = Part
    fields = ["code", "title", "max_points"]


@admin.register(Sheet)
class SheetAdmin(ReadOnlyAdmin):
    list_display = ["version", "product_set", "title"]
    list_filter = ["version"]
    list_select_related = ["version", "product_set"]
    inlines = [PartInline]


class OptionInline(ReadOnlyInline):
    model = Option
    fields = ["position", "points", "min_star", "label"]


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "part", "max_points", "is_leaf", "is_binary", "sheet"]
    list_filter = ["sheet__version", "sheet__product_set", "part", "is_leaf"]
    list_select_related = ["sheet__version", "sheet__product_set"]
    search_fields = ["code", "name"]
    inlines = [OptionInline]


class DossierEventInline(ReadOnlyInline):
    model = DossierEvent
    fields = ["at", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields


class EvidenceFileInline(ReadOnlyInline):
    model = EvidenceFile
    fields = ["kind", "original_name", "content_type", "size", "sha256", "uploaded_at"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(ReadOnlyAdmin):
    list_display = ["pk", "product_name", "producer", "kind", "status", "ward_code", "commune_deadline", "round"]
    list_filter = ["status", "kind", "criteria_version", "round"]
    list_select_related = ["producer", "round"]
    search_fields = ["product_name", "producer__name", "legal_representative_name"]
    inlines = [EvidenceFileInline, DossierEventInline]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "target", "dossier", "from_status", "to_status", "refused", "note"]
    list_filter = ["refused", "action"]
    list_select_related = ["actor", "dossier"]


class CouncilMemberInline(ReadOnlyInline):
    model = CouncilMember
    fields = ["user", "role"]
    readonly_fields = fields


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ReadOnlyAdmin):
    list_display = ["name", "province_code", "opens_on", "status", "quorum_numerator", "quorum_denominator",
                    "max_spread", "per_criterion"]
    list_filter = ["status", "province_code"]
    inlines = [CouncilMemberInline]


class ScoreEntryInline(ReadOnlyInline):
    model = ScoreEntry
    fields = ["criterion", "option", "points", "knockout"]
    readonly_fields = fields


@admin.register(Scorecard)
class ScorecardAdmin(ReadOnlyAdmin):
    """Scoring is blind here too: only the sheets council.selectors.scorecards_visible_to gives the user."""

    list_display = ["assignment", "status", "total", "part_a", "part_b", "part_c", "submitted_at"]
    list_filter = ["status"]
    inlines = [ScoreEntryInline]

    def get_queryset(self, request):
        return scorecards_visible_to(user=request.user).select_related("assignment__dossier", "assignment__round")


@admin.register(Result)
class ResultAdmin(ReadOnlyAdmin):
    """Only results the council finalised: a computed one gives members' totals away (and holds them)."""

    list_display = ["dossier", "round", "average", "star", "eliminated", "status", "decision_number",
                    "certificate"]
    list_filter = ["status", "star", "round"]
    list_select_related = ["dossier", "round", "certificate"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(status__in=REVEALED_RESULT_STATUSES)


@admin.register(ProvincePolicy)
class ProvincePolicyAdmin(admin.ModelAdmin):
    """The one workflow setting edited by hand: a province's quorum, maximum spread and per-criterion rule for new rounds."""

    list_display = ["province_code", "quorum_numerator", "quorum_denominator", "max_spread", "per_criterion"]


@admin.register(CommuneOfficer)
class CommuneOfficerAdmin(admin.ModelAdmin):
    """Which communes a commune officer checks (a role assignment, edited by the secretariat)."""

    list_display = ["user", "ward_code"]
    search_fields = ["user__username", "user__email"]


for model in (SelfAssessment, CommuneAssessment, Assignment, ConflictDeclaration):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    """Read-only here: certificates are written by the rating workflow, never by hand."""

    list_display = ["code", "product", "stars", "status", "issued_on", "valid_until"]
    list_filter = ["status", "stars", "issuing_level"]
    search_fields = ["code", "product__title", "decision_number"]
