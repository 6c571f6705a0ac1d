"""Sign-in throttling on every login form: 5 wrong passwords lock an account for the address they came from.

Settings: marketplace/settings/components/axes.py; account and address: marketplace/core/auth.py.
"""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from axes.models import AccessAttempt, AccessFailureLog
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

from .shop import Shopper, csrf_token

pytestmark = pytest.mark.django_db

LOCKED_MESSAGE = (
    "Tài khoản này đã bị tạm khóa đăng nhập từ địa chỉ của bạn vì nhập sai mật khẩu quá nhiều lần. "
    "Vui lòng thử lại sau 15 phút."
)
WRONG = "sai-mat-khau"
START = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _shop_login(client, email, password, **extra):
    page = client.get(reverse("customer:login"), **extra)
    data = {"csrfmiddlewaretoken": csrf_token(page), "login-username": email, "login-password": password,
            "login_submit": "1"}
    return client.post(reverse("customer:login"), data, **extra)


def _checkout_login(client, email, password, **extra):
    page = client.get(reverse("checkout:index"), **extra)
    data = {"csrfmiddlewaretoken": csrf_token(page), "username": email, "password": password, "options": "existing"}
    return client.post(reverse("checkout:index"), data, **extra)


def _cms_login(client, email, password, **extra):
    page = client.get("/cms/login/", **extra)
    data = {"csrfmiddlewaretoken": csrf_token(page), "username": email, "password": password}
    return client.post("/cms/login/", data, **extra)


def _admin_login(client, email, password, **extra):
    page = client.get("/django-admin/login/", **extra)
    data = {"csrfmiddlewaretoken": csrf_token(page), "username": email, "password": password,
            "next": "/django-admin/"}
    return client.post("/django-admin/login/", data, **extra)


LOGIN_FORMS = {
    "shop": _shop_login,
    "checkout": _checkout_login,
    "cms": _cms_login,
    "django-admin": _admin_login,
}


@pytest.fixture(params=list(LOGIN_FORMS))
def login_form(request):
    """(name, sign-in function); the checkout gateway needs something in the basket to open."""
    name = request.param
    if name == "checkout":
        product = request.getfixturevalue("product")
        return name, lambda client, *args, **extra: _with_basket(client, product, _checkout_login, *args, **extra)
    return name, LOGIN_FORMS[name]


def _with_basket(client, product, sign_in, *args, **extra):
    if not client.cookies.get("oscar_open_basket"):
        Shopper(client).add_to_basket(product)
    return sign_in(client, *args, **extra)


def _staff(**kwargs):
    return UserFactory(is_staff=True, is_superuser=True, **kwargs)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _browser():
    return Client(enforce_csrf_checks=True)


def _fail(sign_in, client, email, times, **extra):
    return [sign_in(client, email, WRONG, **extra).status_code for _ in range(times)]


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(login_form):
    # given an account (staff, so that Wagtail and the Django admin accept it too)
    name, sign_in = login_form
    user = _staff(email="hoa.le@example.vn")
    client = _browser()

    # when the wrong password is typed five times, then the right one
    statuses = _fail(sign_in, client, "hoa.le@example.vn", 5)
    response = sign_in(client, "hoa.le@example.vn", PASSWORD)

    # then the first four are ordinary refusals, the fifth and the right password meet the lockout page
    assert statuses == [200, 200, 200, 200, 429], name
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert LOCKED_MESSAGE in response.content.decode()
    assert 'class="site-header"' in response.content.decode()  # the site's own layout
    assert 'href="/shop/password-reset/"' in response.content.decode()
    assert not _signed_in(client)
    # and every attempt is recorded, the one with the right password too
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("hoa.le@example.vn", "127.0.0.1", 6)
    assert list(AccessFailureLog.objects.order_by("attempt_time", "pk").values_list("locked_out", flat=True)) == [
        False, False, False, False, True, True,
    ]
    assert user.last_login is None


