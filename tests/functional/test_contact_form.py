"""The contact page over HTTP: a message is stored and e-mailed to the operator once; bad input, bots, floods and
forged posts store nothing; only staff with the permission read the messages in the CMS."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from marketplace.cms.models import ContactMessage, SiteSettings
from marketplace.cms.trust.services import contact_message_notify
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.trust import trust_demo_load
from tests.factories import UserFactory

from .shop import csrf_token

pytestmark = pytest.mark.django_db

CONTACT = "/lien-he/"
THANKS = "Cảm ơn bạn đã liên hệ. Chúng tôi sẽ trả lời trong giờ làm việc sớm nhất."
GOOD = {
    "name": "  Trần   Văn Bình ",
    "phone": "0912 345 678",
    "email": "",
    "subject": "don-hang",
    "message": "Đơn hàng của tôi gửi từ hôm thứ Hai nhưng chưa thấy mã vận đơn.",
    "website": "",
}


@pytest.fixture
def contact_page(db):
    """The demo's contact page, operator (e-mail hotro@ocop-thanhhoa.vn) and menus."""
    trust_demo_load(summary=LoadSummary())


@pytest.fixture
def browser(contact_page):
    return Client(enforce_csrf_checks=True)


ERROR_BOX = re.compile(r'<div class="(?:invalid-feedback d-block|alert alert-danger)"[^>]*>(.*?)</div>', re.S)


def _errors(html: str) -> list[str]:
    """The texts above the form and under its fields, in page order, without markup."""
    return [" ".join(re.sub(r"<[^>]+>", " ", box).split()) for box in ERROR_BOX.findall(html)]


def _send(client, data, **extra):
    token = csrf_token(client.get(CONTACT, **extra))
    return client.post(CONTACT, {"csrfmiddlewaretoken": token, **data}, **extra)


def test_a_valid_message_is_stored_and_emailed_once_to_the_operator(browser, django_capture_on_commit_callbacks):
    # when a shopper sends a message
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _send(browser, GOOD, REMOTE_ADDR="203.0.113.7")

    # then it is stored as cleaned, and the page redirects to itself with the thanks (POST/redirect/GET)
    assert (response.status_code, response["Location"]) == (303, CONTACT)
    stored = ContactMessage.objects.get()
    assert (stored.name, stored.phone, stored.email, stored.subject, stored.ip_address, stored.handled) == (
        "Trần Văn Bình", "+84912345678", "", "don-hang", "203.0.113.7", False)
    assert stored.message == GOOD["message"]
    assert stored.notified_at is not None
    assert len(callbacks) == 1
    # and exactly one e-mail went to the address of the site settings
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["hotro@ocop-thanhhoa.vn"]
    assert sent.subject == "[Liên hệ] Đơn hàng và giao hàng – Trần Văn Bình"
    assert "Số điện thoại: 0912 345 678" in sent.body
    assert GOOD["message"] in sent.body
    assert f"/cms/contact_messages/edit/{stored.pk}/" in sent.body
    # and the thanks is shown on the page it redirects to
    assert THANKS in browser.get(CONTACT).content.decode()


