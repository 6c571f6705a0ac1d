"""The one transactional outbox (ARCHITECTURE.md decision 6).

A change that must reach the outside world (the postal channel, the search index) is written with
``outbox_write`` in the same transaction as the change; after commit a Celery task hands due messages
of the topic, in batches, to the handler registered for it (``outbox_handler``). Delivery is
at-least-once, so handlers must be idempotent, keyed by our ids.
"""
