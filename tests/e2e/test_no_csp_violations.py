"""The site's main pages run in Chromium under the Content-Security-Policy without a single violation.

Storefront, certificate check, rating portal per role, and as staff the Wagtail admin (dashboard and
page editor), Oscar's dashboard and Django's admin. The violations themselves are collected on every
page by tests/e2e/conftest.py, which fails the test at teardown if there is any.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site

from tests.factories import (
    OcopCertificationFactory,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _session_cookie(user, base_url: str) -> dict:
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}


def _tour(page, *, base_url: str, visits: list[tuple[object, list[str]]], product_url: str) -> dict[str, int]:
    """Open each path as each user (None: anonymous); returns the status each page answered."""
    seen = {}
    for cookie, paths in visits:
        page.context.clear_cookies()
        if cookie:
            page.context.add_cookies([cookie])
        for path in paths:
            response = page.goto(f"{base_url}{path}", wait_until="networkidle")
            seen[path] = response.status
            if path == product_url:
                # puts it in the basket, so that the basket and the checkout's first step have something
                page.locator('form[action^="/shop/basket/add/"] [type=submit]').first.click()
                page.wait_for_load_state("networkidle")
    return seen


def test_main_pages_run_without_csp_violations(live_server, in_desktop_browser, people):
    # given a certified product, its producer, the home page, and a user for every role and staff
    product = ProductFactory(title="Nước mắm Đông Hải", stockrecord__num_in_stock=10)
    ProductImageFactory(product=product)
    certificate = OcopCertificationFactory(product=product, stars=4)
    producer = ProducerFactory()
    staff = UserFactory(is_staff=True, is_superuser=True)
    home = Site.objects.get(is_default_site=True).root_page
    product_url = product.get_absolute_url()
    base = live_server.url
    shop = [
        "/", "/en/", "/shop/catalogue/", "/shop/catalogue/?stars=4&sort=price-asc", product_url,
        "/shop/basket/", "/shop/checkout/", "/shop/search/?q=nuoc", producer.get_absolute_url(),
        "/shop/accounts/login/", "/ocop/verify/", f"/ocop/verify/{certificate.code}/", "/ocop/verify/38-1-1-2020/",
        "/shop/khong-co-trang-nay/",
    ]
    portal = [reverse("ocop_rating:portal")]
    admin = [
        "/cms/", f"/cms/pages/{home.pk}/edit/", f"/cms/pages/{home.pk}/", "/cms/images/",
        "/shop/dashboard/", "/shop/dashboard/catalogue/", "/shop/dashboard/orders/", "/shop/dashboard/reports/",
        "/django-admin/", "/django-admin/catalogue/product/", f"/django-admin/catalogue/product/{product.pk}/change/",
    ]
    roles = [people.producer, people.officer, people.secretariat, people.chair, people.members[0], people.signer]
    visits = [
        (None, shop),
        *[(_session_cookie(user, base), portal) for user in roles],
        (_session_cookie(staff, base), admin),
    ]

    # when a browser opens every one of them
    seen = in_desktop_browser(lambda page: _tour(page, base_url=base, visits=visits, product_url=product_url))

    # then each answered as expected (and, checked at teardown, none reported a CSP violation)
    expected = dict.fromkeys(shop + portal + admin, 200)
    expected.update({"/ocop/verify/38-1-1-2020/": 404, "/shop/khong-co-trang-nay/": 404})
    assert seen == expected
