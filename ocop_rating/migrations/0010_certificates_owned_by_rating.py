"""Certificates move from the catalogue app to ocop_rating.certificates: state only, the tables keep their names.

The content types and permissions follow the models, so the role groups keep what they could do.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

STATUS_CHOICES = [("active", "còn hiệu lực"), ("expired", "hết hiệu lực"), ("revoked", "đã thu hồi")]
# (old app label, old model) -> (new app label, new model)
RENAMED = {
    ("catalogue", "ocopcertification"): ("ocop_rating", "certificate"),
    ("catalogue", "ocopcertificationevent"): ("ocop_rating", "certificateevent"),
}


def _content_types_move(apps, renamed: dict) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for (old_app, old_model), (new_app, new_model) in renamed.items():
        old = ContentType.objects.filter(app_label=old_app, model=old_model).first()
        if old is None:
            continue  # a fresh database: post_migrate creates the new ones
        new = ContentType.objects.filter(app_label=new_app, model=new_model).first()
        if new is not None:  # created by an earlier post_migrate: keep the one the rows point at
            Permission.objects.filter(content_type=new).delete()
            new.delete()
        old.app_label, old.model = new_app, new_model
        old.save(update_fields=["app_label", "model"])
        for permission in Permission.objects.filter(content_type=old):
            action, _, _ = permission.codename.partition("_")
            permission.codename = f"{action}_{new_model}"
            permission.save(update_fields=["codename"])


def content_types_forward(apps, schema_editor):
    _content_types_move(apps, RENAMED)


def content_types_backward(apps, schema_editor):
    _content_types_move(apps, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0037_sanitise_category_and_product_descriptions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("ocop_rating", "0009_result_central_score"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Certificate",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("stars", models.PositiveSmallIntegerField(verbose_name="hạng sao")),
                        ("code", models.CharField(max_length=64, unique=True, verbose_name="mã số chứng nhận")),
                        ("decision_number", models.CharField(max_length=64, verbose_name="số quyết định")),
                        ("decision_date", models.DateField(verbose_name="ngày quyết định")),
                        ("issuing_level", models.CharField(choices=[("province", "cấp tỉnh"), ("central", "cấp trung ương")], max_length=16, verbose_name="cấp công nhận")),
                        ("criteria_version", models.CharField(default="QD26-2026", max_length=32, verbose_name="phiên bản bộ tiêu chí")),
                        ("score_total", models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name="tổng điểm")),
                        ("issued_on", models.DateField(verbose_name="ngày cấp")),
                        ("valid_until", models.DateField(verbose_name="có giá trị đến")),
                        ("status", models.CharField(choices=STATUS_CHOICES, default="active", max_length=16, verbose_name="trạng thái")),
                        ("revocation_reason", models.TextField(blank=True, verbose_name="lý do thu hồi")),
                        ("revocation_decision_number", models.CharField(blank=True, max_length=64, verbose_name="số quyết định thu hồi")),
                        ("revoked_on", models.DateField(blank=True, null=True, verbose_name="ngày thu hồi")),
                        ("extended_until", models.DateField(blank=True, null=True, verbose_name="gia hạn hiệu lực đến")),
                        ("reminder_sent_on", models.DateField(blank=True, null=True, verbose_name="ngày nhắc đánh giá lại")),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("product", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="certificates", to="catalogue.product", verbose_name="sản phẩm")),
                    ],
                    options={
                        "verbose_name": "chứng nhận OCOP",
                        "verbose_name_plural": "chứng nhận OCOP",
                        "db_table": "catalogue_ocopcertification",
                        "ordering": ["-issued_on"],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("stars__gte", 3), ("stars__lte", 5)), name="ocopcert_stars_3_5"),
                            models.CheckConstraint(condition=models.Q(("valid_until__gt", models.F("issued_on"))), name="ocopcert_valid_after_issue"),
                            models.CheckConstraint(condition=models.Q(("stars__lt", 5), ("issuing_level", "central"), _connector="OR"), name="ocopcert_five_stars_central"),
                            models.UniqueConstraint(condition=models.Q(("status", "active")), fields=("product",), name="ocopcert_one_active_per_product"),
                            models.CheckConstraint(condition=models.Q(models.Q(("status", "revoked"), _negated=True), models.Q(("revocation_reason", ""), _negated=True), _connector="OR"), name="ocopcert_revoked_has_reason"),
                            models.CheckConstraint(condition=models.Q(("extended_until__isnull", True), ("extended_until__gt", models.F("valid_until")), _connector="OR"), name="ocopcert_extension_after_expiry"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="CertificateEvent",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="thời điểm")),
                        ("from_status", models.CharField(blank=True, choices=STATUS_CHOICES, max_length=16, verbose_name="trạng thái trước")),
                        ("to_status", models.CharField(choices=STATUS_CHOICES, max_length=16, verbose_name="trạng thái sau")),
                        ("note", models.TextField(blank=True, verbose_name="ghi chú")),
                        ("actor", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người thực hiện")),
                        ("certificate", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="events", to="ocop_rating.certificate", verbose_name="chứng nhận")),
                    ],
                    options={
                        "verbose_name": "sự kiện chứng nhận OCOP",
                        "verbose_name_plural": "sự kiện chứng nhận OCOP",
                        "db_table": "catalogue_ocopcertificationevent",
                        "ordering": ["at", "pk"],
                    },
                ),
                migrations.AlterField(
                    model_name="dossier",
                    name="previous_certificate",
                    field=models.ForeignKey(blank=True, help_text="Chứng nhận được nâng hạng hoặc đánh giá lại bởi hồ sơ này.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="later_dossiers", to="ocop_rating.certificate", verbose_name="giấy chứng nhận đang có"),
                ),
                migrations.AlterField(
                    model_name="result",
                    name="certificate",
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="ocop_rating.certificate", verbose_name="giấy chứng nhận"),
                ),
            ],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]
