"""Password-reset e-mails link to the host and scheme the request came to, not a fixed domain."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


@override_settings(ALLOWED_HOSTS=["ocop.example.vn"])
def test_the_reset_link_is_on_the_host_and_scheme_the_request_came_to():
    # given a customer on https://ocop.example.vn (the configured Site is still 127.0.0.1:8000)
    user = UserFactory(email="hoa.le@example.vn")
    browser = Client(HTTP_HOST="ocop.example.vn")

    # when they ask for a reset there
    response = browser.post(reverse("password-reset"), {"email": "hoa.le@example.vn"}, secure=True)

    # then the e-mail's link, in the text and the HTML part, points there
    assert response.status_code == 302
    [message] = mail.outbox
    [text_link] = _links(message.body)
    html_links = [link for link in _links(message.alternatives[0].content) if "password-reset" in link]
    prefix = f"https://ocop.example.vn/shop/password-reset/confirm/{urlsafe_base64_encode(force_bytes(user.pk))}/"
    assert text_link.startswith(prefix)
    assert re.fullmatch(re.escape(prefix) + r"[0-9a-z]+-[0-9a-f]+/", text_link)
    assert html_links == [text_link]
    # and the link works
    opened = browser.get(text_link.removeprefix("https://ocop.example.vn"), secure=True, follow=True)
    assert opened.status_code == 200
    assert 'name="new_password1"' in opened.content.decode()

    # and a reset posted with a forged Host header is refused before any e-mail leaves
    forged = Client().post(reverse("password-reset"), {"email": "hoa.le@example.vn"}, HTTP_HOST="evil.example")
    assert forged.status_code == 400
    assert len(mail.outbox) == 1


@override_settings(ALLOWED_HOSTS=["ocop.example.vn"])
def test_the_password_changed_notice_links_to_a_reset_on_the_request_host():
    # given a signed-in customer on https://ocop.example.vn
    user = UserFactory(email="hoa.le@example.vn")
    browser = Client(HTTP_HOST="ocop.example.vn")
    browser.force_login(user)

    # when they change their password there
    response = browser.post(reverse("customer:change-password"), {
        "old_password": PASSWORD, "new_password1": "mat-khau-moi-2026", "new_password2": "mat-khau-moi-2026",
    }, secure=True)

    # then the "was it not you?" link of the notice is a reset link on that host
    assert response.status_code == 302
    [message] = mail.outbox
    prefix = f"https://ocop.example.vn/shop/password-reset/confirm/{urlsafe_base64_encode(force_bytes(user.pk))}/"
    [text_link] = _links(message.body)
    assert re.fullmatch(re.escape(prefix) + r"[0-9a-z]+-[0-9a-f]+/", text_link)
