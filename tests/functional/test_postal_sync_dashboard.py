"""The postal channel's sync state: the staff dashboard at /shop/dashboard/kenh-buu-dien/ and the producer's badges.

Given outbox messages and channel records written directly (two failed listings, one of them with a
hostile reason, one pending, one synced, one delisted, one failure superseded by a later delivery, and a
parked message of another topic), on Saturday 28 November 2026:
- only staff with channels.view_channellisting (and superusers) see the dashboard; anonymous visitors go
  to the dashboard's login, everyone else gets 403; retrying also needs outbox.retry_outboxmessage, and a
  refused POST changes nothing;
- the counts, the failed table, the 30-day chart (SVG bars and the table under it) show exact values,
  and the channel's reason is escaped;
- "retry all" puts back exactly the parked messages of the topic, "retry" one only that key;
- the producer sees a badge per product and the reason of a failure, only for their own products, and
  nothing about the channel while push is off or they did not opt in; the list costs a fixed number
  of queries.
"""

from __future__ import annotations

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.channels.models import ChannelListing
from marketplace.channels.push import LISTING_REFUSED, TOPIC
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.services import outbox_write
from tests.factories import ProducerFactory, ProductFactory, UserFactory, producer_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_28_november_2026")]

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = reverse("dashboard:postal-sync")
RETRY = reverse("dashboard:postal-sync-retry")
LIST = reverse("producer_portal:listing_list")
CHANNEL_URL = "https://doi-tac:mat-khau@api.postmart.example:8443/v1/"
CHANNEL_TOKEN = "bi-mat-cua-kenh"  # noqa: S105
HOSTILE = '<script>alert("x")</script> & ảnh thiếu'
OTHER_TOPIC = "search.product"
# The producer's list page without the channel (tests/functional/test_producer_ocop_status.py, LIST_QUERIES)
# plus the three of channels.sync.listing_sync_states: pending messages, failed messages, channel records.
LIST_QUERIES_WITH_CHANNEL = 15 + 3


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=HANOI)


def _message(key, *, topic: str = TOPIC) -> OutboxMessage:
    with transaction.atomic():
        return outbox_write(topic=topic, key=key, payload={"reason": "test"})


def _parked(key, *, reason: str, attempts: int, at: datetime.datetime, topic: str = TOPIC) -> OutboxMessage:
    message = _message(key, topic=topic)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.PARKED, last_error=reason, attempts=attempts, updated_at=at)
    return message


def _delivered(key, *, at: datetime.datetime, topic: str = TOPIC) -> OutboxMessage:
    message = _message(key, topic=topic)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxMessage.Status.DELIVERED, delivered_at=at, updated_at=at, attempts=1)
    return message


def _on_channel(product, *, on_channel: bool, at: datetime.datetime) -> ChannelListing:
    return ChannelListing.objects.create(
        key=str(product.pk), listing_id=f"OCOP-{product.pk}", product=product, on_channel=on_channel,
        content_hash="a" * 64 if on_channel else "", synced_at=at,
    )


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _state() -> list[tuple]:
    return list(OutboxMessage.objects.order_by("pk").values_list("topic", "key", "status", "attempts", "last_error"))


TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def channel(settings):
    """The sync state of six products of two opted-in producers (written with push off: no stray messages)."""
    settings.POSTAL_CHANNEL_URL = ""
    ba_lang = ProducerFactory(name="HTX Nước mắm Ba Làng", postal_channel_opt_in=True)
    nem = ProducerFactory(name="HTX Nem chua Thanh Hóa", postal_channel_opt_in=True)
    failed = ProductFactory(title="Nước mắm cá cơm", producer=ba_lang)
    hostile = ProductFactory(title="Nem chua lá ổi", producer=nem)
    pending = ProductFactory(title="Nước mắm nhĩ", producer=ba_lang)
    synced = ProductFactory(title="Mắm tôm", producer=ba_lang)
    delisted = ProductFactory(title="Nem chua rán", producer=nem)
    recovered = ProductFactory(title="Chả tôm", producer=nem)

    # failed: refused this morning (one change), and after twelve tries (the hostile message) yesterday
    _parked(failed.pk, reason=LISTING_REFUSED + "Thiếu ảnh đạt chuẩn 800x800", attempts=1, at=_at(TODAY, 8, 30))
    _parked(hostile.pk, reason=LISTING_REFUSED + HOSTILE, attempts=12, at=_at(TODAY - datetime.timedelta(days=1), 17, 5))
    # the same key parked for another system is not the channel's
    _parked(failed.pk, reason="search is down", attempts=3, at=_at(TODAY, 8, 0), topic=OTHER_TOPIC)
    # pending: a change waiting (it failed once before, transiently)
    message = _message(pending.pk)
    OutboxMessage.objects.filter(pk=message.pk).update(last_error="HTTP 503", attempts=1)
    # synced today, delisted on the first day of the chart, recovered: a refusal on the 19th then a delivery
    _delivered(synced.pk, at=_at(TODAY, 7, 45))
    _on_channel(synced, on_channel=True, at=_at(TODAY, 7, 45))
    _delivered(delisted.pk, at=_at(datetime.date(2026, 10, 30), 0, 10))
    _on_channel(delisted, on_channel=False, at=_at(datetime.date(2026, 10, 30), 0, 10))
    _parked(recovered.pk, reason=LISTING_REFUSED + "Giá không hợp lệ", attempts=1, at=_at(datetime.date(2026, 11, 19), 10))
    _delivered(recovered.pk, at=_at(datetime.date(2026, 11, 20), 10))
    _on_channel(recovered, on_channel=True, at=_at(datetime.date(2026, 11, 20), 10))
    # outside the 30 days (the day before the first), and another topic's delivery: not in the chart
    _delivered("999999", at=_at(datetime.date(2026, 10, 29), 23, 50))
    _delivered(synced.pk, at=_at(TODAY, 6), topic=OTHER_TOPIC)
    # the delivery outside the window and the other topic's are no listing of ours
    settings.POSTAL_CHANNEL_URL = CHANNEL_URL
    settings.POSTAL_CHANNEL_TOKEN = CHANNEL_TOKEN
    return {"failed": failed, "hostile": hostile, "pending": pending, "synced": synced, "delisted": delisted,
            "recovered": recovered, "ba_lang": ba_lang, "nem": nem}


def _staff(*permissions, **fields):
    user = UserFactory(is_staff=True, **fields)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


ROLES = {
    "anonymous": lambda: None,
    "customer": lambda: UserFactory(),
    "producer": lambda: producer_user(ProducerFactory()),
    "staff without permission": lambda: _staff(),
    "staff who may view": lambda: _staff("view_channellisting"),
    "staff who may view and retry": lambda: _staff("view_channellisting", "retry_outboxmessage"),
    "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
    # the retry right alone does not open the page
    "staff who may only retry": lambda: _staff("retry_outboxmessage"),
}


# --- who may see and who may retry -------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "get_status", "buttons", "post_status"), [
    ("anonymous", 302, None, 302),
    ("customer", 403, None, 403),
    ("producer", 403, None, 403),
    ("staff without permission", 403, None, 403),
    ("staff who may only retry", 403, None, 403),
    ("staff who may view", 200, False, 403),
    ("staff who may view and retry", 200, True, 302),
    ("superuser", 200, True, 302),
])
def test_each_role_sees_and_retries_only_what_it_may(channel, role, get_status, buttons, post_status):
    client = _client(ROLES[role]())
    before = _state()

    # When the role opens the dashboard
    page = client.get(DASHBOARD)
    # then it is shown, refused, or sent to the dashboard's login
    assert page.status_code == get_status
    if get_status == 302:
        assert page["Location"] == f"{reverse('dashboard:login')}?next={DASHBOARD}"
    if buttons is not None:
        content = page.content.decode()
        # the retry forms (one per failed listing, and "all") only for those who may retry
        assert content.count(f'action="{RETRY}"') == (3 if buttons else 0)
        assert ("Gửi lại tất cả tin đăng lỗi" in content) is buttons

    # When it posts "retry all"
    response = client.post(RETRY)
    assert response.status_code == post_status
    if post_status == 302 and get_status == 200:
        assert response["Location"] == DASHBOARD
        assert _state() != before
    else:
        # then a refusal (or the login redirect) changes nothing
        if post_status == 302:
            assert response["Location"] == f"{reverse('dashboard:login')}?next={RETRY}"
        assert _state() == before


