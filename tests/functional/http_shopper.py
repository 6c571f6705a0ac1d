"""A shopper's own browser over real HTTP (requests, its own cookies), for tests against a live server."""

import html
import threading
from dataclasses import dataclass, field

import requests
from django.utils import translation
from django.utils.translation import gettext

from tests.factories import THANH_HOA, WARD_DONG_SON

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


def stock_messages(title: str) -> list[str]:
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
