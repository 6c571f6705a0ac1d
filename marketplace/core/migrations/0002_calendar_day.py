from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_site_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="CalendarDay",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        error_messages={"unique": "Ngày này đã có trong lịch."},
                        unique=True,
                        verbose_name="ngày",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("day_off", "ngày nghỉ thêm"), ("working_day", "ngày làm bù")],
                        max_length=16,
                        verbose_name="loại",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="Lý do và văn bản thông báo, ví dụ: Làm bù cho ngày nghỉ 31/8 theo thông báo của Bộ Nội vụ.",
                        max_length=200,
                        verbose_name="tên",
                    ),
                ),
            ],
            options={
                "verbose_name": "ngày nghỉ thêm hoặc làm bù",
                "verbose_name_plural": "ngày nghỉ thêm và làm bù",
                "ordering": ["-date"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("kind__in", ["day_off", "working_day"])),
                        name="calendarday_kind_valid",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("name", ""), _negated=True),
                        name="calendarday_name_not_blank",
                    ),
                ],
            },
        ),
    ]
