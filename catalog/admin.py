from django.contrib import admin
from oscar.apps.catalogue.admin import *  # noqa: F403

from .models import ProductGroup, ProductSet


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "position"]


@admin.register(ProductSet)
class ProductSetAdmin(admin.ModelAdmin):
    list_display = ["number", "code", "name", "group"]
    list_filter = ["group"]
