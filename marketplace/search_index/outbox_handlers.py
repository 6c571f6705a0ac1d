"""The search index's outbox handler (topic ``search.product``): re-read the products named, index or remove them."""

from marketplace.outbox.registry import Delivered, Failed, Outcome, outbox_handler

from .api import index_products
from .documents import TOPIC


@outbox_handler(TOPIC, batch_size=200)
def search_index_products(messages) -> dict[str, Outcome]:
    """Bring the index in line with the products' current state (a message says only which product changed)."""
    outcomes: dict[str, Outcome] = {}
    product_ids = []
    for message in messages:
        if message.key.isdigit():
            product_ids.append(int(message.key))
            outcomes[message.key] = Delivered()
        else:
            outcomes[message.key] = Failed(reason=f"not a product id: {message.key!r}")
    index_products(product_ids)
    return outcomes