def test_a_get_on_the_retry_url_or_a_post_on_the_page_changes_nothing(channel):
    client = _client(UserFactory(is_staff=True, is_superuser=True))
    before = _state()
    assert client.get(RETRY).status_code == 405
    assert client.post(DASHBOARD).status_code == 405
    assert _state() == before


def test_the_retry_needs_the_csrf_token(channel, client_for):
    # Given a signed-in staff member who may retry, on a browser that checks CSRF
    client = client_for(_staff("view_channellisting", "retry_outboxmessage"))
    before = _state()
    # when the form is posted without its token, it is refused and nothing changes
    assert client.post(RETRY).status_code == 403
    assert _state() == before
    # and with the token the page set, it is taken
    token = client.get(DASHBOARD).cookies["csrftoken"].value
    assert client.post(RETRY, {"csrfmiddlewaretoken": token}).status_code == 302
    assert _state() != before


def test_the_menu_links_to_the_dashboard_only_for_those_who_may_view_it(channel):
    may_view = _client(_staff("view_channellisting")).get(reverse("dashboard:index"))
    may_not = _client(_staff()).get(reverse("dashboard:index"))
    assert may_view.status_code == may_not.status_code == 200
    assert f'href="{DASHBOARD}"' in may_view.content.decode()
    assert f'href="{DASHBOARD}"' not in may_not.content.decode()


# --- what the page shows -----------------------------------------------------------------------------------


@pytest.fixture
def viewer():
    return _client(_staff("view_channellisting", "retry_outboxmessage"))


def _counts(content: str) -> dict[str, str]:
    return {state: _text(body) for state, body in
            re.findall(r'data-state="(\w+)">(.*?)</div>', content, re.S)}


