"""The catalogue no longer owns certificates (ocop_rating.certificates does; state only, tables unchanged).

The product keeps its column ``ocop_certification_id`` under the field name ``certificate``, and gains the
badge columns that only the certificate services write, filled here from each product's current certificate.
"""

import django.db.models.deletion
from django.db import migrations, models


def badges_fill(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    Certificate = apps.get_model("ocop_rating", "Certificate")
    current = Certificate.objects.filter(status="active", pk__in=Product.objects.values("certificate_id"))
    for certificate in current.iterator():
        until = certificate.valid_until
        if certificate.extended_until and certificate.extended_until > until:
            until = certificate.extended_until
        Product.objects.filter(certificate_id=certificate.pk).update(badge_stars=certificate.stars, badge_until=until)


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0037_sanitise_category_and_product_descriptions"),
        ("ocop_rating", "0010_certificates_owned_by_rating"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(model_name="product", name="ocop_certification"),
                migrations.AddField(
                    model_name="product",
                    name="certificate",
                    field=models.ForeignKey(blank=True, db_column="ocop_certification_id", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="ocop_rating.certificate", verbose_name="chứng nhận OCOP hiện hành"),
                ),
                migrations.DeleteModel(name="OcopCertificationEvent"),
                migrations.DeleteModel(name="OcopCertification"),
            ],
        ),
        migrations.AddField(
            model_name="product",
            name="badge_stars",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True, verbose_name="hạng sao hiển thị"),
        ),
        migrations.AddField(
            model_name="product",
            name="badge_until",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="hiển thị hạng sao đến"),
        ),
        migrations.RunPython(badges_fill, migrations.RunPython.noop),
    ]
