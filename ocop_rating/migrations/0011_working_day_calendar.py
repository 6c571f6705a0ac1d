"""Working-day calendar: the government's extra days off and make-up working days, kept by staff."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("ocop_rating", "0010_certificates_owned_by_rating"),
    ]

    operations = []
