"""PostgreSQL only: indexes that let the database backend answer without reading the wide rows.

- ``search_doc_suggest``: the folded title's prefix (``text_pattern_ops``, for ``LIKE ' nuoc m%'``) holding
  every column a suggestion reads, so suggestions are an index-only range scan.
- ``search_doc_browse``: every facet, sort and card column, so an empty query (browsing with filters) counts
  its facets and ranks its page from the index alone instead of the table with its long texts.
- ``search_doc_all_trgm`` goes: ``all_folded`` is searched on SQLite only (PostgreSQL matches on the
  text-search vector and the title's trigrams), so the index was only written, never read.

Nothing happens on SQLite, where the backend scans the table.
"""

from django.db import migrations

TABLE = "search_index_searchdocument"
INDEXES = (
    ("search_doc_suggest",
     "(title_folded text_pattern_ops) INCLUDE (product_id, title, badge_stars, badge_until)"),
    ("search_doc_browse",
     "(date_created, product_id) INCLUDE (title, badge_stars, badge_until, group_id, group_name, set_id, set_name, "
     "province_code, province_name, ward_code, ward_name, producer_id, producer_name, price, in_stock)"),
)
UNUSED = ("search_doc_all_trgm", "USING gin (all_folded gin_trgm_ops)")


def indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, columns in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} {columns}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {UNUSED[0]}")


def indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    name, using = UNUSED
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {TABLE} {using}")
    for name, _ in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("search_index", "0002_postgres_search_indexes"),
    ]

    operations = [
        migrations.RunPython(indexes_create, indexes_drop, elidable=False),
    ]
