"""The government's extra days off and make-up working days, entered by staff as it announces them."""

from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.utils.translation import gettext_lazy as _

from marketplace.core.models import CalendarDay

# Staff type 05/02/2027 for 5 February: Django's default input formats would read it as 2 May (m/d/Y).
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
WEEKDAYS = (_("thứ Hai"), _("thứ Ba"), _("thứ Tư"), _("thứ Năm"), _("thứ Sáu"), _("thứ Bảy"), _("Chủ nhật"))


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin that shows rows only: they change through their app's services, never by hand here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(admin.ModelAdmin):
    """Public holidays are not listed here: they come from the ``holidays`` package (core.working_days)."""

    list_display = ["date", "weekday", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]
    fields = ["date", "kind", "name"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "date":
            kwargs["widget"] = AdminDateWidget(format=DATE_INPUT_FORMATS[0])
            field = super().formfield_for_dbfield(db_field, request, **kwargs)
            field.input_formats = DATE_INPUT_FORMATS
            return field
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("thứ"))
    def weekday(self, day: CalendarDay) -> str:
        return WEEKDAYS[day.date.weekday()]
