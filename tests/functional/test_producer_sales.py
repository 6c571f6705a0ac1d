"""The producer's sales in the portal, and the marketplace's sales statement attached to an OCOP dossier.

Given orders placed in known weeks (Vietnam time), when the producer opens /producer/ban-hang/, then the
totals, the weekly chart and table and the by-product table count only their own lines of groups that are
neither cancelled nor returned; the CSV has exactly those lines; bad periods get a clear error. The
statement of a dossier's product is a PDF attached as evidence marked "made by the marketplace", only to
a dossier of the producer's own product that can still be edited.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from decimal import Decimal
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sites.models import Site
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model
from pypdf import PdfReader

from marketplace.producers.models import ProducerAction
from marketplace.producers.portal.access import SESSION_ASSISTED
from marketplace.shop.order import statuses
from ocop_rating.dossiers.services import dossier_create, dossier_submit
from ocop_rating.models import AuditEvent, EvidenceFile
from tests.factories import (
    ProducerFactory,
    ProductClassFactory,
    ProductFactory,
    UserFactory,
    producer_user,
)
from tests.rating import REGISTRATION, dossier_draft, png_upload

from .shop import csrf_token

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_28_november_2026")]

Order = get_model("order", "Order")
Line = get_model("order", "Line")
FulfilmentGroup = get_model("order", "FulfilmentGroup")
StockRecord = get_model("partner", "StockRecord")

HANOI_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
OVERVIEW = reverse("producer_portal:sales_overview")
CSV_URL = reverse("producer_portal:sales_csv")
CUSTOMER_EMAIL = "kin.dao@example.vn"
_numbers = count(100001)


def _local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=HANOI_TIME)


def order_place(placed: datetime.datetime, *parts) -> Order:
    """An order placed at ``placed``: each part is (producer, group status, [(product, quantity, title?)...])."""
    order = Order.objects.create(
        number=str(next(_numbers)), site=Site.objects.get_current(), currency="VND", total_incl_tax=0,
        total_excl_tax=0, guest_email=CUSTOMER_EMAIL, status=statuses.PENDING, date_placed=placed,
    )
    for producer, status, lines in parts:
        shipped = status in (statuses.SHIPPED, statuses.DELIVERED, statuses.RETURNED)
        group = FulfilmentGroup.objects.create(
            order=order, partner=producer.partner, status=status,
            carrier="VNPost" if shipped else "", tracking_number=f"VN{order.number}" if shipped else "",
        )
        for product, quantity, *title in lines:
            price = product.stockrecords.get().price
            Line.objects.create(
                order=order, fulfilment_group=group, partner=producer.partner, partner_name=producer.name,
                partner_sku=f"SP-{product.pk}", product=product, title=title[0] if title else product.title,
                quantity=quantity, line_price_incl_tax=price * quantity, line_price_excl_tax=price * quantity,
                line_price_before_discounts_incl_tax=price * quantity,
                line_price_before_discounts_excl_tax=price * quantity,
                unit_price_incl_tax=price, unit_price_excl_tax=price, status=status, num_allocated=0,
            )
    return order


class Shop:
    """Producer A (fish sauce 100.000 ₫, tea cake 50.000 ₫) and producer B, with orders in known weeks.

    Today is Saturday 28/11/2026 (ISO week 48); the default period is weeks 37-48 (07/09 to 28/11).
    """

    def __init__(self, client_for):
        self.a = ProducerFactory(name="HTX Nước mắm Đông Hải")
        self.b = ProducerFactory(name="HTX Nem chua Vạn Thắng")
        self.sauce = ProductFactory(title="Nước mắm cốt Đông Hải", producer=self.a,
                                    stockrecord__price=100000, stockrecord__num_in_stock=40)
        self.cake = ProductFactory(title="Chè lam gừng Phủ Quảng", producer=self.a,
                                   stockrecord__price=50000, stockrecord__num_in_stock=40)
        self.nem = ProductFactory(title="Nem chua lá ổi", producer=self.b,
                                  stockrecord__price=80000, stockrecord__num_in_stock=1)
        self.client = client_for(producer_user(self.a))
        self.orders = {
            # 00:30 on Monday 23/11 in Vietnam is still Sunday 22/11 in UTC: week 48, not 47.
            "monday_early": order_place(_local(2026, 11, 23, 0, 30),
                                        (self.a, statuses.DELIVERED, [(self.sauce, 2)]),
                                        (self.b, statuses.DELIVERED, [(self.nem, 1)])),
            "sunday_late": order_place(_local(2026, 11, 22, 23, 30), (self.a, statuses.PENDING, [(self.cake, 3)])),
            "wednesday": order_place(_local(2026, 11, 25, 10, 0),
                                     (self.a, statuses.SHIPPED, [(self.sauce, 1), (self.cake, 1, "=1+1 Chè lam")])),
            "cancelled": order_place(_local(2026, 11, 26, 9, 0), (self.a, statuses.CANCELLED, [(self.sauce, 5)])),
            "returned": order_place(_local(2026, 11, 10, 9, 0), (self.a, statuses.RETURNED, [(self.sauce, 1)])),
            "before": order_place(_local(2026, 9, 6, 23, 59), (self.a, statuses.DELIVERED, [(self.sauce, 1)])),
            "october": order_place(_local(2026, 10, 5, 14, 0), (self.a, statuses.CONFIRMED, [(self.cake, 2)])),
            "only_b": order_place(_local(2026, 11, 24, 8, 0), (self.b, statuses.PENDING, [(self.nem, 4)])),
        }


@pytest.fixture
def shop(client_for):
    return Shop(client_for)


def _week_rows(html: str) -> dict[str, tuple[int, int, str]]:
    return {week: (int(orders), int(units), revenue) for week, orders, units, revenue in re.findall(
        r'data-week="([\d-]+)" data-orders="(\d+)" data-units="(\d+)" data-revenue="([\d.]+)"', html)}


def _product_rows(html: str) -> list[tuple[str, int, int, str]]:
    return [(product, int(orders), int(units), revenue) for product, orders, units, revenue in re.findall(
        r'<tr data-product="(\d*)" data-orders="(\d+)" data-units="(\d+)" data-revenue="([\d.]+)"', html)]


# --- overview -----------------------------------------------------------------------------------------


def test_overview_counts_the_producers_own_lines_by_local_iso_week(shop):
    response = shop.client.get(OVERVIEW)
    assert response.status_code == 200
    html = response.content.decode()
    weeks = _week_rows(html)
    # Then twelve ISO weeks, Monday 07/09 to Monday 23/11, and only three with sales.
    assert list(weeks) == [(datetime.date(2026, 9, 7) + datetime.timedelta(weeks=i)).isoformat() for i in range(12)]
    assert {week: row for week, row in weeks.items() if row[0]} == {
        "2026-10-05": (1, 2, "100000"),
        "2026-11-16": (1, 3, "150000"),
        "2026-11-23": (2, 4, "350000"),
    }
    assert 'data-total="orders">4<' in html
    assert 'data-total="units">9<' in html
    assert 'data-total="revenue">600.000\xa0₫<' in html
    assert "Tuần 48/2026 (23/11–29/11)" in html
    # and B's product, sold in the same order as A's, is nowhere
    assert "Nem chua" not in html


def test_overview_by_product_excludes_cancelled_and_returned_groups(shop):
    html = shop.client.get(OVERVIEW).content.decode()
    # Tea cake: 3 + 1 + 2 units, 300.000 ₫; fish sauce: 2 + 1 (the cancelled 5 and the returned 1 not counted).
    assert _product_rows(html) == [
        (str(shop.cake.pk), 3, 6, "300000"),
        (str(shop.sauce.pk), 2, 3, "300000"),
    ]


def test_chart_is_inline_accessible_svg_with_one_bar_per_week_and_panel(shop):
    html = shop.client.get(OVERVIEW).content.decode()
    assert '<svg role="img" aria-labelledby="sales-chart-title sales-chart-desc"' in html
    assert '<title id="sales-chart-title">Đơn hàng và doanh thu theo tuần</title>' in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert html.count("<rect ") == 24
    # the tallest revenue bar is week 48's 350.000 ₫ (90 units high), week 47's 150.000 ₫ is 3/7 of it
    assert '<title>Tuần 48/2026: 350.000\xa0₫</title>' in html
    assert 'height="90" fill="#2f7d32"><title>Tuần 48/2026: 350.000\xa0₫</title>' in html
    assert 'height="38.6" fill="#2f7d32"><title>Tuần 47/2026: 150.000\xa0₫</title>' in html
    assert 'height="90" fill="#1d4ed8"><title>Tuần 48/2026: 2 đơn</title>' in html


def test_a_chosen_period_in_day_month_year_counts_only_its_days(shop):
    html = shop.client.get(OVERVIEW, {"start": "16/11/2026", "end": "22/11/2026"}).content.decode()
    assert _week_rows(html) == {"2026-11-16": (1, 3, "150000")}
    assert 'data-total="revenue">150.000\xa0₫<' in html


@pytest.mark.parametrize(("query", "error"), [
    ({"start": "2026-11-20", "end": "2026-11-01"}, "Ngày kết thúc phải sau hoặc bằng ngày bắt đầu."),
    ({"start": "2024-11-01", "end": "2026-11-28"}, "Chỉ xem được tối đa 2 năm một lần: hãy chọn khoảng ngắn hơn."),
    ({"start": "31/02/2026"}, "Ngày bắt đầu không hợp lệ (định dạng ngày/tháng/năm)."),
    ({"end": "hôm qua"}, "Ngày kết thúc không hợp lệ (định dạng ngày/tháng/năm)."),
    ({"start": "9999-12-30", "end": "9999-12-31"}, "Hãy chọn ngày trong khoảng từ 01/01/2020 đến 31/12/2027."),
    ({"start": "0001-01-01", "end": "0001-01-02"}, "Hãy chọn ngày trong khoảng từ 01/01/2020 đến 31/12/2027."),
])
@pytest.mark.parametrize("url", [OVERVIEW, CSV_URL])
def test_a_bad_period_shows_why_and_no_figures(shop, url, query, error):
    response = shop.client.get(url, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert error in html
    assert "data-total=" not in html and "data-week=" not in html


def test_overview_queries_do_not_grow_with_orders(shop, django_assert_num_queries):
    assert shop.client.get(OVERVIEW).status_code == 200  # the first visit opens the user's basket
    with django_assert_num_queries(QUERIES_OVERVIEW):
        assert shop.client.get(OVERVIEW).status_code == 200
    for day in range(1, 20):
        order_place(_local(2026, 10, day, 12, 0), (shop.a, statuses.PENDING, [(shop.sauce, 1), (shop.cake, 1)]))
    with django_assert_num_queries(QUERIES_OVERVIEW):
        assert shop.client.get(OVERVIEW).status_code == 200


# Session, user, roles, producer; the page's five: low stock, dossiers, by week, totals, by product; then the
# site's header and menu (notifications, roles, permissions, the basket and its lines).
QUERIES_OVERVIEW = 17


# --- low stock ---------------------------------------------------------------------------------------


def test_low_stock_lists_tracked_products_at_or_below_five_available_with_their_edit_link(shop):
    StockRecord.objects.filter(product=shop.sauce).update(num_in_stock=10, num_allocated=6)  # 4 available
    at_threshold = ProductFactory(title="Mắm tép Hà Yên", producer=shop.a, stockrecord__num_in_stock=5)
    ProductFactory(title="Tour làng nghề", producer=shop.a, stockrecord__num_in_stock=0,
                   product_class=ProductClassFactory(name="Dịch vụ không theo dõi kho", track_stock=False))
    html = shop.client.get(OVERVIEW).content.decode()
    section = html.split('aria-labelledby="sales-low-stock"', 1)[1].split("</section>", 1)[0]
    assert re.findall(r'data-product="(\d+)" data-available="(-?\d+)"', section) == [
        (str(shop.sauce.pk), "4"), (str(at_threshold.pk), "5")]
    assert reverse("producer_portal:listing_edit", kwargs={"product_id": shop.sauce.pk}) in section
    assert "Tour làng nghề" not in section and "Nem chua" not in section and "Chè lam" not in section


# --- CSV -----------------------------------------------------------------------------------------------


def test_csv_has_one_row_per_sold_line_of_the_producer_and_nothing_of_the_customer(shop):
    response = shop.client.get(CSV_URL, {"start": "2026-09-07", "end": "2026-11-28"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="ban-hang-2026-09-07-2026-11-28.csv"'
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    numbers = {key: order.number for key, order in shop.orders.items()}
    assert list(csv.reader(io.StringIO(text))) == [
        ["Ngày đặt", "Mã đơn hàng", "Sản phẩm", "Số lượng", "Đơn giá (đồng)", "Thành tiền (đồng)", "Trạng thái"],
        ["05/10/2026 14:00", numbers["october"], "Chè lam gừng Phủ Quảng", "2", "50000", "100000",
         "Đã xác nhận, đang chuẩn bị hàng"],
        ["22/11/2026 23:30", numbers["sunday_late"], "Chè lam gừng Phủ Quảng", "3", "50000", "150000", "Chờ xác nhận"],
        ["23/11/2026 00:30", numbers["monday_early"], "Nước mắm cốt Đông Hải", "2", "100000", "200000",
         "Đã giao hàng"],
        ["25/11/2026 10:00", numbers["wednesday"], "Nước mắm cốt Đông Hải", "1", "100000", "100000", "Đang giao hàng"],
        # a title that would run as a formula is made text
        ["25/11/2026 10:00", numbers["wednesday"], "'=1+1 Chè lam", "1", "50000", "50000", "Đang giao hàng"],
    ]
    assert CUSTOMER_EMAIL not in text and "Nem chua" not in text


def test_csv_link_carries_the_period_shown(shop):
    html = shop.client.get(OVERVIEW, {"start": "2026-11-16", "end": "2026-11-22"}).content.decode()
    assert f'href="{CSV_URL}?start=2026-11-16&amp;end=2026-11-22"' in html


# --- the sales statement as OCOP evidence ---------------------------------------------------------------


class Dossiers:
    """A producer's fish sauce with a draft dossier and sales over the last 12 months (Dec 2025 to Nov 2026)."""

    def __init__(self, people, rating_product, client_for):
        self.people = people
        self.product = rating_product
        self.producer = rating_product.producer
        StockRecord.objects.filter(product=rating_product).update(price=Decimal(120000))
        self.client = client_for(people.producer)
        self.dossier = dossier_create(product=rating_product, kind="first", registration=REGISTRATION,
                                      actor=people.producer)
        producer = self.producer
        order_place(_local(2025, 11, 30, 23, 50), (producer, statuses.DELIVERED, [(rating_product, 9)]))  # before
        order_place(_local(2025, 12, 1, 0, 10), (producer, statuses.DELIVERED, [(rating_product, 2)]))
        order_place(_local(2026, 6, 15, 9, 0), (producer, statuses.SHIPPED, [(rating_product, 3)]))
        order_place(_local(2026, 6, 20, 9, 0), (producer, statuses.CANCELLED, [(rating_product, 7)]))
        order_place(_local(2026, 11, 27, 18, 0), (producer, statuses.PENDING, [(rating_product, 1)]))
        # 2 + 3 + 1 = 6 units, 720.000 ₫ over the 12 months

    def url(self, dossier=None):
        return reverse("producer_portal:sales_statement", kwargs={"dossier_id": (dossier or self.dossier).pk})

    def attach(self, dossier=None):
        page = self.client.get(self.url(dossier))
        return self.client.post(self.url(dossier), {"csrfmiddlewaretoken": csrf_token(page)})


