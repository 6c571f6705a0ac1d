"""Two producers lower their stock in the portal while shoppers check out: stock never oversold nor negative.

Issue 9's isolation rule: "Two producers editing stock while shoppers check out never drive stock negative or
oversell". Each producer keeps lowering its own product's stock by one from the edit page (with the stock the
page showed, as a phone would), while 20 shoppers per product press "place order" at the same moment. An edit
that would go below what orders hold, or that raced an order, is refused with its reason; every order placed
is covered by stock. Runs in the PostgreSQL pass only: SQLite serialises writers, so it cannot show a race.
"""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
import requests
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from oscar.core.loading import get_model

from catalog.models import ProductSet
from marketplace.producers.models import ProducerAction
from tests.factories import (
    WARD_DONG_SON,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    producer_user,
)

from .http_shopper import TIMEOUT, HttpShopper, Outcome, stock_messages

Order = get_model("order", "Order")
OrderLine = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: concurrent stock edits"),
]

STOCK = 10
SHOPPERS_PER_PRODUCT = 20
EDITS_PER_PRODUCER = 8
STOCK_SEEN = re.compile(r'name="stock_seen" value="(\d+)"')


@dataclass
class EditLog:
    saved: int = 0
    refused: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


class HttpProducer:
    """A producer's phone: signed in to the portal, lowering one product's stock by one, again and again."""

    def __init__(self, base_url: str, producer, product):
        user = producer_user(producer)
        client = Client()
        client.force_login(user)
        self.base = base_url
        self.product = product
        self.edit_path = reverse("producer_portal:listing_edit", kwargs={"product_id": product.pk})
        self.http = requests.Session()
        self.http.cookies.set("sessionid", client.cookies["sessionid"].value)
        self.form = {
            "ocop_set": str(ProductSet.objects.get(number=9).pk), "title": product.title, "description": "",
            "price": "125000", "weight_grams": "500", "origin_ward_code": str(WARD_DONG_SON), "is_public": "on",
        }

    def lower_stock(self, barrier: threading.Barrier, log: EditLog) -> None:
        barrier.wait(timeout=TIMEOUT)
        for _ in range(EDITS_PER_PRODUCER):
            try:
                page = self.http.get(self.base + self.edit_path, timeout=TIMEOUT)
                seen = int(STOCK_SEEN.search(page.text).group(1))
                response = self.http.post(self.base + self.edit_path, timeout=TIMEOUT, allow_redirects=False, data={
                    **self.form, "csrfmiddlewaretoken": self.http.cookies["csrftoken"],
                    "stock_seen": str(seen), "num_in_stock": str(seen - 1),
                })
            except (requests.RequestException, AttributeError) as exc:
                log.errors.append(repr(exc))
                continue
            if response.status_code == 302:
                log.saved += 1
            elif response.status_code == 200:
                log.refused.append(response.text)
            else:
                log.errors.append(f"{response.status_code}: {response.text[:500]}")


def _refusal_reasons(page: str) -> list[str]:
    """Which of the service's two stock refusals the re-shown form carries."""
    with translation.override("vi"):
        below = gettext("Không thể đặt tồn kho %(stock)s: đang có %(allocated)s sản phẩm được giữ cho đơn hàng "
                        "chưa giao.").split("%(stock)s")[0]
        moved = gettext("Tồn kho vừa thay đổi thành %(now)s (có đơn hàng mới). Hãy xem lại rồi nhập lại số "
                        "lượng.").split("%(now)s")[0]
    return [name for name, text in (("below_allocated", below), ("moved", moved)) if text in page]


def test_two_producers_lowering_stock_while_shoppers_check_out_never_oversell(live_server):
    # given two producers with one product each, 10 in stock, and 20 shoppers per product at the review page
    products = []
    for name, title in (("HTX Nem chua Vạn Thắng", "Nem chua lá ổi"), ("HTX Chè lam Phủ Quảng", "Chè lam gừng")):
        product = ProductFactory(title=title, producer=ProducerFactory(name=name), stockrecord__num_in_stock=STOCK)
        ProductImageFactory(product=product)
        products.append(product)
    producers = [HttpProducer(live_server.url, product.producer, product) for product in products]
    shoppers = [(HttpShopper(live_server.url, n), product)
                for n, product in enumerate(p for p in products for _ in range(SHOPPERS_PER_PRODUCT))]
    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(lambda pair: pair[0].prepare(pair[1].get_absolute_url(), pair[1].pk), shoppers))
    for producer in producers:  # each producer's session gets its CSRF cookie from the portal
        assert producer.http.get(live_server.url + producer.edit_path, timeout=TIMEOUT).status_code == 200

    # when the shoppers press "place order" while both producers keep lowering their stock by one
    barrier = threading.Barrier(len(shoppers) + len(producers))
    outcomes = [Outcome() for _ in shoppers]
    logs = [EditLog() for _ in producers]
    threads = [threading.Thread(target=shopper.place_order, args=(barrier, outcome))
               for (shopper, _product), outcome in zip(shoppers, outcomes, strict=True)]
    threads += [threading.Thread(target=producer.lower_stock, args=(barrier, log))
                for producer, log in zip(producers, logs, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=4 * TIMEOUT)

    # then nobody saw an error, and for each product the orders are covered by the stock the producer left
    assert [o.error for o in outcomes if o.error] == []
    assert [(n, o.statuses) for n, o in enumerate(outcomes) if any(s >= 500 for s in o.statuses)] == []
    assert [log.errors for log in logs] == [[], []]
    for product, producer_log in zip(products, logs, strict=True):
        record = StockRecord.objects.get(product=product)
        sold = OrderLine.objects.filter(product=product).count()
        bought = [o for (_s, p), o in zip(shoppers, outcomes, strict=True) if p == product]
        winners = [o for o in bought if o.final_url.endswith("/shop/checkout/thank-you/")]
        # every edit was either saved or refused for a stock reason, and each saved one lowered the stock by one
        assert producer_log.saved + len(producer_log.refused) == EDITS_PER_PRODUCER
        assert all(_refusal_reasons(page) for page in producer_log.refused), "an edit refused without its reason"
        assert record.num_in_stock == STOCK - producer_log.saved
        saved_actions = ProducerAction.objects.filter(action="product_updated", target_id=str(product.pk))
        assert saved_actions.count() == producer_log.saved
        # what orders hold is what was sold, never more than the stock: nothing oversold, nothing negative
        assert record.num_allocated == sold == len(winners)
        assert 0 <= record.num_allocated <= record.num_in_stock
        assert sold >= 1
        # and every shopper who lost the race was told why
        messages = stock_messages(product.title)
        untold = [o.final_url for o in bought if o not in winners and not any(m in o.body for m in messages)]
        assert untold == []
    assert Order.objects.count() == sum(OrderLine.objects.filter(product=p).count() for p in products)
