"""Site-wide behaviour over HTTP: languages, health check, who may open what."""

import json

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_vietnamese_catalogue_is_unprefixed(client):
    response = client.get("/shop/catalogue/")

    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_english_catalogue_is_under_en(client):
    response = client.get("/en/shop/catalogue/")

    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_home_page_is_served(client):
    response = client.get("/")

    assert response.status_code == 200
    assert '<html lang="vi"' in response.content.decode()


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["database"] == "ok"
    assert body["status"] == "ok"


def test_healthz_answers_503_when_the_database_fails(client, monkeypatch):
    from marketplace.core import health

    def broken():
        raise OSError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "error"
    assert json.loads(response.content)["status"] == "error"


@pytest.mark.parametrize(
    ("url", "login_url"),
    [
        ("/shop/accounts/", "/shop/accounts/login/?next=/shop/accounts/"),
        ("/shop/accounts/orders/", "/shop/accounts/login/?next=/shop/accounts/orders/"),
        ("/shop/dashboard/", "/shop/dashboard/login/?next=/shop/dashboard/"),
    ],
)
def test_anonymous_visitor_is_sent_to_login(client, url, login_url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url


def test_anonymous_visitor_is_sent_to_cms_login(client):
    response = client.get("/cms/")

    assert response.status_code == 302
    assert response.url == "/cms/login/?next=/cms/"


@pytest.mark.parametrize("url", ["/shop/dashboard/", "/shop/dashboard/orders/"])
def test_customer_is_forbidden_the_dashboard(client, url):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("url", "login_url"),
    [("/cms/", "/cms/login/?next=/cms/"), ("/django-admin/", "/django-admin/login/?next=/django-admin/")],
)
def test_customer_is_sent_to_staff_login_for_admin_sites(client, url, login_url):
    client.force_login(UserFactory())

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == login_url


def test_customer_opens_their_account(client):
    client.force_login(UserFactory())

    assert client.get("/shop/accounts/").status_code == 302  # Oscar's summary redirects to the profile
    assert client.get("/shop/accounts/profile/").status_code == 200
    assert client.get("/shop/accounts/orders/").status_code == 200


def test_staff_opens_the_dashboard(client):
    client.force_login(UserFactory(is_staff=True))

    response = client.get("/shop/dashboard/")

    assert response.status_code == 200


def test_csrf_token_is_required_for_basket_posts(product):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/shop/basket/add/{product.pk}/", {"quantity": "1"})

    assert response.status_code == 403


def test_wards_api_lists_thanh_hoa_wards(client):
    response = client.get("/api/divisions/wards/38/")

    assert response.status_code == 200
    wards = json.loads(response.content)["wards"]
    assert len(wards) == 166
    assert {"code": 16378, "name": "Phường Đông Sơn"} in wards


def test_wards_api_unknown_province_is_404(client):
    assert client.get("/api/divisions/wards/999/").status_code == 404
