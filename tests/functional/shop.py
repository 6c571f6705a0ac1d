"""A shopper driving the storefront over HTTP with Django's test client, CSRF enforced."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.factories import THANH_HOA, WARD_DONG_SON

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken"\s+value="([^"]+)"|value="([^"]+)"\s+name="csrfmiddlewaretoken"')

GOOD_ADDRESS = {
    "first_name": "Nguyễn Văn An",
    "phone_number": "0912 345 678",
    "province_code": str(THANH_HOA),
    "ward_code": str(WARD_DONG_SON),
    "line1": "Số 12, thôn Đông Hòa",
    "notes": "Gọi trước khi giao",
}


class _ElementFinder(HTMLParser):
    def __init__(self, predicate):
        super().__init__()
        self.predicate = predicate
        self.found: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        attributes["<tag>"] = tag
        if self.predicate(attributes):
            self.found.append(attributes)


def elements(html: str | bytes, *, css_class: str | None = None, **attrs: str) -> list[dict[str, str]]:
    """Start tags carrying a class and/or attribute values, as attribute dicts (key "<tag>" is the tag)."""
    if isinstance(html, bytes):
        html = html.decode()

    def matches(attributes):
        if css_class is not None and css_class not in attributes.get("class", "").split():
            return False
        return all(attributes.get(name.replace("_", "-")) == value for name, value in attrs.items())

    finder = _ElementFinder(matches)
    finder.feed(html)
    return finder.found


def csrf_token(response) -> str:
    """The token a page's forms carry (fails loudly when the page has no form with one)."""
    match = CSRF_INPUT.search(response.content.decode())
    assert match, f"no csrfmiddlewaretoken in the page at {response.request['PATH_INFO']}"
    return match.group(1) or match.group(2)


def english(msgid: str) -> str:
    """What the English catalogue makes of a Vietnamese msgid (the text an /en/ page must show)."""
    from django.utils import translation

    with translation.override("en"):
        return translation.gettext(msgid)


def message_texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


class Shopper:
    """One browser session: every POST carries the token of the page the form came from."""

    def __init__(self, client: Client | None = None):
        self.client = client or Client(enforce_csrf_checks=True)

    def get(self, url, data=None, **kwargs):
        return self.client.get(url, data, **kwargs)

    def post_form(self, page_url: str, action_url: str | None = None, data: dict | None = None, **kwargs):
        """GET the page, then POST its form (to `action_url` or back to the page) with the page's token."""
        page = self.client.get(page_url)
        assert page.status_code == 200, f"GET {page_url} answered {page.status_code}"
        payload = {"csrfmiddlewaretoken": csrf_token(page), **(data or {})}
        return self.client.post(action_url or page_url, payload, **kwargs)

    def add_to_basket(self, product, quantity: int = 1, **extra):
        return self.post_form(
            product.get_absolute_url(), reverse("basket:add", kwargs={"pk": product.pk}),
            {"quantity": str(quantity), **extra},
        )

    def start_guest_checkout(self, email: str = "khach.le@example.vn"):
        return self.post_form(reverse("checkout:index"), data={"username": email, "options": "anonymous"})

    def enter_shipping_address(self, **overrides):
        return self.post_form(reverse("checkout:shipping-address"), data={**GOOD_ADDRESS, **overrides})

    def choose_shipping_method(self, code: str = "vnpost-standard"):
        return self.post_form(reverse("checkout:shipping-method"), data={"method_code": code})

    def choose_cash_on_delivery(self):
        return self.choose_payment_method("cod")

    def choose_payment_method(self, method: str):
        return self.post_form(reverse("checkout:payment-method"), data={"method": method})

    def place_order(self, **extra):
        return self.post_form(reverse("checkout:preview"), data={"action": "place_order", **extra})

    def submit_order(self, preview, **extra):
        """Press "place order" on an already loaded review page."""
        data = {"csrfmiddlewaretoken": csrf_token(preview), "action": "place_order", **extra}
        return self.client.post(reverse("checkout:preview"), data)

    def checkout_to_preview(self, *, guest_email: str | None = "khach.le@example.vn", payment_method: str = "cod",
                            **address):
        """Run the checkout steps up to the review page, asserting each step moves on."""
        steps = []
        if guest_email is not None:
            steps.append((self.start_guest_checkout, {"email": guest_email}, reverse("checkout:shipping-address")))
        steps += [
            (self.enter_shipping_address, address, reverse("checkout:shipping-method")),
            (self.choose_shipping_method, {}, reverse("checkout:payment-method")),
            (self.choose_payment_method, {"method": payment_method}, reverse("checkout:preview")),
        ]
        for step, kwargs, next_url in steps:
            response = step(**kwargs)
            assert response.status_code == 302, f"{step.__name__}: {response.status_code} {response.content[:2000]!r}"
            assert response.url == next_url, f"{step.__name__} went to {response.url}, expected {next_url}"
        return self.get(reverse("checkout:preview"))
