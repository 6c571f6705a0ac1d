"""Which address and which account a sign-in counts against (marketplace/core/auth.py), and that production keeps it."""

import importlib
import sys

import pytest
from django.test import RequestFactory, override_settings

from marketplace.core.auth import client_ip_address, login_throttle_username


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "remote_addr", "expected"),
    [
        (0, None, "203.0.113.5", "203.0.113.5"),  # served directly: the socket's address
        (0, "198.51.100.7", "203.0.113.5", "203.0.113.5"),  # no proxy trusted: the header is the client's own
        (1, "203.0.113.5", "172.18.0.5", "203.0.113.5"),  # behind nginx: the entry nginx appended
        (1, "198.51.100.7, 203.0.113.5", "172.18.0.5", "203.0.113.5"),  # forged entries to the left are ignored
        (2, "198.51.100.7, 203.0.113.5, 10.0.0.2", "172.18.0.5", "203.0.113.5"),  # TLS proxy, then nginx
        (1, None, "172.18.0.5", "172.18.0.5"),  # no header at all: the socket's address
        (1, "not-an-address", "172.18.0.5", "172.18.0.5"),  # garbage never reaches the database
        (1, "2001:DB8::1", "172.18.0.5", "2001:db8::1"),
        (0, None, "", None),
    ],
)
def test_client_address(proxies, forwarded_for, remote_addr, expected):
    # given a request as it reaches Django
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    request = RequestFactory().post("/shop/accounts/login/", **meta)

    # when its address is resolved with that many trusted proxies in front
    with override_settings(TRUSTED_PROXY_COUNT=proxies):
        address = client_ip_address(request)

    # then it is the client's, as the first trusted proxy saw it
    assert address == expected


@pytest.mark.parametrize(
    ("credentials", "post", "expected"),
    [
        ({"username": "Hoa.Le@Example.VN", "password": "********************"}, {}, "hoa.le@example.vn"),
        ({"username": "  hoa.le@example.vn "}, {}, "hoa.le@example.vn"),
        ({"email": "HOA.LE@example.vn"}, {}, "hoa.le@example.vn"),
        (None, {"login-username": "HOA.LE@example.vn"}, "hoa.le@example.vn"),  # Oscar's prefixed form
        (None, {"username": "Hoa.Le@example.vn"}, "hoa.le@example.vn"),  # Wagtail, Django admin
        (None, {}, None),
        ({"username": ""}, {}, None),
    ],
)
def test_account_key_is_the_email_in_lower_case(credentials, post, expected):
    request = RequestFactory().post("/shop/accounts/login/", post)

    assert login_throttle_username(request, credentials) == expected


PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 64,
    "DJANGO_ALLOWED_HOSTS": "ocop.example.vn",
    "DATABASE_URL": "postgres://ocop@postgres:5432/ocop",
    "REDIS_URL": "redis://redis:6379/0",
    "EMAIL_HOST": "smtp.example.vn",
    "WAGTAILADMIN_BASE_URL": "https://ocop.example.vn",
}


@pytest.fixture
def production(monkeypatch):
    """The production settings module, read with the environment of the production stack."""
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("DJANGO_TRUSTED_PROXY_COUNT", raising=False)
    sys.modules.pop("marketplace.settings.production", None)
    try:
        return importlib.import_module("marketplace.settings.production")
    finally:
        sys.modules.pop("marketplace.settings.production", None)


def test_production_links_in_emails_sent_outside_a_request_use_https(production):
    assert production.OSCAR_URL_SCHEMA == "https"


def test_production_settings_keep_throttling_on_behind_nginx(production):
    # then throttling is on, first among the backends, last among the middleware, and trusts nginx's address
    assert production.AXES_ENABLED is True
    assert production.AUTHENTICATION_BACKENDS[0] == "marketplace.core.auth.LoginThrottleBackend"
    assert production.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"
    assert "axes" in production.INSTALLED_APPS
    assert (production.AXES_FAILURE_LIMIT, production.AXES_COOLOFF_TIME.total_seconds()) == (5, 900)
    assert production.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert production.TRUSTED_PROXY_COUNT == 1
