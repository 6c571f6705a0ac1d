"""PostgreSQL only: the pg_trgm and unaccent extensions and the indexes the database backend searches with.

Both extension operations and the index SQL do nothing on SQLite, where the backend scans the table.
"""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

INDEXES = (
    ("search_doc_vector_gin", "USING gin (search_vector)"),
    ("search_doc_title_trgm", "USING gin (title_folded gin_trgm_ops)"),
    ("search_doc_all_trgm", "USING gin (all_folded gin_trgm_ops)"),
)


def indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, using in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON search_index_searchdocument {using}")


def indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("search_index", "0001_search_documents"),
    ]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        migrations.RunPython(indexes_create, indexes_drop, elidable=False),
    ]
