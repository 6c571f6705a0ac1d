from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import OcopCertification, ProductGroup, ProductSet


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]


@admin.register(ProductSet)
class ProductSetAdmin(admin.ModelAdmin):
    list_display = ["number", "code", "name", "group"]
    list_filter = ["group"]


@admin.register(OcopCertification)
class OcopCertificationAdmin(admin.ModelAdmin):
    """Read-only here: certificates are written by the rating workflow, never by hand."""

    list_display = ["code", "product", "stars", "status", "issued_on", "valid_until"]
    list_filter = ["status", "stars", "issuing_level"]
    search_fields = ["code", "product__title", "decision_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
