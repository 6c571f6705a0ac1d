"""Product search: the database backend by default; Elasticsearch when ELASTICSEARCH_URL names a cluster.

ELASTICSEARCH_URL set (docker-compose.yml sets it) makes "elasticsearch" the default PRODUCT_SEARCH_BACKEND; the
environment may still choose "database". Product indices are "<prefix>-products-<timestamp>" behind the alias
"<prefix>-products"; Wagtail's own indices on the same cluster start with "<prefix>-wagtail-".
"""

from .. import base_env as _base_env

ELASTICSEARCH_URL = _base_env.env("ELASTICSEARCH_URL", default="")
ELASTICSEARCH_INDEX_PREFIX = _base_env.env("ELASTICSEARCH_INDEX_PREFIX", default="ocop")
# Seconds per request to the cluster (a search page waits at most this long before saying search is down).
ELASTICSEARCH_TIMEOUT = _base_env.env.float("ELASTICSEARCH_TIMEOUT", default=5.0)
# How writes wait for the new content to be searchable: "false" (the refresh interval, 1 s), "wait_for" or "true".
ELASTICSEARCH_WRITE_REFRESH = _base_env.env("ELASTICSEARCH_WRITE_REFRESH", default="false")
# "database" or "elasticsearch" (see marketplace.search_index.backends).
PRODUCT_SEARCH_BACKEND = _base_env.env(
    "PRODUCT_SEARCH_BACKEND", default="elasticsearch" if ELASTICSEARCH_URL else "database",
)
# The catalogue's lists (catalogue:index, catalogue:category) list and filter through the product search, with
# the search page's facets (catalog.apps.CatalogueConfig reads this; the catalogue may not import search_index).
CATALOGUE_LIST_VIEWS = {
    "index": "marketplace.search_index.views.CatalogueView",
    "category": "marketplace.search_index.views.ProductCategoryView",
}
