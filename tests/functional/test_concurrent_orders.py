"""No oversell under contention: 50 shoppers place orders at once for a product with 10 in stock.

Runs in the PostgreSQL pass only: SQLite serialises writers, so it cannot show a race.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from oscar.core.loading import get_model

from tests.factories import ProductFactory, ProductImageFactory

from .http_shopper import TIMEOUT, HttpShopper, Outcome, stock_messages

Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent placements"),
]

SHOPPERS = 50
STOCK = 10
ROUNDS = 5


def _run_round(live_server, round_number: int) -> list[str]:
    product = ProductFactory(title=f"Nem chua Thanh Hóa đợt {round_number}", stockrecord__num_in_stock=STOCK)
    ProductImageFactory(product=product)
    orders_before = Order.objects.count()
    shoppers = [HttpShopper(live_server.url, round_number * 100 + n) for n in range(SHOPPERS)]

    # given 50 shoppers each at the review page with one item in their basket
    with ThreadPoolExecutor(max_workers=25) as pool:
        list(pool.map(lambda s: s.prepare(product.get_absolute_url(), product.pk), shoppers))
    assert Order.objects.count() == orders_before

    # when all of them press "place order" at the same moment
    barrier = threading.Barrier(SHOPPERS)
    outcomes = [Outcome() for _ in shoppers]
    threads = [threading.Thread(target=s.place_order, args=(barrier, o)) for s, o in zip(shoppers, outcomes, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * TIMEOUT)

    # then exactly the stock was sold, nobody saw a server error, and every loser was told why
    assert [o.error for o in outcomes if o.error] == []
    server_errors = [(n, o.statuses) for n, o in enumerate(outcomes) if any(s >= 500 for s in o.statuses)]
    assert server_errors == []
    orders = Order.objects.filter(lines__product=product).distinct()
    assert orders.count() == STOCK
    assert Order.objects.count() == orders_before + STOCK
    assert OrderLine.objects.filter(product=product).count() == STOCK
    stock = StockRecord.objects.get(product=product)
    assert (stock.num_in_stock, stock.num_allocated) == (STOCK, STOCK)

    numbers = set(orders.values_list("number", flat=True))
    winners = [o for o in outcomes if o.final_url.endswith("/shop/checkout/thank-you/")]
    losers = [o for o in outcomes if not o.final_url.endswith("/shop/checkout/thank-you/")]
    assert len(winners) == STOCK
    # each winner's thank-you page shows its own order number
    assert {n for n in numbers for o in winners if n in o.body} == numbers
    messages = stock_messages(product.title)
    told = [o for o in losers if any(message in o.body for message in messages)]
    assert len(told) == SHOPPERS - STOCK, (
        "losers not told about the stock: "
        + "; ".join(f"{o.statuses} {o.final_url}" for o in losers if o not in told)
    )
    return sorted({o.final_url.replace(live_server.url, "") for o in losers})


def test_fifty_shoppers_ten_in_stock_exactly_ten_orders(live_server):
    started = time.monotonic()
    rounds = [_run_round(live_server, round_number) for round_number in range(1, ROUNDS + 1)]
    elapsed = time.monotonic() - started
    print(f"{ROUNDS} rounds of {SHOPPERS} shoppers in {elapsed:.1f} s; losers were shown {rounds}")
