"""The site's main pages run in Chromium under the Content-Security-Policy without a single violation.

Storefront, certificate check, rating portal per role, and as staff the Wagtail admin (dashboard and
page editor, and the image editor with its focal-point cropper), Oscar's dashboard and Django's admin. The violations themselves are collected on every
page by tests/e2e/conftest.py, which fails the test at teardown if there is any.
"""

import io

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Site

from tests.factories import (
    CertificateFactory,
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
    certificate = CertificateFactory(product=product, stars=4)
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


def _focal_point_dragged_and_saved(page, *, url: str) -> str:
    """Open the image editor, drag a box over the image in its cropper (Jcrop) and save; returns the URL reached."""
    page.goto(url, wait_until="networkidle")
    box = page.locator(".focal-point-chooser .jcrop-holder").bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.25)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.5, steps=8)
    page.mouse.up()
    page.locator("form.w-form-width button[type=submit], main form button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    return page.url


def test_image_editor_sets_a_focal_point_without_csp_violations(live_server, in_desktop_browser):
    # given a Wagtail image with no focal point, and a staff member
    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), (40, 120, 60)).save(buffer, format="JPEG")
    image = get_image_model().objects.create(title="Ruộng lúa Thiệu Hóa", file=ImageFile(buffer, name="ruong-lua.jpg"))
    staff = UserFactory(is_staff=True, is_superuser=True)
    cookie = _session_cookie(staff, live_server.url)
    edit_url = f"{live_server.url}/cms/images/{image.pk}/"

    # when the staff member drags a box over the image in the editor's cropper and saves
    def script(page):
        page.context.add_cookies([cookie])
        return _focal_point_dragged_and_saved(page, url=edit_url)

    reached = in_desktop_browser(script)

    # then the image is saved with the box as its focal point, to the pixel the mouse can hit (and, checked at
    # teardown, no CSP violation: Jcrop's touch-support probe sets on* attributes the /cms/ policy allows by hash)
    assert reached == f"{live_server.url}/cms/images/"
    image.refresh_from_db()
    focal_point = (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height)
    assert focal_point == pytest.approx((150, 112, 100, 75), abs=3)
