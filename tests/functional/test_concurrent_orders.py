"""No oversell under contention: 50 shoppers place orders at once for a product with 10 in stock.

Runs in the PostgreSQL pass only: SQLite serialises writers, so it cannot show a race.
"""

import html
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import requests
from django.db import connection
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from tests.factories import THANH_HOA, WARD_DONG_SON, ProductFactory, ProductImageFactory

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
TIMEOUT = 60


@dataclass
class Outcome:
    statuses: list[int] = field(default_factory=list)
    final_url: str = ""
    body: str = ""
    error: str = ""


class HttpShopper:
    """One independent browser: its own cookie jar, session and basket."""

    def __init__(self, base_url: str, n: int):
        self.base = base_url
        self.n = n
        self.http = requests.Session()

    def _post(self, path: str, data: dict, *, expect: str) -> requests.Response:
        data = {"csrfmiddlewaretoken": self.http.cookies["csrftoken"], **data}
        response = self.http.post(self.base + path, data=data, allow_redirects=False, timeout=TIMEOUT)
        location = response.headers.get("Location", "")
        assert response.status_code == 302 and location.endswith(expect), (
            f"shopper {self.n}: POST {path} → {response.status_code} {location!r}, expected a redirect to {expect}\n"
            f"{response.text[:3000]}"
        )
        return response

    def prepare(self, product_url: str, product_pk: int) -> None:
        """Basket one item and go through the guest checkout up to the review page."""
        page = self.http.get(self.base + product_url, timeout=TIMEOUT)
        assert page.status_code == 200, f"shopper {self.n}: product page {page.status_code}"
        assert "csrftoken" in self.http.cookies, "the product page sets no CSRF cookie"
        self._post(f"/shop/basket/add/{product_pk}/", {"quantity": "1"}, expect="")
        self._post("/shop/checkout/", {"username": f"khach{self.n}@example.vn", "options": "anonymous"},
                   expect="/shop/checkout/shipping-address/")
        self._post("/shop/checkout/shipping-address/", {
            "first_name": f"Khách hàng {self.n}", "phone_number": "0912 345 678", "province_code": str(THANH_HOA),
            "ward_code": str(WARD_DONG_SON), "line1": f"Số {self.n}, đường Lê Lợi", "notes": "",
        }, expect="/shop/checkout/shipping-method/")
        self._post("/shop/checkout/shipping-method/", {"method_code": "vnpost-standard"},
                   expect="/shop/checkout/payment-method/")
        self._post("/shop/checkout/payment-method/", {"method": "cod"}, expect="/shop/checkout/preview/")
        preview = self.http.get(self.base + "/shop/checkout/preview/", timeout=TIMEOUT)
        assert preview.status_code == 200, f"shopper {self.n}: preview {preview.status_code}"

    def place_order(self, barrier: threading.Barrier, outcome: Outcome) -> None:
        data = {"csrfmiddlewaretoken": self.http.cookies["csrftoken"], "action": "place_order"}
        barrier.wait(timeout=TIMEOUT)
        try:
            response = self.http.post(self.base + "/shop/checkout/preview/", data=data, timeout=TIMEOUT)
        except requests.RequestException as exc:  # reported by the test, not raised in the thread
            outcome.error = repr(exc)
            return
        outcome.statuses = [r.status_code for r in response.history] + [response.status_code]
        outcome.final_url = response.url
        outcome.body = response.text


def _stock_messages(title: str) -> list[str]:
    """What a shopper who lost the race may be told, as it appears in the page."""
    with translation.override("vi"):
        allocation = gettext(
            "Sản phẩm “%(title)s” không còn đủ %(quantity)s trong kho. Vui lòng giảm số lượng trong giỏ hàng."
        ) % {"title": title, "quantity": 1}
        reason = gettext("no stock available")
        precondition = gettext(
            "'%(title)s' is no longer available to buy (%(reason)s). Please adjust your basket to continue"
        ) % {"title": title, "reason": reason}
    return [html.escape(allocation), html.escape(precondition)]


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
    messages = _stock_messages(product.title)
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
