"""The Elasticsearch backend against a loopback fake of the server (tests/elasticsearch_fake.py), at a fixed time."""

from __future__ import annotations

import datetime
import json
import os
import zoneinfo
from pathlib import Path

import pytest
import time_machine

from tests.elasticsearch_fake import FakeElasticsearch

RECORDED = Path(__file__).parent / "recorded"
# Set to rewrite the recorded bodies from what the code sends now; the test then fails so that the diff is read.
RECORD_ENV = "RECORD_ES_BODIES"
NOW = datetime.datetime(2026, 11, 28, 10, 30, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh"))


def recorded(name: str) -> object:
    return json.loads((RECORDED / f"{name}.json").read_text(encoding="utf-8"))


def assert_recorded(name: str, body: object) -> None:
    """``body`` equals the recorded ``recorded/<name>.json``; with RECORD_ES_BODIES=1 rewrite it and fail."""
    path = RECORDED / f"{name}.json"
    if os.environ.get(RECORD_ENV):
        path.write_text(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        pytest.fail(f"{path.name} rewritten from the current code: review the diff, then run without {RECORD_ENV}")
    if not path.exists():
        pytest.fail(f"{path.name} is not recorded yet: run once with {RECORD_ENV}=1 and review it")
    assert body == json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def fake_es(settings):
    """A fake cluster the backend is configured to use, with the index prefix "ocop-test", on 28/11/2026."""
    fake = FakeElasticsearch().start()
    settings.ELASTICSEARCH_URL = fake.url
    settings.ELASTICSEARCH_INDEX_PREFIX = "ocop-test"
    settings.ELASTICSEARCH_WRITE_REFRESH = "false"
    settings.PRODUCT_SEARCH_BACKEND = "elasticsearch"
    with time_machine.travel(NOW, tick=False):
        yield fake
    fake.stop()
    assert fake.errors == []