@pytest.fixture
def dossiers(people, rating_product, client_for):
    return Dossiers(people, rating_product, client_for)


def _pdf_text(evidence: EvidenceFile) -> str:
    with evidence.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_statement_page_shows_the_months_and_the_listing(dossiers):
    html = dossiers.client.get(dossiers.url()).content.decode()
    assert f"http://testserver{dossiers.product.get_absolute_url()}" in html
    assert 'data-month="2025-12"' in html and 'data-month="2026-11"' in html and 'data-month="2025-11"' not in html
    assert 'data-units="6" data-revenue="720000"' in html
    assert "Đính kèm bảng kê bán hàng trên sàn" in html


def test_attaching_the_statement_adds_a_marked_pdf_with_the_listing_and_the_12_month_total(dossiers):
    response = dossiers.attach()
    assert response.status_code == 302
    assert response["Location"] == reverse("ocop_rating:dossier_evidence", kwargs={"dossier_id": dossiers.dossier.pk})
    evidence = EvidenceFile.objects.get(dossier=dossiers.dossier)
    assert (evidence.generated_by_marketplace, evidence.kind, evidence.content_type) == (
        True, EvidenceFile.Kind.DISTRIBUTION, "application/pdf")
    assert evidence.uploaded_by == dossiers.people.producer
    text = _pdf_text(evidence)
    assert "Nước mắm Hải Thanh" in text
    assert f"http://testserver{dossiers.product.get_absolute_url()}" in text
    assert "Tổng cộng 12 tháng 6 720.000 ₫" in text
    assert "12/2025 2 240.000 ₫" in text and "06/2026 3 360.000 ₫" in text
    assert "Ngày lập: 28/11/2026 09:00" in text
    assert "Do Chợ OCOP Thanh Hóa lập tự động" in text
    assert ProducerAction.objects.filter(producer=dossiers.producer, action="sales_statement_attached").count() == 1
    # and the dossier's pages show it as made by the marketplace, with the offer to attach one
    evidence_page = dossiers.client.get(reverse("ocop_rating:dossier_evidence",
                                                kwargs={"dossier_id": dossiers.dossier.pk})).content.decode()
    assert "Do sàn lập" in evidence_page
    detail = dossiers.client.get(reverse("ocop_rating:dossier_detail",
                                         kwargs={"dossier_id": dossiers.dossier.pk})).content.decode()
    assert "Do sàn lập" in detail
    assert f'href="{dossiers.url()}"' in detail


