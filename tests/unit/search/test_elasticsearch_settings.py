"""ELASTICSEARCH_URL switches product search and Wagtail's search to the cluster; the settings are read afresh."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROBE = """
import json, django
django.setup()
from django.conf import settings
from wagtail.search.backends import get_search_backend
backend = get_search_backend()
print(json.dumps({"product": settings.PRODUCT_SEARCH_BACKEND, "prefix": settings.ELASTICSEARCH_INDEX_PREFIX,
                  "wagtail": type(backend).__module__ + "." + type(backend).__name__,
                  "wagtail_prefix": getattr(backend, "index_prefix", None)}))
"""


def _settings(**environment) -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in ("ELASTICSEARCH_URL", "ELASTICSEARCH_INDEX_PREFIX", "PRODUCT_SEARCH_BACKEND")}
    env.update(DJANGO_SETTINGS_MODULE="marketplace.settings.local", DATABASE_URL="sqlite://:memory:", **environment)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, {"product": "database", "prefix": "ocop",
          "wagtail": "modelsearch.backends.database.fallback.DatabaseSearchBackend", "wagtail_prefix": None}),
    ({"ELASTICSEARCH_URL": "http://elasticsearch:9200", "ELASTICSEARCH_INDEX_PREFIX": "cho"},
     {"product": "elasticsearch", "prefix": "cho",
      "wagtail": "modelsearch.backends.elasticsearch8.Elasticsearch8SearchBackend", "wagtail_prefix": "cho-wagtail-"}),
    ({"ELASTICSEARCH_URL": "http://elasticsearch:9200", "PRODUCT_SEARCH_BACKEND": "database"},
     {"product": "database", "prefix": "ocop",
      "wagtail": "modelsearch.backends.elasticsearch8.Elasticsearch8SearchBackend", "wagtail_prefix": "ocop-wagtail-"}),
])
def test_the_cluster_address_chooses_the_backends(environment, expected):
    assert _settings(**environment) == expected
