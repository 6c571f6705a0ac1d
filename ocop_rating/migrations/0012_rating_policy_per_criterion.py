"""Rating policy: how members' points on a criterion are combined before the minimum-star markers apply."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("ocop_rating", "0011_working_day_calendar"),
    ]

    operations = []
