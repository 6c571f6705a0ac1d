"""Every response carries the Content-Security-Policy, exactly; no page has a script the policy refuses."""

import base64
import hashlib
import io
import re
from pathlib import Path

import pytest
import wagtail.images
from django.core.files.images import ImageFile
from django.test import Client
from django.urls import path
from PIL import Image
from wagtail.images import get_image_model
from wagtail.models import Site

from marketplace import urls as site_urls
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db

SITE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}
WAGTAIL_ADMIN_POLICY = {
    **SITE_POLICY,
    "script-src-attr": ["'unsafe-hashes'", "'sha256-i+qr4lq34KgNHiW62lWi9aInEBwiEOrfCzaNPCvkqD8='"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
}

JCROP = Path(wagtail.images.__file__).parent / "static/wagtailimages/js/vendor/jquery.Jcrop.min.js"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def _explode(request):
    raise RuntimeError("boom")


urlpatterns = [path("test-errors/explode/", _explode), *site_urls.urlpatterns]


def _policy(response) -> dict[str, list[str]]:
    directives = (part.split() for part in response["Content-Security-Policy"].split(";") if part.strip())
    return {name: values for name, *values in directives}


def _with_nonce(policy: dict[str, list[str]], response) -> dict[str, list[str]]:
    """The expected policy for this page: plus its nonce when (and only when) it has nonce-marked scripts."""
    nonces = set(re.findall(r'<script nonce="([^"]+)"', response.content.decode()))
    assert len(nonces) <= 1
    if not nonces:
        return policy
    return {**policy, "script-src": [*policy["script-src"], f"'nonce-{nonces.pop()}'"]}


def _scripts_the_policy_refuses(response) -> list[str]:
    """Inline <script> elements without the page's nonce (JSON data excepted), inline handlers, javascript: URLs."""
    html = response.content.decode()
    # Data blocks (JSON, and the schema.org JSON-LD in the head) are never executed, so the policy needs nothing for them.
    refused = [
        attributes for attributes in INLINE_SCRIPT.findall(html)
        if not re.search(r'type="application/(?:ld\+)?json"', attributes) and "nonce=" not in attributes
    ]
    refused += EVENT_HANDLER.findall(html)
    refused += re.findall(r"""(?:href|src|action)\s*=\s*["']\s*javascript:""", html, re.IGNORECASE)
    return refused


@pytest.fixture
def certificate():
    return CertificateFactory(product=ProductFactory(title="Nước mắm Đông Hải"), stars=4)


@pytest.fixture
def officer(people):
    client = Client()
    client.force_login(people.secretariat)
    return client


def _public_paths(certificate) -> list[tuple[str, int]]:
    product = certificate.product
    return [
        ("/", 200), ("/en/", 200), ("/shop/catalogue/", 200), (product.get_absolute_url(), 200),
        ("/shop/basket/", 200), ("/shop/search/?q=mam", 200), ("/shop/accounts/login/", 200),
        ("/ocop/verify/", 200), (f"/ocop/verify/{certificate.code}/", 200), ("/ocop/verify/38-1-1-2020/", 404),
        ("/shop/khong-co/", 404), ("/en/shop/no-such-page/", 404), ("/django-admin/login/", 200),
        ("/cms/login/", 200),
    ]


def test_every_public_page_carries_the_site_policy_and_no_refused_script(certificate):
    client = Client()
    for path_, status in _public_paths(certificate):
        response = client.get(path_)

        assert (path_, response.status_code) == (path_, status)
        expected = WAGTAIL_ADMIN_POLICY if path_.startswith("/cms/") else SITE_POLICY
        assert (path_, _policy(response)) == (path_, _with_nonce(expected, response))
        assert (path_, _scripts_the_policy_refuses(response)) == (path_, [])


def test_files_redirects_json_and_health_carry_the_policy_too(client, certificate):
    responses = {
        "pdf": client.get(f"/ocop/verify/{certificate.code}/certificate.pdf"),
        "png": client.get(f"/ocop/verify/{certificate.code}/qr.png"),
        "json": client.get("/api/divisions/wards/38/"),
        "redirect": client.get("/ocop/verify/", {"code": certificate.code}),
        "health": client.get("/healthz"),
        "login redirect": client.get("/shop/dashboard/"),
    }

    assert {kind: r.status_code for kind, r in responses.items()} == {
        "pdf": 200, "png": 200, "json": 200, "redirect": 302, "health": 200, "login redirect": 302,
    }
    assert {kind: _policy(r) for kind, r in responses.items()} == dict.fromkeys(responses, SITE_POLICY)


def test_staff_pages_carry_the_policy_and_no_refused_script(staff_client, certificate):
    home = Site.objects.get(is_default_site=True).root_page
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (40, 120, 60)).save(buffer, format="JPEG")
    image = get_image_model().objects.create(title="Ruộng lúa", file=ImageFile(buffer, name="ruong-lua.jpg"))
    pages = [
        "/shop/dashboard/", "/shop/dashboard/catalogue/", "/shop/dashboard/orders/", "/shop/dashboard/kenh-buu-dien/",
        f"/shop/dashboard/catalogue/products/{certificate.product.pk}/",
        "/shop/dashboard/catalogue/product-type/create/", "/shop/dashboard/partners/create/",
        "/shop/accounts/profile/edit/", "/shop/accounts/change-password/", "/shop/accounts/wishlists/create/",
        "/django-admin/", "/django-admin/catalogue/product/", "/cms/", f"/cms/pages/{home.pk}/edit/",
        f"/cms/pages/{home.pk}/", "/cms/images/", f"/cms/images/{image.pk}/",
    ]
    for path_ in pages:
        response = staff_client.get(path_)

        assert (path_, response.status_code) == (path_, 200)
        expected = WAGTAIL_ADMIN_POLICY if path_.startswith("/cms/") else SITE_POLICY
        assert (path_, _policy(response)) == (path_, _with_nonce(expected, response))
        assert (path_, _scripts_the_policy_refuses(response)) == (path_, [])


