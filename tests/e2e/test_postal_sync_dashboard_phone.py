"""The postal channel's sync dashboard on a 390 px phone: nothing scrolls the page sideways, and retry works.

Given two listings the channel refused (one with a long reason), staff who may retry open
/shop/dashboard/kenh-buu-dien/ on a phone: the page is as wide as the screen (the failed table scrolls
inside its own frame), the chart fits, and "retry all" answers with the message and an empty table.
"""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction
from django.urls import reverse

from marketplace.channels.push import TOPIC
from marketplace.outbox.models import OutboxMessage
from marketplace.outbox.services import outbox_write
from tests.factories import ProductFactory, UserFactory

from .browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE_WIDTH = 390
LONG_REASON = ("Ảnh chính phải có nền trắng, kích thước tối thiểu 800x800 điểm ảnh và không chứa chữ, logo hay "
               "hình mờ; mô tả không được chứa đường dẫn ra ngoài sàn: https://example.vn/mot-duong-dan-rat-dai")


def test_the_dashboard_fits_a_phone_and_retries(live_server, in_phone_browser, settings):
    # Given two failed listings, written while push is off (no other messages), then push on
    settings.POSTAL_CHANNEL_URL = ""
    products = [ProductFactory(title="Nước mắm cá cơm Ba Làng thượng hạng 40 độ đạm"), ProductFactory()]
    for product, reason in zip(products, [LONG_REASON, "Giá không hợp lệ"], strict=True):
        with transaction.atomic():
            message = outbox_write(topic=TOPIC, key=product.pk, payload={})
        OutboxMessage.objects.filter(pk=message.pk).update(status="parked", last_error=reason, attempts=12)
    # a port nothing listens on: the drain after the retry is refused at once and retried later
    settings.POSTAL_CHANNEL_URL = "http://127.0.0.1:9/"
    staff = UserFactory(is_staff=True, email="nhan.vien@example.vn", username="nhan.vien@example.vn")
    for codename in ("view_channellisting", "retry_outboxmessage"):
        staff.user_permissions.add(Permission.objects.get(codename=codename))
    dashboard = reverse("dashboard:postal-sync")

    def visit(page):
        sign_in(page, base_url=live_server.url, username=staff.email, next_path=dashboard)
        before = {
            "width": page.evaluate("document.documentElement.scrollWidth"),
            "chart": page.evaluate("document.querySelector('.postal-sync-chart__svg').getBoundingClientRect().width"),
            "rows": page.locator("table.postal-sync-failed tbody tr").count(),
        }
        page.screenshot(path="/tmp/postal_sync_phone.png", full_page=True)
        page.get_by_role("button", name="Gửi lại tất cả tin đăng lỗi").click()
        page.wait_for_url(f"{live_server.url}{dashboard}")
        after = {
            "width": page.evaluate("document.documentElement.scrollWidth"),
            "alert": page.locator(".alert-success").inner_text().strip(),
            "rows": page.locator("table.postal-sync-failed tbody tr").count(),
        }
        return before, after

    before, after = in_phone_browser(visit)

    # then nothing scrolls the page sideways, before and after the retry
    assert before["width"] == after["width"] == PHONE_WIDTH
    assert 0 < before["chart"] <= PHONE_WIDTH
    assert before["rows"] == 2
    assert after["rows"] == 0
    assert after["alert"].splitlines()[0] == "Đã đưa lại 2 tin đăng vào hàng chờ gửi."
    # (the drain after the retry has run: refused by the closed port, or nothing to send for a product without photo)
    assert not OutboxMessage.objects.filter(topic=TOPIC, status="parked").exists()
