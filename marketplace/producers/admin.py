from django.contrib import admin

from .models import Producer, ProducerApplication


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "ward_code", "phone"]
    list_filter = ["legal_form"]
    search_fields = ["name", "slug", "phone"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ProducerApplication)
class ProducerApplicationAdmin(admin.ModelAdmin):
    """Read-only: applications are decided in the portal's review pages (/producer/xet-duyet/)."""

    list_display = ["name", "legal_form", "status", "applicant", "created_at", "reviewed_at"]
    list_filter = ["status", "legal_form"]
    search_fields = ["name", "tax_code", "applicant__email"]
    readonly_fields = [field.name for field in ProducerApplication._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
