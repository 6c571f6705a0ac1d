"""A certificate's criteria version is a foreign key to the version row, and migration 0012 maps the old codes.

The migration test starts from 0011, when the version was text on the certificate, writes certificates
with the codes found in real registers (the loaded QD26-2026, older national decisions, a code no one
knows, a blank one), migrates forward, back and forward again, and checks every row.
"""

import datetime
from decimal import Decimal

import pytest
from django.db.models import ProtectedError

from ocop_rating.certificates.models import Certificate
from ocop_rating.models import CriteriaVersion
from tests.factories import CertificateFactory

BEFORE = ("ocop_rating", "0011_rating_policy_per_criterion")
MIGRATION = ("ocop_rating", "0012_certificate_criteria_version_and_council_secretary")

# (code, criteria version as text, decision date, status)
OLD_CERTIFICATES = (
    ("38-16378-001-2020", "QD1048-2019", datetime.date(2020, 12, 18), "expired"),
    ("38-16378-002-2023", "QD148-2023", datetime.date(2023, 11, 10), "expired"),
    ("38-16378-003-2024", " QD148-2023 ", datetime.date(2024, 3, 20), "expired"),
    ("38-16378-004-2018", "TH-2018", datetime.date(2018, 6, 5), "expired"),
    ("38-16378-005-2017", "TH-2018", datetime.date(2017, 9, 1), "expired"),
    ("38-16378-006-2019", "", datetime.date(2019, 4, 2), "expired"),
    ("38-16378-007-2026", "QD26-2026", datetime.date(2026, 10, 6), "active"),
)
VERSION_FIELDS = ("code", "name", "legal_basis", "effective_from", "is_active", "content_digest")


@pytest.mark.django_db
def test_a_certificate_points_at_its_version_which_cannot_be_deleted_under_it():
    # given the loaded version of Decision 26/2026 and a certificate issued under it
    version = CriteriaVersion.objects.get(code="QD26-2026")
    certificate = CertificateFactory(criteria_version=version)

    # then the certificate reaches its version, and the version its certificates
    assert Certificate.objects.get(pk=certificate.pk).criteria_version == version
    assert list(version.certificates.values_list("code", flat=True)) == [certificate.code]
    # and the version cannot be deleted while a certificate carries it
    with pytest.raises(ProtectedError):
        version.delete()
    assert CriteriaVersion.objects.filter(code="QD26-2026").exists()


def _old_certificates_write(apps) -> None:
    Product = apps.get_model("catalogue", "Product")
    Certificate = apps.get_model("ocop_rating", "Certificate")
    product = Product.objects.create(title="Nem chua Hạc Thành", slug="nem-chua-hac-thanh", structure="standalone")
    for code, version, decided, status in OLD_CERTIFICATES:
        Certificate.objects.create(
            product=product, stars=4, code=code, decision_number=f"{code[-8:]}/QĐ-UBND", decision_date=decided,
            issuing_level="province", criteria_version=version, score_total=Decimal("75.00"), issued_on=decided,
            valid_until=decided + datetime.timedelta(days=1095), status=status,
        )


@pytest.mark.postgres  # a slow migration round trip: run once
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_migration_maps_every_code_to_a_version_and_back(migrator):
    # given the schema of 0011, where certificates hold their criteria version as text
    old_state = migrator.apply_initial_migration(BEFORE)
    _old_certificates_write(old_state.apps)
    loaded = old_state.apps.get_model("ocop_rating", "CriteriaVersion").objects.get(code="QD26-2026")
    loaded_values = tuple(getattr(loaded, field) for field in VERSION_FIELDS)

    # when 0012 is applied
    new_state = migrator.apply_tested_migration(MIGRATION)

    # then every certificate points at the version of its code (spaces trimmed; blank → "not recorded")
    certificates = new_state.apps.get_model("ocop_rating", "Certificate")
    versions = new_state.apps.get_model("ocop_rating", "CriteriaVersion")
    assert list(certificates.objects.order_by("code").values_list("code", "criteria_version__code")) == [
        ("38-16378-001-2020", "QD1048-2019"),
        ("38-16378-002-2023", "QD148-2023"),
        ("38-16378-003-2024", "QD148-2023"),
        ("38-16378-004-2018", "TH-2018"),
        ("38-16378-005-2017", "TH-2018"),
        ("38-16378-006-2019", "KHONG-GHI"),
        ("38-16378-007-2026", "QD26-2026"),
    ]
    # and the codes no loaded version had became sheetless, inactive versions named after their decision
    assert sorted(versions.objects.values_list(*VERSION_FIELDS)) == sorted([
        loaded_values,  # the loaded version is untouched
        ("QD1048-2019", "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 1048/QĐ-TTg",
         "Quyết định số 1048/QĐ-TTg ngày 21/8/2019 của Thủ tướng Chính phủ", datetime.date(2019, 8, 21), False, ""),
        ("QD148-2023", "Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 148/QĐ-TTg",
         "Quyết định số 148/QĐ-TTg ngày 24/02/2023 của Thủ tướng Chính phủ", datetime.date(2023, 2, 24), False, ""),
        # an unknown code is dated by the earliest decision carrying it
        ("TH-2018", "Bộ tiêu chí TH-2018", "Chỉ biết mã phiên bản ghi trên giấy chứng nhận đã cấp",
         datetime.date(2017, 9, 1), False, ""),
        ("KHONG-GHI", "Bộ tiêu chí không được ghi trên giấy chứng nhận",
         "Chỉ biết mã phiên bản ghi trên giấy chứng nhận đã cấp", datetime.date(2019, 4, 2), False, ""),
    ])
    links = dict(certificates.objects.values_list("code", "criteria_version_id"))
    sheets = new_state.apps.get_model("ocop_rating", "Sheet")
    assert sorted(set(sheets.objects.values_list("version__code", flat=True))) == ["QD26-2026"]
    # and the new version column cannot be left empty
    field = certificates._meta.get_field("criteria_version")
    assert (field.null, field.remote_field.on_delete.__name__, field.remote_field.related_name) == (
        False, "PROTECT", "certificates",
    )

    # when the migration is reversed
    back_state = migrator.apply_tested_migration(BEFORE)

    # then the certificates hold their codes as text again (trimmed) and the version rows stay
    certificates = back_state.apps.get_model("ocop_rating", "Certificate")
    assert list(certificates.objects.order_by("code").values_list("code", "criteria_version")) == [
        ("38-16378-001-2020", "QD1048-2019"),
        ("38-16378-002-2023", "QD148-2023"),
        ("38-16378-003-2024", "QD148-2023"),
        ("38-16378-004-2018", "TH-2018"),
        ("38-16378-005-2017", "TH-2018"),
        ("38-16378-006-2019", ""),
        ("38-16378-007-2026", "QD26-2026"),
    ]
    versions = back_state.apps.get_model("ocop_rating", "CriteriaVersion")
    assert sorted(versions.objects.values_list("code", flat=True)) == [
        "KHONG-GHI", "QD1048-2019", "QD148-2023", "QD26-2026", "TH-2018",
    ]

    # when it is applied again, then each certificate points at the very row it pointed at the first time
    again = migrator.apply_tested_migration(MIGRATION).apps.get_model("ocop_rating", "Certificate")
    assert dict(again.objects.values_list("code", "criteria_version_id")) == links
    assert again._meta.apps.get_model("ocop_rating", "CriteriaVersion").objects.count() == 5
