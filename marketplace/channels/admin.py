from django.contrib import admin

from .models import ChannelCategory


@admin.register(ChannelCategory)
class ChannelCategoryAdmin(admin.ModelAdmin):
    """Staff with ``channels.change_channelcategory`` edit the names; the 26 rows come from the migration."""

    list_display = ["product_set", "name", "updated_at"]
    list_select_related = ["product_set"]
    search_fields = ["name", "product_set__name"]
    readonly_fields = ["product_set", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
