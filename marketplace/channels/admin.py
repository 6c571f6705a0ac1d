from django.contrib import admin

from marketplace.core.admin import ReadOnlyAdmin

from .models import ChannelCategory, ChannelListing


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


@admin.register(ChannelListing)
class ChannelListingAdmin(ReadOnlyAdmin):
    """Read-only: what the channel holds, as the push and the reconciliation recorded it."""

    list_display = ["listing_id", "product", "on_channel", "synced_at", "content_hash"]
    list_filter = ["on_channel"]
    list_select_related = ["product"]
    search_fields = ["listing_id", "product__title"]
    show_full_result_count = False
