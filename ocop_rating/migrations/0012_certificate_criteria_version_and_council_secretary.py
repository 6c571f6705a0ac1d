"""A certificate's criteria version as a foreign key; the council's secretary seat.

Every code the certificates carry maps to a version row: the version of that code if one is loaded,
otherwise a sheetless historical version created here (inactive, so no new dossier is ever opened under
it; ``content_digest`` empty: no sheets loaded), named after the decision it comes from when the code is
one of the older national decisions, after the code itself otherwise; a blank code (never written by
the services, possible only by hand) gets the version BLANK_CODE, "not recorded". Going back writes the
codes into the text column again and keeps the version rows (valid rows before this migration too), so
going forward again links the same rows.

The fill runs in the same transaction as the schema changes around it; on PostgreSQL it fires any
deferred foreign-key check its updates queued, since a table with pending checks cannot be altered.
"""

import datetime

import django.db.models.deletion
from django.db import migrations, models

# The national decisions before 26/2026/QĐ-TTg whose codes certificates carry: (name, legal basis, date).
HISTORICAL_VERSIONS = {
    "QD1048-2019": (
        "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 1048/QĐ-TTg",
        "Quyết định số 1048/QĐ-TTg ngày 21/8/2019 của Thủ tướng Chính phủ",
        datetime.date(2019, 8, 21),
    ),
    "QD148-2023": (
        "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 148/QĐ-TTg",
        "Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ",
        datetime.date(2023, 2, 24),
    ),
}
UNKNOWN_LEGAL_BASIS = "Chỉ biết mã phiên bản ghi trên giấy chứng nhận đã cấp"
BLANK_CODE = "KHONG-GHI"
BLANK_NAME = "Bộ tiêu chí không được ghi trên giấy chứng nhận"
TEMPORARY_FIELD = "criteria_version_ref"


def _constraints_immediate(schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


def criteria_versions_link(apps, schema_editor):
    """Point every certificate at the version of the code it carries, creating historical versions."""
    Certificate = apps.get_model("ocop_rating", "Certificate")
    CriteriaVersion = apps.get_model("ocop_rating", "CriteriaVersion")
    versions = {version.code: version for version in CriteriaVersion.objects.all()}
    # Each text as written (spaces and all) with the earliest decision carrying it.
    texts = Certificate.objects.values_list("criteria_version").annotate(first=models.Min("decision_date"))
    first_decided: dict[str, datetime.date] = {}
    for text, decided in texts:
        code = text.strip() or BLANK_CODE
        first_decided[code] = min(decided, first_decided.get(code, decided))
    for code in sorted(set(first_decided) - set(versions)):
        name, legal_basis, effective_from = HISTORICAL_VERSIONS.get(code) or (
            BLANK_NAME if code == BLANK_CODE else f"Bộ tiêu chí {code}", UNKNOWN_LEGAL_BASIS, first_decided[code],
        )
        versions[code] = CriteriaVersion.objects.create(
            code=code, name=name, legal_basis=legal_basis, effective_from=effective_from, is_active=False,
            content_digest="",
        )
    for text, _decided in texts:
        Certificate.objects.filter(criteria_version=text).update(
            **{f"{TEMPORARY_FIELD}_id": versions[text.strip() or BLANK_CODE].pk},
        )
    _constraints_immediate(schema_editor)


def criteria_versions_unlink(apps, schema_editor):
    """Write each certificate's version code back as text (the version rows stay)."""
    Certificate = apps.get_model("ocop_rating", "Certificate")
    CriteriaVersion = apps.get_model("ocop_rating", "CriteriaVersion")
    linked = Certificate.objects.values(f"{TEMPORARY_FIELD}_id").distinct()
    for version_id, code in CriteriaVersion.objects.filter(pk__in=linked).values_list("pk", "code"):
        Certificate.objects.filter(**{f"{TEMPORARY_FIELD}_id": version_id}).update(
            criteria_version="" if code == BLANK_CODE else code, **{TEMPORARY_FIELD: None},
        )
    _constraints_immediate(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ("ocop_rating", "0011_rating_policy_per_criterion"),
    ]

    operations = [
        # 1. The certificate's criteria version: nullable key → filled from the code → replaces the text.
        migrations.AddField(
            model_name="certificate",
            name=TEMPORARY_FIELD,
            field=models.ForeignKey(
                null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                to="ocop_rating.criteriaversion",
            ),
        ),
        migrations.RunPython(criteria_versions_link, criteria_versions_unlink),
        migrations.RemoveField(model_name="certificate", name="criteria_version"),
        migrations.RenameField(model_name="certificate", old_name=TEMPORARY_FIELD, new_name="criteria_version"),
        migrations.AlterField(
            model_name="certificate",
            name="criteria_version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="certificates",
                to="ocop_rating.criteriaversion", verbose_name="phiên bản bộ tiêu chí",
            ),
        ),
        # 2. The council's secretary: a third role, at most one per round.
        migrations.AlterField(
            model_name="councilmember",
            name="role",
            field=models.CharField(
                choices=[("chair", "Chủ tịch hội đồng"), ("member", "Thành viên"), ("secretary", "Thư ký hội đồng")],
                default="member", max_length=16, verbose_name="vai trò",
            ),
        ),
        migrations.AddConstraint(
            model_name="councilmember",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "secretary")), fields=("round",), name="ocop_council_one_secretary",
            ),
        ),
    ]
