"""The database backend's PostgreSQL shortcuts give the same answers as its portable queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.search_index.backends.database import DatabaseBackend, _facets_grouped
from marketplace.search_index.models import SearchDocument
from marketplace.search_index.types import Facets

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


@pytest.mark.parametrize("narrowed", ["everything", "in stock", "under 100k", "mam", "nothing", "no row"])
def test_one_grouped_pass_counts_what_a_query_per_facet_counts(catalogue, narrowed):
    # A document without a product set or producer must not be counted under another facet's NULL key.
    SearchDocument.objects.filter(pk=catalogue["keo_lac"].pk).update(
        set_id=None, set_name="", group_id=None, group_name="", producer_id=None, producer_name="",
    )
    documents = {
        "everything": SearchDocument.objects.all(),
        "in stock": SearchDocument.objects.filter(in_stock=True),
        "under 100k": SearchDocument.objects.filter(price__lt=100_000),
        "mam": SearchDocument.objects.filter(title_folded__contains=" mam"),
        "nothing": SearchDocument.objects.filter(title_folded__contains=" khong co "),
        "no row": SearchDocument.objects.filter(pk__in=[]),
    }[narrowed]

    with CaptureQueriesContext(connection) as queries:
        total, facets = _facets_grouped(documents)

    assert len(queries) == (0 if narrowed == "no row" else 1)
    assert total == documents.count()
    assert facets == (DatabaseBackend._facets(documents) if total else Facets())
    if narrowed == "everything":
        assert total == 15
        assert sum(value.count for value in facets.set) == 14
        assert sum(value.count for value in facets.producer) == 14
