"""A full reindex on Elasticsearch (against the loopback fake): a new index, filled, then one atomic alias swap."""

from __future__ import annotations

import pytest
import time_machine

from marketplace.search_index import api
from marketplace.search_index.models import ReindexCheckpoint
from tests.elasticsearch_fake import FakeElasticsearch
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db
ALIAS = "ocop-test-products"
OLD = "ocop-test-products-20261128033000000000"
NEW = "ocop-test-products-20261128040000000000"


@pytest.fixture
def fake_es(settings):
    fake = FakeElasticsearch().start()
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX_PREFIX = "ocop-test"
    settings.PRODUCT_SEARCH_BACKEND = "elasticsearch"
    yield fake
    fake.stop()
    assert fake.errors == []


@pytest.fixture
def products():
    return [ProductFactory(title=f"Nem chua {n}") for n in range(3)] + [ProductFactory(title="Ẩn", is_public=False)]


def _admin(fake):
    return [(r.method, r.path) for r in fake.requests if not r.path.endswith(("/_bulk", "/_search", "/_alias"))]


def test_a_reindex_fills_a_new_index_and_swaps_the_alias_in_one_request(fake_es, products):
    listed = sorted(str(p.pk) for p in products[:3])
    with time_machine.travel("2026-11-28 03:30:00Z", tick=False):
        api.index_products([products[0].pk])  # the shop's current index
    fake_es.indices[OLD].documents["999999"] = {"product_id": 999999, "title": "gone"}  # deleted meanwhile
    fake_es.requests.clear()

    with time_machine.travel("2026-11-28 04:00:00Z", tick=False):
        report = api.reindex(chunk_size=2)

    assert (report.products, report.indexed, report.removed) == (4, 3, 1)
    assert fake_es.alias_targets(ALIAS) == [NEW]
    assert list(fake_es.indices) == [NEW]
    assert sorted(fake_es.indices[NEW].documents) == listed
    assert _admin(fake_es) == [
        ("PUT", f"/{NEW}"),
        ("POST", f"/{ALIAS},{NEW}/_refresh"),
        ("PUT", f"/{NEW}/_settings"),
        ("POST", f"/{NEW}/_refresh"),
        ("POST", "/_aliases"),
        ("DELETE", f"/{OLD}"),
    ]
    created = fake_es.requests_to("PUT", f"/{NEW}")[0].body
    assert (created["aliases"], created["settings"]["refresh_interval"]) == ({}, "-1")
    assert fake_es.requests_to("PUT", f"/{NEW}/_settings")[0].body == {"index": {"refresh_interval": "1s"}}
    assert fake_es.requests_to("POST", "/_aliases")[0].body == {"actions": [
        {"remove": {"index": OLD, "alias": ALIAS}}, {"add": {"index": NEW, "alias": ALIAS}},
    ]}
    # While building, each chunk went to the alias (still searched) and to the new index.
    first_chunk = fake_es.requests_to("PUT", "/_bulk")[0].body
    assert [line["index"]["_index"] for line in first_chunk[::2]] == [ALIAS, NEW, ALIAS, NEW]


def test_an_interrupted_reindex_resumes_into_the_index_it_was_building(fake_es, products):
    def crash(done, total):
        raise KeyboardInterrupt

    with time_machine.travel("2026-11-28 03:30:00Z", tick=False):
        api.index_products([products[0].pk])  # the shop's current index
    with time_machine.travel("2026-11-28 04:00:00Z", tick=False), pytest.raises(KeyboardInterrupt):
        api.reindex(chunk_size=2, progress=crash)
    building = [name for name in fake_es.indices if not fake_es.indices[name].aliases]
    assert building == [NEW]
    assert len(fake_es.indices[NEW].documents) == 2
    assert fake_es.alias_targets(ALIAS) == [OLD]  # the shop still searches the complete index

    with time_machine.travel("2026-11-28 05:00:00Z", tick=False):
        report = api.reindex(chunk_size=2, resume=True)

    assert report.resumed_after == sorted(p.pk for p in products)[1]
    assert fake_es.alias_targets(ALIAS) == [NEW]
    assert list(fake_es.indices) == [NEW]
    assert sorted(fake_es.indices[NEW].documents) == sorted(str(p.pk) for p in products[:3])
    assert ReindexCheckpoint.objects.get(backend="elasticsearch").finished_at is not None


def test_a_resume_without_the_index_it_was_building_starts_again(fake_es, products):
    def crash(done, total):
        raise KeyboardInterrupt

    with time_machine.travel("2026-11-28 03:30:00Z", tick=False):
        api.index_products([products[0].pk])  # the shop's current index
    with time_machine.travel("2026-11-28 04:00:00Z", tick=False), pytest.raises(KeyboardInterrupt):
        api.reindex(chunk_size=2, progress=crash)
    del fake_es.indices[NEW]  # lost with the cluster's data

    with time_machine.travel("2026-11-28 05:00:00Z", tick=False):
        report = api.reindex(chunk_size=2, resume=True)

    assert (report.resumed_after, report.products, report.indexed) == (0, 4, 3)
    assert fake_es.alias_targets(ALIAS) == ["ocop-test-products-20261128050000000000"]
