"""Criteria are loaded from the official files (``load_criteria``): the admin only shows them."""

from django.contrib import admin

from .models import CriteriaVersion, Criterion, Option, Part, Sheet


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
