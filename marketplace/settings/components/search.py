"""Product search: the database backend by default, Elasticsearch 8 when ELASTICSEARCH_URL is set."""

from .. import base_env as _base_env

ELASTICSEARCH_URL = _base_env.env("ELASTICSEARCH_URL", default="")
PRODUCT_SEARCH_BACKEND = "elasticsearch" if ELASTICSEARCH_URL else "database"
