"""Models shared by every app: the days the government adds to or swaps in Vietnam's working calendar."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.core.working_days import (
    calendar_days_changed,
    is_usual_working_day,
    public_holiday_name,
)


class CalendarDayQuerySet(models.QuerySet):
    """Bulk writes (the admin's "delete selected" among them) also make the cached calendar reload."""

    def delete(self):
        result = super().delete()
        calendar_days_changed()
        return result

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        calendar_days_changed()
        return rows

    def bulk_create(self, *args, **kwargs):
        created = super().bulk_create(*args, **kwargs)
        calendar_days_changed()
        return created

    def bulk_update(self, *args, **kwargs):
        rows = super().bulk_update(*args, **kwargs)
        calendar_days_changed()
        return rows


class CalendarDay(models.Model):
    """A day the government announced as an extra day off or as a working day in exchange (làm bù).

    Public holidays themselves come from the ``holidays`` package (``marketplace.core.working_days``);
    a row overrides it for its date. Whether a row changes its day depends on that package, so it is
    checked in clean(), not by the database.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("ngày nghỉ thêm")
        WORKING_DAY = "working_day", _("ngày làm bù")

    date = models.DateField(_("ngày"), unique=True, error_messages={"unique": _("Ngày này đã có trong lịch.")})
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    name = models.CharField(
        _("tên"), max_length=200,
        help_text=_("Lý do và văn bản thông báo, ví dụ: Làm bù cho ngày nghỉ 31/8 theo thông báo của Bộ Nội vụ."),
    )

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("ngày nghỉ thêm hoặc làm bù")
        verbose_name_plural = _("ngày nghỉ thêm và làm bù")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=["day_off", "working_day"]), name="calendarday_kind_valid"),
            models.CheckConstraint(condition=~Q(name=""), name="calendarday_name_not_blank"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} – {self.get_kind_display()}: {self.name}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        calendar_days_changed()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        calendar_days_changed()
        return result

    def clean(self):
        super().clean()
        if self.date is None or self.kind not in self.Kind.values:
            return
        worked = is_usual_working_day(self.date)
        date = f"{self.date:%d/%m/%Y}"
        if self.kind == self.Kind.DAY_OFF and not worked:
            holiday = public_holiday_name(self.date)
            if holiday:
                message = gettext("Ngày %(date)s đã là ngày nghỉ lễ (%(holiday)s): không cần thêm ngày nghỉ.")
                raise ValidationError({"date": message % {"date": date, "holiday": holiday}})
            weekday = gettext("thứ Bảy") if self.date.weekday() == 5 else gettext("Chủ nhật")
            message = gettext("Ngày %(date)s là %(weekday)s: ngày nghỉ thêm phải là một ngày làm việc (thứ Hai đến thứ Sáu).")
            raise ValidationError({"date": message % {"date": date, "weekday": weekday}})
        if self.kind == self.Kind.WORKING_DAY and worked:
            message = gettext("Ngày %(date)s đã là ngày làm việc: ngày làm bù phải là thứ Bảy, Chủ nhật hoặc ngày nghỉ lễ.")
            raise ValidationError({"date": message % {"date": date}})
