from django.contrib import admin

from .models import Producer


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "ward_code", "phone"]
    list_filter = ["legal_form"]
    search_fields = ["name", "slug", "phone"]
    prepopulated_fields = {"slug": ["name"]}
