"""Product search: one interface (``marketplace.search_index.api``), backends chosen by ``PRODUCT_SEARCH_BACKEND``.

The only module that may import ``elasticsearch``/``elasticsearch_dsl`` (an import-linter contract). The
index is kept true from the outbox: the topic ``search.product`` receives every ``catalog.product`` event.
"""
