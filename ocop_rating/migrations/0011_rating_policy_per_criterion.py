"""Rating policy: how members' points on a criterion are combined before the minimum-star markers apply."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("ocop_rating", "0010_certificates_owned_by_rating"),
    ]

    operations = []