def test_the_wagtail_admin_allows_by_hash_exactly_the_handler_its_image_cropper_sets():
    # given the inline event handler texts Jcrop (the image editor's focal-point cropper) sets:
    # ``div.setAttribute("on" + "touchstart", "return;")`` and the like, to probe for touch support
    handlers = re.findall(r'setAttribute\(\w+,"([^"]*)"\)', JCROP.read_text())

    # when their SHA-256 is taken as CSP Level 3 writes it
    hashes = [f"'sha256-{base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()}'" for text in handlers]

    # then the /cms/ policy allows those handler texts and nothing else inline, and scripts stay 'self' only
    assert handlers == ["return;"]
    assert WAGTAIL_ADMIN_POLICY["script-src-attr"] == ["'unsafe-hashes'", *hashes]
    assert WAGTAIL_ADMIN_POLICY["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in WAGTAIL_ADMIN_POLICY["script-src-attr"]


def test_portal_pages_carry_the_policy(officer):
    for path_ in ["/ocop/", "/ocop/rounds/", "/ocop/dashboard/", "/ocop/certificates/"]:
        response = officer.get(path_)

        assert (path_, response.status_code) == (path_, 200)
        assert (path_, _policy(response)) == (path_, _with_nonce(SITE_POLICY, response))
        assert (path_, _scripts_the_policy_refuses(response)) == (path_, [])


@pytest.mark.urls(__name__)
def test_error_pages_rendered_without_a_request_carry_the_policy(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client(raise_request_exception=False)

    server_error = client.get("/test-errors/explode/")
    bad_request = client.get("/", HTTP_HOST="evil.example")

    assert (server_error.status_code, bad_request.status_code) == (500, 400)
    assert _policy(server_error) == SITE_POLICY
    assert _policy(bad_request) == SITE_POLICY
    assert _scripts_the_policy_refuses(server_error) == _scripts_the_policy_refuses(bad_request) == []
