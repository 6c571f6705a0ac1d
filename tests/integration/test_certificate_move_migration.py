"""Migrating a database that holds the demo data from the old layout (certificates owned by the catalogue)
to the new one (owned by ocop_rating.certificates) loses nothing.

The demo is loaded, the database is migrated back to the old layout (catalogue 0037, ocop_rating 0009),
where the demo's rows are read through the historical models, then forward again: every column of the
old layout's tables holds the same rows, the role groups keep their certificate permissions under the new
names, and the badge columns are filled from each product's current certificate.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Slow (a demo load and two migration runs): once, on PostgreSQL. The data migrations' rows (criteria,
# product sets, role groups) are restored first, whatever an earlier transactional test flushed.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: a slow round trip, run once"),
]

OLD_LAYOUT = [("catalogue", "0037_sanitise_category_and_product_descriptions"), ("ocop_rating", "0009_result_central_score")]
TABLE_PREFIXES = ("catalogue_", "ocop_rating_", "partner_", "producers_")
# Columns whose form a later migration changes on purpose: compared by meaning below, not raw.
RESHAPED = {("catalogue_ocopcertification", "criteria_version")}


def _columns(table: str) -> list[str]:
    with connection.cursor() as cursor:
        return [c.name for c in connection.introspection.get_table_description(cursor, table)]


def _rows(table: str, columns: list[str]) -> list[tuple]:
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608 (names from introspection)
        return sorted(cursor.fetchall(), key=repr)


def _group_permissions() -> dict[str, set[tuple[str, str]]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.name, ct.app_label, p.codename FROM auth_group g "
            "JOIN auth_group_permissions gp ON gp.group_id = g.id JOIN auth_permission p ON p.id = gp.permission_id "
            "JOIN django_content_type ct ON ct.id = p.content_type_id"
        )
        permissions: dict[str, set[tuple[str, str]]] = {}
        for group, app_label, codename in cursor.fetchall():
            permissions.setdefault(group, set()).add((app_label, codename))
        return permissions


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection)


def test_the_demo_data_survives_the_move_of_certificates_from_the_catalogue(settings):
    # given the demo loaded on the current layout
    settings.DEMO_DATA_ALLOWED = True
    call_command("load_demo_data", "--no-images", verbosity=0)
    from catalog.models import Product

    badges = sorted(Product.objects.exclude(badge_stars=None).values_list("pk", "badge_stars", "badge_until"))
    assert len(badges) >= 5

    # the old layout has no secretary seat (added later, in 0012): the demo's go before going back
    from ocop_rating.models import CouncilMember

    CouncilMember.objects.filter(role="secretary").delete()

    # when the database goes back to the old layout
    executor = _migrate(OLD_LAYOUT)
    old_apps = executor.loader.project_state(OLD_LAYOUT).apps
    OldCertificate = old_apps.get_model("catalogue", "OcopCertification")
    OldProduct = old_apps.get_model("catalogue", "Product")
    certificate_count = OldCertificate.objects.count()
    linked = sorted(OldProduct.objects.exclude(ocop_certification=None).values_list("pk", "ocop_certification_id"))
    versions = dict(OldCertificate.objects.values_list("pk", "criteria_version"))
    assert certificate_count >= 6 and linked
    assert "badge_stars" not in _columns("catalogue_product")
    tables = [t for t in connection.introspection.table_names() if t.startswith(TABLE_PREFIXES)]
    old_columns = {t: [c for c in _columns(t) if (t, c) not in RESHAPED] for t in tables}
    before = {t: _rows(t, old_columns[t]) for t in tables}
    groups_before = _group_permissions()
    assert ("catalogue", "add_ocopcertification") in groups_before["ocop_decision_signer"]

    # and forward again to the new one
    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(leaves)

    # then every old row and column is there, unchanged
    for table in tables:
        assert _rows(table, old_columns[table]) == before[table], table
    # the certificate rows are the new model's, with the same criteria version (now a reference to it)
    from ocop_rating.certificates.models import Certificate

    assert Certificate.objects.count() == certificate_count
    assert sorted(Product.objects.exclude(certificate=None).values_list("pk", "certificate_id")) == linked
    assert {c.pk: _version_code(c) for c in Certificate.objects.all()} == versions
    # the role groups hold the same permissions, renamed with the model
    renamed = {("catalogue", "add_ocopcertification"): ("ocop_rating", "add_certificate"),
               ("catalogue", "view_ocopcertification"): ("ocop_rating", "view_certificate")}
    # (groups made by later apps' migrations, undone on the way back, e.g. the CMS's editorial groups, aside)
    after = {group: held for group, held in _group_permissions().items() if group in groups_before}
    assert after == {group: {renamed.get(p, p) for p in held} for group, held in groups_before.items()}
    # the badges are back, computed from the certificates
    assert sorted(Product.objects.exclude(badge_stars=None).values_list("pk", "badge_stars", "badge_until")) == badges


def _version_code(certificate) -> str:
    version = certificate.criteria_version
    return getattr(version, "code", version)
