"""Sign-in throttling (django-axes): which account and which address a sign-in counts against.

Settings in marketplace/settings/components/axes.py; a staff member unlocks an account in the
Django admin (README, "Locked accounts").
"""

import ipaddress
from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


class LoginThrottleBackend(AxesStandaloneBackend):
    """Refuse every sign-in of an account locked for the client's address; first in AUTHENTICATION_BACKENDS.

    authenticate() without a request has no client to throttle (Django's test client, the shell,
    Oscar's registration signing a new customer in with the password just chosen) and is left to the
    next backends; every sign-in form served over HTTP passes its request.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def login_throttle_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """Name the account a sign-in is for by its e-mail in lower case, whichever form or identifier was used.

    Accounts sign in by e-mail (any case) on every form; the Django admin and Wagtail also accept
    the username, which is mapped to the same account's e-mail so the two count together.
    """
    credentials = credentials or {}
    identifier = (
        credentials.get("username")
        or credentials.get("email")
        or request.POST.get("login-username")  # Oscar's sign-in form is prefixed
        or request.POST.get("username")
    )
    identifier = str(identifier or "").strip()
    if not identifier:
        return None
    if "@" not in identifier:
        email = get_user_model().objects.filter(username=identifier).values_list("email", flat=True).first()
        identifier = email or identifier
    return identifier.lower()


def client_ip_address(request: HttpRequest) -> str | None:
    """Return the address the request came from, as seen by the first of our own proxies.

    Each trusted proxy in front of Django (settings.TRUSTED_PROXY_COUNT; the nginx of docker/ is
    one) appends the address it received the request from to X-Forwarded-For, so the client is
    the n-th entry from the right; whatever stands to its left was written by the client.
    """
    candidates = []
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= proxies:
            candidates.append(forwarded[-proxies])
    candidates.append(request.META.get("REMOTE_ADDR"))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None):
    """Render the themed "too many attempts" page (HTTP 429) with when to try again and how to reset."""
    cool_off = get_cool_off(request) or timedelta(0)
    response = render(
        request,
        "auth/login_locked.html",
        {"cooloff_minutes": int(cool_off.total_seconds() // 60), "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


class UnlockOnPasswordChange:
    """Lift every sign-in lock of an account whose password changes (reset by e-mail, change, admin).

    Listed in AUTH_PASSWORD_VALIDATORS for Django's ``password_changed`` hook, which every path that
    sets a password calls once the user is saved; it refuses no password. The lockout page sends a
    locked user to the password reset, so the new password must let them in at once.
    """

    def validate(self, password, user=None):
        return None

    def password_changed(self, password, user=None):
        if user is not None and user.email:
            from axes.utils import reset

            reset(username=user.email.strip().lower())

    def get_help_text(self):
        return _("Đặt mật khẩu mới cũng mở khóa đăng nhập nếu tài khoản đang bị tạm khóa.")
