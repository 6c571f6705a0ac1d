"""The outbox as staff see it: counts per topic and status, deliveries per day, and the admin's retry action."""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client

from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.selectors import outbox_counts_by_topic, outbox_delivered_per_day
from marketplace.outbox.services import outbox_write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/django-admin/outbox/outboxmessage/"
HANOI = datetime.timezone(datetime.timedelta(hours=7))


def _message(topic, key, status="pending", delivered_at=None):
    with transaction.atomic():
        message = outbox_write(topic=topic, key=key, payload={})
    OutboxMessage.objects.filter(pk=message.pk).update(status=status, delivered_at=delivered_at)
    return message


def test_counts_by_topic_list_every_status_of_every_topic():
    _message("postal.listing", "1")
    _message("postal.listing", "2", "parked")
    _message("postal.listing", "3", "delivered", datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    _message("search.product", "1", "delivered", datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    _message("search.product", "2", "delivered", datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))

    assert outbox_counts_by_topic() == {
        "postal.listing": {"pending": 1, "delivered": 1, "parked": 1},
        "search.product": {"pending": 0, "delivered": 2, "parked": 0},
    }


def test_counts_by_topic_of_an_empty_outbox_are_empty():
    assert outbox_counts_by_topic() == {}


def test_delivered_per_day_counts_local_days_of_the_last_30_with_zero_days():
    today = datetime.date(2026, 3, 15)
    # 23:30 on the 14th in Hà Nội is the 14th (16:30 UTC), 00:30 on the 15th is the 15th (17:30 UTC on the 14th)
    _message("postal.listing", "1", "delivered", datetime.datetime(2026, 3, 14, 23, 30, tzinfo=HANOI))
    _message("postal.listing", "2", "delivered", datetime.datetime(2026, 3, 15, 0, 30, tzinfo=HANOI))
    _message("postal.listing", "3", "delivered", datetime.datetime(2026, 3, 15, 9, 0, tzinfo=HANOI))
    _message("search.product", "3", "delivered", datetime.datetime(2026, 2, 14, 9, 0, tzinfo=HANOI))
    _message("search.product", "4", "delivered", datetime.datetime(2026, 2, 13, 23, 59, tzinfo=HANOI))  # 31 days ago
    _message("postal.listing", "4", "parked")

    days = outbox_delivered_per_day(today=today)

    assert len(days) == 30
    assert days[0] == (datetime.date(2026, 2, 14), 1)
    assert days[-2:] == [(datetime.date(2026, 3, 14), 1), (datetime.date(2026, 3, 15), 2)]
    assert sum(n for _, n in days) == 4
    assert outbox_delivered_per_day(topic="postal.listing", today=today, days=2) == [
        (datetime.date(2026, 3, 14), 1), (datetime.date(2026, 3, 15), 2)]


def test_the_admin_lists_messages_read_only():
    _message("postal.listing", "SP-1", "parked")
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="view_outboxmessage"))
    client = Client()
    client.force_login(staff)

    page = client.get(CHANGELIST)

    assert page.status_code == 200
    assert "SP-1" in page.text
    # No retry action without the permission, and nothing to add, change or delete
    assert 'value="retry"' not in page.text
    assert client.get(CHANGELIST + "add/").status_code == 403
    message = OutboxMessage.objects.get()
    response = client.post(CHANGELIST, {"action": "retry", "_selected_action": [message.pk]})
    assert OutboxMessage.objects.get().status == "parked"
    assert response.status_code == 200  # "no action selected": the action is not offered


@time_machine.travel(datetime.datetime(2026, 3, 15, 5, 0, tzinfo=datetime.UTC), tick=False)
def test_staff_with_the_retry_permission_put_parked_messages_back(django_capture_on_commit_callbacks):
    parked = _message("postal.listing", "SP-1", "parked")
    delivered = _message("postal.listing", "SP-2", "delivered", datetime.datetime(2026, 3, 1, tzinfo=datetime.UTC))
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__in=["view_outboxmessage", "retry_outboxmessage"]))
    client = Client()
    client.force_login(staff)
    assert 'value="retry"' in client.get(CHANGELIST).text

    with django_capture_on_commit_callbacks():
        response = client.post(
            CHANGELIST, {"action": "retry", "_selected_action": [parked.pk, delivered.pk]}, follow=True)

    assert "Đã đưa 1 thư trở lại hàng chờ gửi." in response.text
    assert list(OutboxMessage.objects.order_by("key").values_list("key", "status", "attempts")) == [
        ("SP-1", "pending", 0), ("SP-2", "delivered", 0)]