def test_attaching_again_replaces_the_previous_statement(dossiers):
    assert dossiers.attach().status_code == 302
    first = EvidenceFile.objects.get(dossier=dossiers.dossier)
    assert dossiers.attach().status_code == 302
    assert list(EvidenceFile.objects.filter(dossier=dossiers.dossier).values_list("generated_by_marketplace", flat=True)) == [True]
    assert EvidenceFile.objects.get(dossier=dossiers.dossier).pk != first.pk


def test_an_uploaded_file_is_not_marked_as_made_by_the_marketplace(dossiers):
    page = dossiers.client.get(reverse("ocop_rating:dossier_evidence", kwargs={"dossier_id": dossiers.dossier.pk}))
    dossiers.client.post(reverse("ocop_rating:dossier_evidence", kwargs={"dossier_id": dossiers.dossier.pk}),
                         {"csrfmiddlewaretoken": csrf_token(page), "kind": "distribution", "file": png_upload()})
    assert list(EvidenceFile.objects.values_list("generated_by_marketplace", flat=True)) == [False]
    assert dossiers.attach().status_code == 302
    # the producer's own file stays: only a previous marketplace statement is replaced
    assert sorted(EvidenceFile.objects.values_list("generated_by_marketplace", flat=True)) == [False, True]


def test_a_dossier_of_another_producers_product_is_not_found_and_nothing_is_attached(dossiers, client_for):
    other = client_for(producer_user(ProducerFactory(name="HTX Khác")))
    token = other.get(OVERVIEW).cookies["csrftoken"].value
    assert other.get(dossiers.url()).status_code == 404
    assert other.post(dossiers.url(), {"csrfmiddlewaretoken": token}).status_code == 404
    assert not EvidenceFile.objects.exists()
    assert not ProducerAction.objects.filter(action="sales_statement_attached").exists()