def _failed_rows(content: str) -> list[list[str]]:
    table = re.search(r'<table class="table table-striped table-bordered table-hover postal-sync-failed">(.*?)</table>',
                      content, re.S).group(1)
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    return [[_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr [^>]*>(.*?)</tr>", body, re.S)]


def test_the_page_shows_the_counts_the_last_delivery_and_the_failed_listings(channel, viewer):
    # When staff open the dashboard
    response = viewer.get(DASHBOARD)
    assert response.status_code == 200
    content = response.content.decode()

    # then the push is configured on the channel's host, never its path, user, password or token
    config = _text(re.search(r'<p class="postal-sync-config".*?</p>', content, re.S).group(0))
    assert config == (
        "Thay đổi của sản phẩm được đẩy lên kênh bưu điện tại máy chủ api.postmart.example:8443 . "
        "Kênh vẫn có thể lấy toàn bộ tin đăng qua nguồn dữ liệu /feeds/postal.xml và /feeds/postal.csv ."
    )
    for secret in ("mat-khau", "doi-tac", CHANNEL_TOKEN, "/v1/"):
        assert secret not in content
    # the four counts with their labels: the recovered listing is synced, the other topic counts for nothing
    assert _counts(content) == {
        "pending": "1 Đang chờ gửi", "failed": "2 Lỗi", "synced": "2 Đang hiển thị trên kênh", "delisted": "1 Đã gỡ khỏi kênh",
    }
    assert _text(re.search(r'<p class="postal-sync-last">.*?</p>', content, re.S).group(0)) == (
        "Lần gửi thành công gần nhất: 28/11/2026 07:45.")
    # the failed listings, newest first: title, producer, the
    # channel's reason, attempts, since, and a retry button named after the product
    assert _failed_rows(content) == [
        ["Nước mắm cá cơm", "HTX Nước mắm Ba Làng", "Thiếu ảnh đạt chuẩn 800x800", "1", "28/11/2026 08:30",
         "Gửi lại : Nước mắm cá cơm"],
        ["Nem chua lá ổi", "HTX Nem chua Thanh Hóa", HOSTILE, "12", "27/11/2026 17:05",
         "Gửi lại : Nem chua lá ổi"],
    ]


@pytest.mark.parametrize(("catalogue_permissions", "linked"), [
    ((), False),
    (("view_product",), False),
    (("view_product", "add_product", "change_product"), True),
])
def test_a_failed_listing_links_to_the_product_only_for_staff_who_may_open_it(channel, catalogue_permissions, linked):
    client = _client(_staff("view_channellisting", *catalogue_permissions))
    edit = reverse("dashboard:catalogue-product", kwargs={"pk": channel["failed"].pk})

    content = client.get(DASHBOARD).content.decode()

    assert (f'<a href="{edit}">Nước mắm cá cơm</a>' in content) is linked
    assert "<td>Nước mắm cá cơm</td>" in content or linked
    # the link, where shown, opens
    assert client.get(edit).status_code == (200 if linked else 403)


def test_a_hostile_reason_from_the_channel_is_escaped(channel, viewer):
    content = viewer.get(DASHBOARD).content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ảnh thiếu" in content


def test_without_a_channel_url_the_page_says_so_and_points_to_the_feeds(channel, viewer, settings):
    settings.POSTAL_CHANNEL_URL = ""
    content = viewer.get(DASHBOARD).content.decode()
    config = _text(re.search(r'<div class="alert alert-warning postal-sync-config".*?</div>', content, re.S).group(0))
    assert config == (
        "Chưa cấu hình đẩy tin lên kênh bưu điện (chưa đặt POSTAL_CHANNEL_URL): thay đổi của sản phẩm không được "
        "gửi lên kênh. Kênh vẫn lấy được tin đăng qua nguồn dữ liệu /feeds/postal.xml và /feeds/postal.csv ."
    )
    assert '<a href="/feeds/postal.xml">/feeds/postal.xml</a>' in content
    assert "api.postmart.example" not in content


def test_an_empty_outbox_shows_zeros_and_no_failed_table(viewer, settings):
    settings.POSTAL_CHANNEL_URL = CHANNEL_URL
    content = viewer.get(DASHBOARD).content.decode()
    assert _counts(content) == {
        "pending": "0 Đang chờ gửi", "failed": "0 Lỗi", "synced": "0 Đang hiển thị trên kênh", "delisted": "0 Đã gỡ khỏi kênh",
    }
    assert "Chưa có thay đổi nào được gửi lên kênh." in content
    assert "Không có tin đăng nào bị lỗi." in content
    assert "postal-sync-failed\"" not in content
    assert f'action="{RETRY}"' not in content
    assert content.count("<rect class=") == 0


def test_the_chart_shows_each_of_the_last_30_days(channel, viewer):
    content = viewer.get(DASHBOARD).content.decode()

    # The table under the chart: 30 days, 30/10 to 28/11, with what was delivered and what failed each day
    rows = re.findall(r'<tr data-day="([\d-]+)"><th scope="row">([^<]+)</th><td>(\d+)</td><td>(\d+)</td></tr>',
                      content)
    assert len(rows) == 30
    assert rows[0][:2] == ("2026-10-30", "30/10/2026")
    assert rows[-1][:2] == ("2026-11-28", "28/11/2026")
    busy = {day: (int(delivered), int(failed)) for day, _, delivered, failed in rows if delivered != "0" or failed != "0"}
    assert busy == {
        "2026-10-30": (1, 0),  # delisted at 00:10 on the first day; 23:50 the day before is out
        "2026-11-19": (0, 1),  # the refusal later superseded still happened that day
        "2026-11-20": (1, 0),
        "2026-11-27": (0, 1),
        "2026-11-28": (1, 1),  # the search topic's delivery and parked message are not the channel's
    }

    # The SVG: one group per day with its numbers in words; bars scaled to the busiest day (1 = 120 units)
    groups = re.findall(r'<g class="postal-sync-chart__day" data-day="([\d-]+)">(.*?)</g>', content, re.S)
    assert len(groups) == 30
    today = dict(groups)["2026-11-28"]
    assert "<title>28/11: 1 đã gửi, 1 lỗi</title>" in today
    assert '<rect class="postal-sync-chart__delivered" x="582" y="10" width="8" height="120" fill="#28a745"/>' in today
    assert '<rect class="postal-sync-chart__failed" x="590" y="10" width="8" height="120" fill="#dc3545"/>' in today
    assert content.count('<rect class="postal-sync-chart__delivered"') == 3
    assert content.count('<rect class="postal-sync-chart__failed"') == 3
    assert "<title>19/11: 0 đã gửi, 1 lỗi</title>" in dict(groups)["2026-11-19"]
    # the chart is labelled for screen readers by its heading and its totals
    summary = _text(re.search(r'<figcaption id="postal-sync-chart-summary".*?</figcaption>', content, re.S).group(0))
    assert summary == "3 thay đổi đã gửi 3 thay đổi bị lỗi"
    assert 'aria-labelledby="postal-sync-chart-title postal-sync-chart-summary"' in content


# --- retry -------------------------------------------------------------------------------------------------


def test_retry_all_puts_back_exactly_the_failed_listings(channel, viewer):
    before = {row[0]: row for row in OutboxMessage.objects.values_list(
        "pk", "topic", "key", "status", "attempts", "last_error")}
    parked_ids = set(OutboxMessage.objects.filter(topic=TOPIC, status="parked").values_list("pk", flat=True))
    # the two failed listings and the superseded refusal of the recovered one
    assert len(parked_ids) == 3

    response = viewer.post(RETRY, follow=True)

    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert [str(m) for m in response.context["messages"]] == ["Đã đưa lại 3 tin đăng vào hàng chờ gửi."]
    after = {row[0]: row for row in OutboxMessage.objects.values_list(
        "pk", "topic", "key", "status", "attempts", "last_error")}
    changed = {pk for pk in before if before[pk] != after[pk]}
    assert changed == parked_ids
    for pk in parked_ids:
        assert after[pk][3:5] == ("pending", 0)
    # the other topic's parked message stays parked
    assert OutboxMessage.objects.get(topic=OTHER_TOPIC, status="parked").attempts == 3
    # and the page now counts them as pending, none failed
    assert _counts(response.content.decode())["failed"] == "0 Lỗi"


def test_retry_one_touches_only_that_listing(channel, viewer):
    failed = channel["failed"]
    before = _state()

    response = viewer.post(RETRY, {"product": failed.pk}, follow=True)

    assert [str(m) for m in response.context["messages"]] == ["Đã đưa lại 1 tin đăng vào hàng chờ gửi."]
    after = _state()
    changed = [(old, new) for old, new in zip(before, after, strict=True) if old != new]
    assert changed == [
        ((TOPIC, str(failed.pk), "parked", 1, LISTING_REFUSED + "Thiếu ảnh đạt chuẩn 800x800"),
         (TOPIC, str(failed.pk), "pending", 0, LISTING_REFUSED + "Thiếu ảnh đạt chuẩn 800x800")),
    ]
    rows = _failed_rows(response.content.decode())
    assert [row[0] for row in rows] == ["Nem chua lá ổi"]


@pytest.mark.parametrize(("product", "message"), [
    ("abc", "Tin đăng cần gửi lại không hợp lệ."),
    ("0", "Tin đăng cần gửi lại không hợp lệ."),
])
def test_a_bad_retry_is_refused_with_a_message_and_nothing_changes(channel, viewer, product, message):
    before = _state()
    response = viewer.post(RETRY, {"product": product}, follow=True)
    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert [str(m) for m in response.context["messages"]] == [message]
    assert _state() == before


def test_retrying_a_listing_that_has_not_failed_says_so_and_changes_nothing(channel, viewer):
    before = _state()
    response = viewer.post(RETRY, {"product": channel["synced"].pk}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["Không có tin đăng lỗi nào để gửi lại."]
    assert _state() == before


# --- the producer's side -----------------------------------------------------------------------------------


def _list_items(content: str) -> dict[int, str]:
    return {int(pk): _text(body) for pk, body in
            re.findall(r'<li class="producer-listings__item[^"]*" data-product="(\d+)">(.*?)</li>', content, re.S)}


def _channel_badges(content: str) -> dict[int, str | None]:
    items = re.findall(r'<li class="producer-listings__item[^"]*" data-product="(\d+)">(.*?)</li>', content, re.S)
    found = {}
    for pk, body in items:
        badge = re.search(r'data-channel-state="(\w+)">([^<]*)</span>', body)
        found[int(pk)] = (badge.group(1), badge.group(2)) if badge else None
    return found


def test_the_producer_sees_the_state_of_each_of_their_products(channel, client_for):
    # Given the producer Ba Làng (failed, pending, synced) and one more product the push never touched
    ba_lang = channel["ba_lang"]
    untouched = ProductFactory(title="Nước mắm chắt", producer=ba_lang)
    OutboxMessage.objects.filter(key=str(untouched.pk)).delete()  # the push is on now: drop its change
    seller = client_for(producer_user(ba_lang))

    # When they open their products
    content = seller.get(LIST).content.decode()

    # then each product carries its badge, the failure its reason and the hint
    assert _channel_badges(content) == {
        untouched.pk: None,
        channel["synced"].pk: ("synced", "Kênh Bưu điện: Đang hiển thị trên kênh"),
        channel["pending"].pk: ("pending", "Kênh Bưu điện: Đang chờ gửi"),
        channel["failed"].pk: ("failed", "Kênh Bưu điện: Lỗi"),
    }
    assert _list_items(content)[channel["failed"].pk] == (
        "Nước mắm cá cơm 125.000 ₫ · Còn 10 · Đang bán · Kênh Bưu điện: Lỗi "
        "Kênh Bưu điện từ chối: Thiếu ảnh đạt chuẩn 800x800 "
        "Hãy sửa sản phẩm theo lý do trên rồi bấm “Lưu thay đổi”: sản phẩm sẽ được gửi lại lên kênh. "
        "Sửa : Nước mắm cá cơm · Ảnh : Nước mắm cá cơm · Xem trên sàn"
    )
    # and nothing of the other producer's products (their hostile reason, their titles)
    assert "alert" not in content
    assert "Nem chua" not in content


def test_the_other_producer_sees_their_delisted_product_and_the_escaped_reason(channel, client_for):
    content = client_for(producer_user(channel["nem"])).get(LIST).content.decode()
    assert _channel_badges(content) == {
        channel["recovered"].pk: ("synced", "Kênh Bưu điện: Đang hiển thị trên kênh"),
        channel["delisted"].pk: ("delisted", "Kênh Bưu điện: Đã gỡ khỏi kênh"),
        channel["hostile"].pk: ("failed", "Kênh Bưu điện: Lỗi"),
    }
    assert "<script>alert" not in content
    assert "Kênh Bưu điện từ chối: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; ảnh thiếu" in content
    assert "Thiếu ảnh đạt chuẩn" not in content


def test_the_edit_page_shows_the_products_state(channel, client_for):
    seller = client_for(producer_user(channel["ba_lang"]))
    failed = seller.get(reverse("producer_portal:listing_edit", kwargs={"product_id": channel["failed"].pk}))
    card = re.search(r'<section class="card mb-4 producer-channel-status".*?</section>', failed.content.decode(), re.S)
    assert _text(card.group(0)) == (
        "Kênh Bưu điện Kênh Bưu điện: Lỗi Kênh Bưu điện từ chối: Thiếu ảnh đạt chuẩn 800x800 "
        "Hãy sửa sản phẩm theo lý do trên rồi bấm “Lưu thay đổi”: sản phẩm sẽ được gửi lại lên kênh."
    )
    synced = seller.get(reverse("producer_portal:listing_edit", kwargs={"product_id": channel["synced"].pk}))
    card = re.search(r'<section class="card mb-4 producer-channel-status".*?</section>', synced.content.decode(), re.S)
    assert _text(card.group(0)) == "Kênh Bưu điện Kênh Bưu điện: Đang hiển thị trên kênh"
    # another producer's product stays out of reach
    other = seller.get(reverse("producer_portal:listing_edit", kwargs={"product_id": channel["hostile"].pk}))
    assert other.status_code == 404


@pytest.mark.parametrize("off", ["push off", "not opted in"])
def test_nothing_about_the_channel_without_push_or_opt_in(channel, client_for, settings, off):
    ba_lang = channel["ba_lang"]
    if off == "push off":
        settings.POSTAL_CHANNEL_URL = ""
    else:
        ba_lang.postal_channel_opt_in = False
        ba_lang.save(update_fields=["postal_channel_opt_in"])
    seller = client_for(producer_user(ba_lang))
    pages = [seller.get(LIST), seller.get(reverse("producer_portal:listing_edit",
                                                  kwargs={"product_id": channel["failed"].pk}))]
    for page in pages:
        assert page.status_code == 200
        content = page.content.decode()
        assert "Kênh Bưu điện" not in content
        assert "data-channel-state" not in content
        assert "Thiếu ảnh đạt chuẩn" not in content


def test_the_producers_list_costs_a_fixed_number_of_queries(channel, client_for):
    ba_lang = channel["ba_lang"]
    seller = client_for(producer_user(ba_lang))
    seller.get(LIST)  # the first page of a session also loads what the session caches (as the pinned test does)
    with CaptureQueriesContext(connection) as three:
        assert seller.get(LIST).status_code == 200
    for n in range(3):
        product = ProductFactory(title=f"Nước mắm {n}", producer=ba_lang)
        _parked(product.pk, reason=f"Lý do {n}", attempts=1, at=_at(TODAY, 8))
    with CaptureQueriesContext(connection) as six:
        content = seller.get(LIST).content.decode()
    assert content.count('data-channel-state="failed"') == 4
    assert len(three.captured_queries) == len(six.captured_queries) == LIST_QUERIES_WITH_CHANNEL


def test_a_fault_of_the_connection_is_not_blamed_on_the_producers_listing(channel, client_for):
    # Given a listing parked because the channel refused our token (the whole request, not this listing)
    product = ProductFactory(title="Nước mắm rươi", producer=channel["ba_lang"])
    OutboxMessage.objects.filter(key=str(product.pk)).delete()
    _parked(product.pk, reason="HTTP 401: invalid token", attempts=1, at=_at(TODAY, 9))

    content = client_for(producer_user(channel["ba_lang"])).get(LIST).content.decode()

    # then the producer sees it failed, is told the marketplace is on it, and sees no technical reason
    assert _list_items(content)[product.pk] == (
        "Nước mắm rươi 125.000 ₫ · Còn 10 · Đang bán · Kênh Bưu điện: Lỗi "
        "Kết nối tới Kênh Bưu điện đang gặp lỗi; ban quản lý sàn đang xử lý. Bạn không cần làm gì. "
        "Sửa : Nước mắm rươi · Ảnh : Nước mắm rươi · Xem trên sàn"
    )
    assert "invalid token" not in content
