from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import ProductGroup, ProductSet
from .services import category_tree_sync


class ClassificationAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The categories mirror the names and the cached menu holds them: both follow at once.
        category_tree_sync()


@admin.register(ProductGroup)
class ProductGroupAdmin(ClassificationAdmin):
    list_display = ["code", "name", "name_en", "position"]


@admin.register(ProductSet)
class ProductSetAdmin(ClassificationAdmin):
    list_display = ["number", "code", "name", "name_en", "group"]
    list_filter = ["group"]