def test_a_submitted_dossier_is_refused_with_the_reason_and_nothing_is_attached(people, client_for):
    product = ProductFactory(title="Nước mắm Ba Làng")
    product.producer.partner.users.add(people.producer)
    dossier = dossier_submit(dossier=dossier_draft(product, people), actor=people.producer)
    client = client_for(people.producer)
    url = reverse("producer_portal:sales_statement", kwargs={"dossier_id": dossier.pk})
    reason = "Hồ sơ đang ở trạng thái “đã nộp, chờ xã kiểm tra”, không thể sửa."
    page = client.get(url)
    assert page.status_code == 200
    assert reason in page.content.decode()
    assert "producer-statement__attach" not in page.content.decode()
    before = list(EvidenceFile.objects.values_list("pk", flat=True))
    response = client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    assert response.status_code == 400
    assert reason in response.content.decode()
    assert list(EvidenceFile.objects.values_list("pk", flat=True)) == before
    assert not ProducerAction.objects.filter(action="sales_statement_attached").exists()
    # the dossier service audited the refusal, and that record was kept
    assert AuditEvent.objects.filter(action="evidence_statement_attach", refused=True, dossier=dossier).count() == 1


def test_staff_acting_for_the_producer_see_why_they_may_not_attach_and_a_post_is_refused(dossiers):
    # Given a member of staff doing assisted listing for the producer
    assistant = UserFactory(is_staff=True)
    assistant.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
    client = Client()
    client.force_login(assistant)
    session = client.session
    session[SESSION_ASSISTED] = dossiers.producer.pk
    session.save()
    reason = ("Bảng kê là minh chứng trong hồ sơ của chính chủ thể: nhân viên hỗ trợ đăng bán không được đính kèm "
              "thay. Hãy để người của chủ thể đính kèm.")

    # when they open the statement, they see the figures and why they cannot attach it, with no button
    page = client.get(dossiers.url())
    assert page.status_code == 200
    html = page.content.decode()
    assert reason in html
    assert "producer-statement__attach" not in html
    assert reverse("ocop_rating:dossier_detail", kwargs={"dossier_id": dossiers.dossier.pk}) not in html
    # and a post anyway is refused with the same reason: nothing attached, nothing recorded
    response = client.post(dossiers.url())
    assert response.status_code == 403
    assert reason in response.content.decode()
    assert not EvidenceFile.objects.exists()
    assert not ProducerAction.objects.filter(action="sales_statement_attached").exists()
