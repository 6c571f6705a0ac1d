from django.contrib import admin

from .models import Payment, PaymentEvent


class PaymentEventInline(admin.TabularInline):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ("created_at", "action", "from_state", "to_state", "amount", "actor", "detail", "note")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read only: every change goes through marketplace.payments.services (the staff order page records them)."""

    list_display = ("reference", "order", "method", "amount", "state", "expires_at", "paid_at")
    list_filter = ("method", "state")
    search_fields = ("reference", "order__number", "provider_reference")
    inlines = [PaymentEventInline]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
