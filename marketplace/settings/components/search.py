"""Product search: the database backend by default; ELASTICSEARCH_URL is the cluster (health check, Elasticsearch backend)."""

from .. import base_env as _base_env

ELASTICSEARCH_URL = _base_env.env("ELASTICSEARCH_URL", default="")
# "database" (the default) or, once its backend exists, "elasticsearch" (see marketplace.search_index.backends).
PRODUCT_SEARCH_BACKEND = _base_env.env("PRODUCT_SEARCH_BACKEND", default="database")