@pytest.mark.parametrize("name", ["shop", "cms", "django-admin"])
def test_the_email_counts_in_any_case_and_the_username_counts_as_the_same_account(name):
    # given an account signed into with its e-mail in several cases and with its username
    _staff(email="hoa.le@example.vn", username="hoale")
    sign_in = LOGIN_FORMS[name]
    client = _browser()
    identifiers = ["HOA.LE@example.vn", "hoa.le@EXAMPLE.VN", " hoa.le@example.vn", "Hoa.Le@Example.vn"]
    if name != "shop":  # Oscar's form takes an e-mail only; the admin and Wagtail accept the username too
        identifiers[-1] = "hoale"

    # when four attempts are made with these spellings and a fifth with the plain e-mail
    statuses = [sign_in(client, identifier, WRONG).status_code for identifier in identifiers]
    fifth = sign_in(client, "hoa.le@example.vn", WRONG)

    # then they all counted against one account
    assert statuses == [200, 200, 200, 200]
    assert fifth.status_code == 429
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("hoa.le@example.vn", 5)]


def test_another_account_from_the_same_address_and_the_same_account_elsewhere_still_sign_in():
    # given an account locked from 127.0.0.1
    _staff(email="hoa.le@example.vn")
    _staff(email="an.nguyen@example.vn")
    client = _browser()
    assert _fail(_shop_login, client, "hoa.le@example.vn", 5)[-1] == 429

    # when another account signs in from the same address
    other = _shop_login(client, "an.nguyen@example.vn", PASSWORD)

    # then it is let in
    assert other.status_code == 302
    assert _signed_in(client)
    # and the locked account signs in from another address
    elsewhere = _browser()
    assert _shop_login(elsewhere, "hoa.le@example.vn", PASSWORD, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert _signed_in(elsewhere)


def test_the_lock_lifts_fifteen_minutes_after_the_last_attempt():
    # given an account locked at 9:00 whose owner tried again at 9:10 (which restarts the wait)
    _staff(email="hoa.le@example.vn")
    client = _browser()
    with time_machine.travel(START, tick=False) as clock:
        assert _fail(_shop_login, client, "hoa.le@example.vn", 5)[-1] == 429
        clock.move_to(START + datetime.timedelta(minutes=10))
        assert _shop_login(client, "hoa.le@example.vn", PASSWORD).status_code == 429

        # when the right password is typed 14 minutes later, then 15 minutes later
        clock.move_to(START + datetime.timedelta(minutes=24))
        too_soon = _shop_login(client, "hoa.le@example.vn", PASSWORD)
        clock.move_to(START + datetime.timedelta(minutes=40, seconds=1))
        after = _shop_login(client, "hoa.le@example.vn", PASSWORD)

    # then the first is still refused and the second signs in, clearing the attempts
    assert too_soon.status_code == 429
    assert after.status_code == 302
    assert _signed_in(client)
    assert AccessAttempt.objects.count() == 0


def test_staff_unlock_an_account_in_the_django_admin():
    # given a locked account
    _staff(email="hoa.le@example.vn")
    client = _browser()
    assert _fail(_shop_login, client, "hoa.le@example.vn", 5)[-1] == 429
    attempt = AccessAttempt.objects.get()
    staff = Client()
    staff.force_login(_staff(email="quantri@ocop.vn"))

    # when a staff member finds it in the admin's list of attempts and deletes it
    listing = staff.get("/django-admin/axes/accessattempt/", {"q": "hoa.le@example.vn"})
    confirm = staff.post("/django-admin/axes/accessattempt/", {"action": "delete_selected", "_selected_action": [attempt.pk]})
    done = staff.post("/django-admin/axes/accessattempt/", {
        "action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes",
    })

    # then the account signs in again from the address that was locked
    assert listing.status_code == 200
    assert "hoa.le@example.vn" in listing.content.decode()
    assert confirm.status_code == 200
    assert done.status_code == 302
    assert AccessAttempt.objects.count() == 0
    assert _shop_login(client, "hoa.le@example.vn", PASSWORD).status_code == 302
    assert _signed_in(client)
    # and the failures stay in the log for the record
    assert AccessFailureLog.objects.filter(username="hoa.le@example.vn").count() == 5
    assert staff.get("/django-admin/axes/accessfailurelog/").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_nginx_the_address_is_the_one_nginx_appended():
    # given the production arrangement: every request arrives from nginx, which appends the client's address
    _staff(email="hoa.le@example.vn")
    nginx = {"REMOTE_ADDR": "172.18.0.5"}
    attacker = _browser()
    assert _fail(_shop_login, attacker, "hoa.le@example.vn", 5, HTTP_X_FORWARDED_FOR="203.0.113.5", **nginx)[-1] == 429

    # when the attacker writes another address in front of the one nginx adds
    forged = _shop_login(attacker, "hoa.le@example.vn", PASSWORD,
                         HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.5", **nginx)
    # and the owner signs in from their own address through the same nginx
    owner = _browser()
    genuine = _shop_login(owner, "hoa.le@example.vn", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7", **nginx)

    # then the forged address changes nothing and the owner is let in
    assert forged.status_code == 429
    assert genuine.status_code == 302
    assert list(AccessAttempt.objects.values_list("ip_address", "failures_since_start")) == [("203.0.113.5", 6)]


def test_a_locked_account_can_still_ask_for_a_password_reset_and_the_answer_does_not_tell_who_exists():
    # given a locked account
    _staff(email="hoa.le@example.vn")
    client = _browser()
    assert _fail(_shop_login, client, "hoa.le@example.vn", 5)[-1] == 429
    reset = reverse("password-reset")

    # when a reset is asked for it and for an address nobody uses
    known = Shopper(client).post_form(reset, data={"email": "hoa.le@example.vn"})
    known_emails = [message.to for message in mail.outbox]
    unknown = Shopper(_browser()).post_form(reset, data={"email": "khong.co@example.vn"})

    # then both answers are the same redirect, and only the account's owner gets an e-mail
    assert (known.status_code, known.url) == (302, reverse("password-reset-done"))
    assert (unknown.status_code, unknown.url) == (302, reverse("password-reset-done"))
    assert known_emails == [["hoa.le@example.vn"]]
    assert len(mail.outbox) == 1


def test_a_new_password_set_by_the_emailed_link_unlocks_the_account():
    # given an account locked after five wrong passwords, whose owner asks for a reset as the lockout page says
    _staff(email="hoa.le@example.vn")
    client = _browser()
    assert _fail(_shop_login, client, "hoa.le@example.vn", 5)[-1] == 429
    Shopper(client).post_form(reverse("password-reset"), data={"email": "hoa.le@example.vn"})
    link = re.search(r"https?://testserver(/shop/password-reset/confirm/\S+?/\S+?/)", mail.outbox[0].body).group(1)

    # when they set a new password through the e-mailed link
    form_page = client.get(link, follow=True)  # Django swaps the token in the URL for a session marker
    set_password_url = form_page.redirect_chain[-1][0]
    done = Shopper(client).post_form(
        set_password_url, data={"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"},
    )

    # then the lock is lifted and the new password signs them in at once
    assert (done.status_code, done.url) == (302, reverse("password-reset-complete"))
    assert AccessAttempt.objects.filter(username="hoa.le@example.vn").count() == 0
    assert _shop_login(client, "hoa.le@example.vn", "Mat-khau-moi-2026").status_code == 302
    assert _signed_in(client)


def test_the_password_forms_say_a_new_password_unlocks_the_account(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("customer:change-password"))
    assert "Đặt mật khẩu mới cũng mở khóa đăng nhập nếu tài khoản đang bị tạm khóa." in page.content.decode()