def test_notifying_twice_sends_one_mail(browser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _send(browser, GOOD)
    stored = ContactMessage.objects.get()

    assert contact_message_notify(message_id=stored.pk) is False
    assert len(mail.outbox) == 1


def test_without_an_operator_address_the_message_is_kept_and_mailed_later(browser,
                                                                          django_capture_on_commit_callbacks):
    SiteSettings.objects.update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        _send(browser, GOOD)
    stored = ContactMessage.objects.get()
    assert (stored.notified_at, len(mail.outbox)) == (None, 0)

    SiteSettings.objects.update(email="tiepdan@ocop-thanhhoa.vn")
    assert contact_message_notify(message_id=stored.pk) is True
    assert [sent.to for sent in mail.outbox] == [["tiepdan@ocop-thanhhoa.vn"]]


@pytest.mark.parametrize(("changes", "errors"), [
    ({"name": "", "message": " "}, ["Trường này là bắt buộc.", "Trường này là bắt buộc."]),
    ({"phone": "12345"},
     ["Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."]),
    ({"phone": "", "email": "binh@"}, ["Vui lòng nhập địa chỉ email hợp lệ."]),
    ({"phone": "", "email": ""}, ["Vui lòng để lại số điện thoại hoặc thư điện tử để chúng tôi trả lời bạn."]),
    ({"subject": "quang-cao"}, ["Hãy chọn một lựa chọn hợp lệ. quang-cao không phải là một trong các lựa chọn "
                                "khả thi."]),
])
def test_bad_input_shows_vietnamese_errors_and_stores_nothing(browser, changes, errors,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(browser, {**GOOD, **changes})

    assert response.status_code == 200
    assert _errors(response.content.decode()) == errors
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored(browser, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _send(browser, {**GOOD, "website": "https://spam.example/"})

    assert (response.status_code, response["Location"]) == (303, CONTACT)
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_the_sixth_message_within_an_hour_from_one_address_is_refused(browser):
    for n in range(5):
        assert _send(browser, {**GOOD, "message": f"Tin nhắn số {n + 1}"}, REMOTE_ADDR="198.51.100.4").status_code == 303

    refused = _send(browser, {**GOOD, "message": "Tin nhắn số 6"}, REMOTE_ADDR="198.51.100.4")

    assert refused.status_code == 429
    assert ("Bạn đã gửi 5 tin nhắn trong 60 phút vừa qua. Vui lòng thử lại sau hoặc gọi đường dây nóng."
            in refused.content.decode())
    assert ContactMessage.objects.filter(ip_address="198.51.100.4").count() == 5
    # another address is not held back
    assert _send(browser, GOOD, REMOTE_ADDR="198.51.100.5").status_code == 303


def test_messages_older_than_an_hour_do_not_count(browser):
    for _ in range(5):
        _send(browser, GOOD, REMOTE_ADDR="198.51.100.4")
    ContactMessage.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=61))

    assert _send(browser, GOOD, REMOTE_ADDR="198.51.100.4").status_code == 303
    assert ContactMessage.objects.count() == 6


def test_a_post_without_the_csrf_token_is_refused(browser):
    response = browser.post(CONTACT, GOOD)

    assert response.status_code == 403
    assert ContactMessage.objects.count() == 0


# ---------- the staff's list in the CMS ----------

@pytest.fixture
def stored_message(contact_page):
    return ContactMessage.objects.create(name="Lê Thị Hoa", phone="+84912345678", subject="doi-tra",
                                         message="Lọ mật ong bị vỡ khi nhận.")


def test_anonymous_visitors_are_sent_to_the_cms_sign_in(stored_message):
    response = Client().get("/cms/contact_messages/")

    assert response.status_code == 302
    assert response["Location"].startswith("/cms/login/")


def test_a_signed_in_shopper_cannot_read_the_messages(stored_message):
    client = Client()
    client.force_login(UserFactory())

    for url in ("/cms/contact_messages/", f"/cms/contact_messages/edit/{stored_message.pk}/",
                f"/cms/contact_messages/inspect/{stored_message.pk}/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "Lọ mật ong" not in response.content.decode()


def test_staff_list_the_messages_and_mark_one_handled_without_changing_it(stored_message, staff_client):
    listing = staff_client.get("/cms/contact_messages/?handled=false")
    assert listing.status_code == 200
    assert "Lê Thị Hoa" in listing.content.decode()
    assert "Đổi trả, hoàn tiền" in listing.content.decode()

    edit = staff_client.post(f"/cms/contact_messages/edit/{stored_message.pk}/",
                             {"handled": "on", "name": "Người khác", "message": "Đã sửa"})

    assert edit.status_code == 302
    stored_message.refresh_from_db()
    assert (stored_message.handled, stored_message.name, stored_message.message) == (
        True, "Lê Thị Hoa", "Lọ mật ong bị vỡ khi nhận.")


def test_nobody_adds_a_message_in_the_cms(stored_message, staff_client):
    assert staff_client.get("/cms/contact_messages/new/").status_code == 302
    assert ContactMessage.objects.count() == 1
