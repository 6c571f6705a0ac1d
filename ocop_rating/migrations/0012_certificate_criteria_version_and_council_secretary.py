"""A certificate's criteria version as a foreign key; the council's secretary seat."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("ocop_rating", "0011_rating_policy_per_criterion"),
    ]

    operations = []
