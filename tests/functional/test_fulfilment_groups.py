"""Orders as a marketplace (ARCHITECTURE.md decision 3): one purchase, one fulfilment group per producer.

A customer buys from three producers in one checkout; each producer sees and ships only their own part,
step by step, each step recorded once and told to the customer once; another producer's group is not found.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from marketplace.producers.models import ProducerAction
from marketplace.shop.order.fulfilment import (
    FulfilmentRefused,
    fulfilment_group_transition,
    order_status_of,
)
from tests.factories import ProducerFactory, ProductFactory, UserFactory, producer_user

from .shop import GOOD_ADDRESS, Shopper, csrf_token, elements

Order = get_model("order", "Order")
FulfilmentGroup = get_model("order", "FulfilmentGroup")
FulfilmentGroupEvent = get_model("order", "FulfilmentGroupEvent")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

ORDERS = reverse("producer_portal:order_list")


def _detail(group):
    return reverse("producer_portal:order_detail", kwargs={"group_id": group.pk})


def _transition(group):
    return reverse("producer_portal:order_transition", kwargs={"group_id": group.pk})


def _cod(group):
    return reverse("producer_portal:order_cod", kwargs={"group_id": group.pk})


class Market:
    """Three producers, one product each, bought together by one signed-in customer paying on delivery."""

    def __init__(self, client_for):
        self.producers = {
            "A": ProducerFactory(name="HTX Nước mắm Đông Hải"),
            "B": ProducerFactory(name="HTX Chè lam Phủ Quảng"),
            "C": ProducerFactory(name="HTX Nem chua Vạn Thắng"),
        }
        self.products = {
            "A": ProductFactory(title="Nước mắm cốt Đông Hải", producer=self.producers["A"], weight_grams=500,
                                stockrecord__price=100000, stockrecord__num_in_stock=10),
            "B": ProductFactory(title="Chè lam gừng Phủ Quảng", producer=self.producers["B"], weight_grams=300,
                                stockrecord__price=50000, stockrecord__num_in_stock=10),
            "C": ProductFactory(title="Nem chua lá ổi Vạn Thắng", producer=self.producers["C"], weight_grams=1200,
                                stockrecord__price=80000, stockrecord__num_in_stock=10),
        }
        self.clients = {key: client_for(producer_user(producer)) for key, producer in self.producers.items()}
        self.customer = UserFactory(email="lan.tran@example.vn")
        self.shopper = Shopper()
        self.shopper.client.force_login(self.customer)

    def checkout(self):
        for key, quantity in (("A", 2), ("B", 1), ("C", 1)):
            assert self.shopper.add_to_basket(self.products[key], quantity=quantity).status_code == 302
        self.basket_page = self.shopper.get(reverse("basket:summary"))
        self.preview = self.shopper.checkout_to_preview(guest_email=None)
        assert self.preview.status_code == 200
        placed = self.shopper.place_order()
        assert placed.status_code == 302 and placed.url == reverse("checkout:thank-you")
        self.order = Order.objects.get()
        self.groups = {key: self.order.fulfilment_groups.get(partner=producer.partner)
                       for key, producer in self.producers.items()}
        return self

    def step(self, key, to_status, **data):
        """Producer ``key`` presses a step's button on the detail page of their group."""
        group = self.groups[key]
        return Shopper(self.clients[key]).post_form(_detail(group), _transition(group), {"to_status": to_status, **data})


@pytest.fixture
def market(client_for):
    return Market(client_for).checkout()


def _events(group):
    return list(FulfilmentGroupEvent.objects.filter(group=group).values_list("from_status", "to_status"))


def _stock(product) -> tuple[int, int]:
    """(in stock, allocated) of the product's stock record."""
    record = StockRecord.objects.get(product=product)
    return record.num_in_stock, record.num_allocated


def _allocated(product) -> int:
    return StockRecord.objects.get(product=product).num_allocated


def test_a_basket_of_three_producers_becomes_one_order_with_three_groups(market):
    order = market.order
    # one order: 2 × 100.000 + 50.000 + 80.000 = 330.000 ₫ of goods; one parcel per producer:
    # A 1.000 g → 27.000 ₫, B 300 g → 22.000 ₫, C 1.200 g → 32.000 ₫; 81.000 ₫ of shipping
    assert Order.objects.count() == 1
    assert order.shipping_incl_tax == Decimal("81000")
    assert order.total_incl_tax == Decimal("411000")
    assert order.fulfilment_groups.count() == 3
    for key, charge in (("A", "27000"), ("B", "22000"), ("C", "32000")):
        group = market.groups[key]
        assert [(line.product_id, line.quantity) for line in group.lines.all()] == [
            (market.products[key].pk, 2 if key == "A" else 1)]
        assert (group.status, group.shipping_charge, group.tracking_number, group.cod_amount_collected) == (
            "pending", Decimal(charge), "", None)
    assert sum(group.shipping_charge for group in market.groups.values()) == order.shipping_incl_tax
    assert order.lines.filter(fulfilment_group__isnull=True).count() == 0
    assert FulfilmentGroupEvent.objects.count() == 0
    # the basket and the review page showed each producer's parcel and its charge
    rows = [[cell.strip() for cell in row.split("</tr>")[0].replace("</td>", "").split("<td")[1:]]
            for row in market.basket_page.content.decode().split('<tr class="basket-parcels__item">')[1:]]
    assert [[cell.split(">", 1)[1] for cell in row] for row in rows] == [
        ["HTX Nước mắm Đông Hải", "27.000\u00a0₫"],
        ["HTX Chè lam Phủ Quảng", "22.000\u00a0₫"],
        ["HTX Nem chua Vạn Thắng", "32.000\u00a0₫"],
    ]
    parcels = market.preview.content.decode().split('class="checkout-parcels__item">')[1:]
    assert [item.split("</li>")[0] for item in parcels] == [
        "HTX Nước mắm Đông Hải: 27.000\u00a0₫",
        "HTX Chè lam Phủ Quảng: 22.000\u00a0₫",
        "HTX Nem chua Vạn Thắng: 32.000\u00a0₫",
    ]


def test_a_producer_sees_only_their_group_and_their_lines(market):
    client = market.clients["A"]
    page = client.get(ORDERS).content.decode()
    assert f'data-group="{market.groups["A"].pk}"' in page
    assert f'data-group="{market.groups["B"].pk}"' not in page
    assert f'data-group="{market.groups["C"].pk}"' not in page

    detail = client.get(_detail(market.groups["A"]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "Nước mắm cốt Đông Hải" in html
    assert "Chè lam gừng Phủ Quảng" not in html
    assert "Nem chua lá ổi Vạn Thắng" not in html
    # the customer to deliver to: name, phone, address
    assert GOOD_ADDRESS["first_name"] in html
    assert "+84912345678" in html
    assert GOOD_ADDRESS["line1"] in html
    assert "Phường Đông Sơn" in html


def test_the_list_filters_by_status(market):
    market.step("A", "confirmed")
    client = market.clients["A"]
    assert f'data-group="{market.groups["A"].pk}"' in client.get(ORDERS, {"status": "confirmed"}).content.decode()
    assert 'data-group="' not in client.get(ORDERS, {"status": "pending"}).content.decode()


def test_another_producer_gets_404_on_a_group_and_nothing_changes(market):
    group = market.groups["A"]
    client = market.clients["B"]
    token = csrf_token(client.get(_detail(market.groups["B"])))

    assert client.get(_detail(group)).status_code == 404
    assert client.post(_transition(group), {"csrfmiddlewaretoken": token, "to_status": "confirmed"}).status_code == 404
    assert client.post(_transition(group), {"csrfmiddlewaretoken": token, "to_status": "cancelled"}).status_code == 404
    assert client.post(_cod(group), {"csrfmiddlewaretoken": token, "amount": "0"}).status_code == 404

    group.refresh_from_db()
    assert group.status == "pending"
    assert _events(group) == []
    assert _allocated(market.products["A"]) == 2
    assert ProducerAction.objects.count() == 0


def test_confirm_pack_ship_deliver_each_write_one_event_and_one_email(
        market, mailoutbox, django_capture_on_commit_callbacks):
    group = market.groups["A"]
    del mailoutbox[:]  # the order confirmation

    for to_status in ("confirmed", "packed"):
        with django_capture_on_commit_callbacks(execute=True):
            response = market.step("A", to_status)
        assert response.status_code == 302 and response.url == _detail(group)
    assert _events(group) == [("pending", "confirmed"), ("confirmed", "packed")]
    assert len(mailoutbox) == 2

    # shipping without a tracking number is refused, with why, and nothing changes
    with django_capture_on_commit_callbacks(execute=True):
        refused = market.step("A", "shipped", carrier="VNPost", tracking_number="  ")
    assert refused.status_code == 400
    assert "Vui lòng nhập mã vận đơn khi giao hàng cho đơn vị vận chuyển." in refused.content.decode()
    group.refresh_from_db()
    assert (group.status, group.tracking_number, group.carrier) == ("packed", "", "")
    assert len(_events(group)) == 2
    assert len(mailoutbox) == 2
    assert _stock(market.products["A"]) == (10, 2)

    with django_capture_on_commit_callbacks(execute=True):
        assert market.step("A", "shipped", carrier="VNPost", tracking_number="EB123456789VN").status_code == 302
    # the parcel has left: its two bottles leave the stock, and only A's
    assert (_stock(market.products["A"]), _stock(market.products["B"])) == ((8, 0), (10, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert market.step("A", "delivered").status_code == 302

    group.refresh_from_db()
    assert (group.status, group.carrier, group.tracking_number) == ("delivered", "VNPost", "EB123456789VN")
    assert _events(group) == [
        ("pending", "confirmed"), ("confirmed", "packed"), ("packed", "shipped"), ("shipped", "delivered")]
    assert set(FulfilmentGroupEvent.objects.values_list("actor", flat=True)) == {
        market.producers["A"].partner.users.get().pk}
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["lan.tran@example.vn"], f"Đơn hàng {market.order.number}: Đã xác nhận, đang chuẩn bị hàng"),
        (["lan.tran@example.vn"], f"Đơn hàng {market.order.number}: Đã đóng gói, chờ giao cho đơn vị vận chuyển"),
        (["lan.tran@example.vn"], f"Đơn hàng {market.order.number}: Đang giao hàng"),
        (["lan.tran@example.vn"], f"Đơn hàng {market.order.number}: Đã giao hàng"),
    ]
    assert "HTX Nước mắm Đông Hải" in mailoutbox[2].body
    assert "Đơn vị vận chuyển: VNPost. Mã vận đơn: EB123456789VN." in mailoutbox[2].body
    assert list(ProducerAction.objects.order_by("pk").values_list("action", "target_id")) == [
        (f"fulfilment_{status}", str(group.pk)) for status in ("confirmed", "packed", "shipped", "delivered")]
    # the other producers' parts have not moved
    assert {market.groups[key].status for key in "BC"} == {"pending"}
    assert FulfilmentGroup.objects.filter(status="pending").count() == 2

    # the customer's order page shows each producer's part, its state and tracking number
    page = market.shopper.get(reverse("customer:order", kwargs={"order_number": market.order.number}))
    html = page.content.decode()
    assert f'data-group="{group.pk}" data-status="delivered"' in html
    assert '<span class="order-fulfilment__tracking">EB123456789VN</span>' in html
    assert "HTX Chè lam Phủ Quảng" in html and "HTX Nem chua Vạn Thắng" in html

    # the courier's cash, recorded once the group is delivered (a cash-on-delivery order)
    negative = Shopper(market.clients["A"]).post_form(_detail(group), _cod(group), {"amount": "-1"})
    assert negative.status_code == 400
    assert "Số tiền thu hộ phải là số đồng nguyên, không âm." in negative.content.decode()
    group.refresh_from_db()
    assert group.cod_amount_collected is None
    recorded = Shopper(market.clients["A"]).post_form(_detail(group), _cod(group), {"amount": "227000"})
    assert recorded.status_code == 302
    group.refresh_from_db()
    assert group.cod_amount_collected == Decimal("227000")
    assert ProducerAction.objects.order_by("pk").last().action == "fulfilment_cod"


def test_cancelling_a_group_releases_its_stock_and_only_its_own(market, mailoutbox, django_capture_on_commit_callbacks):
    assert (_allocated(market.products["A"]), _allocated(market.products["B"])) == (2, 1)
    del mailoutbox[:]

    with django_capture_on_commit_callbacks(execute=True):
        response = market.step("A", "cancelled", note="Hết hàng")

    assert response.status_code == 302
    group = market.groups["A"]
    group.refresh_from_db()
    assert group.status == "cancelled"
    assert (_allocated(market.products["A"]), _allocated(market.products["B"])) == (0, 1)
    assert list(group.lines.values_list("status", "num_allocated", "allocation_cancelled")) == [("cancelled", 0, True)]
    assert list(FulfilmentGroupEvent.objects.values_list("from_status", "to_status", "note")) == [
        ("pending", "cancelled", "Hết hàng")]
    assert len(mailoutbox) == 1
    assert market.groups["B"].lines.get().status == "pending"


def test_a_step_the_state_does_not_allow_is_refused_and_nothing_changes(market):
    group = market.groups["A"]

    response = market.step("A", "delivered")

    assert response.status_code == 400
    assert "Không thể chuyển nhóm hàng từ “Chờ xác nhận” sang “Đã giao hàng”." in response.content.decode()
    group.refresh_from_db()
    assert group.status == "pending"
    assert _events(group) == []
    assert ProducerAction.objects.count() == 0
    with pytest.raises(FulfilmentRefused):
        fulfilment_group_transition(group, "shipped", market.customer, tracking_number="X", carrier="VNPost")
    assert FulfilmentGroup.objects.get(pk=group.pk).status == "pending"


def test_the_order_and_its_lines_follow_their_parcels_and_the_customer_reads_it(
        market, django_capture_on_commit_callbacks):
    def order_status():
        market.order.refresh_from_db()
        return market.order.status

    def go(key, *steps):
        for to_status in steps:
            fields = {"carrier": "VNPost", "tracking_number": f"EB{key}1VN"} if to_status == "shipped" else {}
            with django_capture_on_commit_callbacks(execute=True):
                assert market.step(key, to_status, **fields).status_code == 302

    # waiting while any parcel waits; confirmed once every live parcel is (packing is still "confirmed")
    go("A", "confirmed", "packed")
    assert order_status() == "pending"
    go("B", "confirmed")
    go("C", "cancelled")
    assert order_status() == "confirmed"
    # shipped once every live parcel has left; delivered when they arrived, a cancelled one not counted
    go("A", "shipped")
    assert order_status() == "confirmed"
    go("B", "packed", "shipped")
    assert order_status() == "shipped"
    go("A", "delivered")
    go("B", "returned")
    assert order_status() == "delivered"
    assert list(market.order.status_changes.order_by("pk").values_list("old_status", "new_status")) == [
        ("pending", "confirmed"), ("confirmed", "shipped"), ("shipped", "delivered")]
    # each line carries its own parcel's state
    assert {key: market.groups[key].lines.get().status for key in "ABC"} == {
        "A": "delivered", "B": "returned", "C": "cancelled"}
    page = market.shopper.get(reverse("customer:order", kwargs={"order_number": market.order.number}))
    assert "<p>Đã giao hàng</p>" in page.content.decode()


@pytest.mark.parametrize(("parcels", "order"), [
    (["cancelled", "cancelled"], "cancelled"),
    (["returned", "cancelled"], "returned"),
    (["returned", "delivered"], "delivered"),
    (["shipped", "returned"], "shipped"),
    (["packed", "delivered"], "confirmed"),
    (["pending", "delivered"], "pending"),
])
def test_the_order_status_is_where_its_least_advanced_live_parcel_is(parcels, order):
    assert order_status_of(parcels) == order


@pytest.mark.parametrize(("restock", "stock_after"), [({"restock": "on"}, (10, 0)), ({}, (8, 0))])
def test_a_returned_parcel_goes_back_into_stock_only_when_the_producer_says_it_can_be_sold(
        market, restock, stock_after):
    # given A's parcel of two bottles shipped: they left the stock
    for to_status, fields in (("confirmed", {}), ("packed", {}),
                              ("shipped", {"carrier": "VNPost", "tracking_number": "EB1VN"})):
        assert market.step("A", to_status, **fields).status_code == 302
    assert _stock(market.products["A"]) == (8, 0)

    # when it comes back and the producer records the return, with or without "back into stock"
    assert market.step("A", "returned", note="Khách không nhận", **restock).status_code == 302

    # then the bottles are back on sale only if they said so; B's stock is untouched either way
    assert _stock(market.products["A"]) == stock_after
    assert _stock(market.products["B"]) == (10, 1)
    action = ProducerAction.objects.order_by("pk").last()
    assert (action.action, action.detail["restock"]) == ("fulfilment_returned", bool(restock))
    assert _events(market.groups["A"])[-1] == ("shipped", "returned")


def test_the_return_step_offers_to_put_the_goods_back_into_stock(market):
    for to_status, fields in (("confirmed", {}), ("packed", {}),
                              ("shipped", {"carrier": "VNPost", "tracking_number": "EB1VN"})):
        assert market.step("A", to_status, **fields).status_code == 302

    page = Shopper(market.clients["A"]).get(_detail(market.groups["A"]))

    returned = elements(page.content, name="restock")
    assert [(field["type"], field["id"]) for field in returned] == [("checkbox", "id_returned_restock")]
    assert "Hàng trả về còn bán được: đưa lại vào kho" in page.content.decode()


def test_cash_recorded_twice_or_before_delivery_is_refused_with_the_reason(market):
    group = market.groups["A"]
    producer = Shopper(market.clients["A"])

    early = producer.post_form(_detail(group), _cod(group), {"amount": "227000"}, follow=True)
    assert "Chỉ ghi tiền thu hộ khi nhóm hàng đã giao." in early.content.decode()
    for to_status, fields in (("confirmed", {}), ("packed", {}),
                              ("shipped", {"carrier": "VNPost", "tracking_number": "EB1VN"}), ("delivered", {})):
        assert market.step("A", to_status, **fields).status_code == 302
    assert producer.post_form(_detail(group), _cod(group), {"amount": "227000"}).status_code == 302
    again = producer.post_form(_detail(group), _cod(group), {"amount": "1"}, follow=True)

    assert "Tiền thu hộ của nhóm hàng này đã được ghi." in again.content.decode()
    group.refresh_from_db()
    assert group.cod_amount_collected == Decimal("227000")
    assert list(ProducerAction.objects.filter(action="fulfilment_cod").values_list("detail", flat=True)) == [
        {"order": market.order.number, "amount": 227000}]


def test_staff_see_each_producers_parcel_on_the_dashboard_order_page(market, staff_client):
    for to_status, fields in (("confirmed", {}), ("packed", {}),
                              ("shipped", {"carrier": "VNPost", "tracking_number": "EB123456789VN"})):
        assert market.step("A", to_status, **fields).status_code == 302
    assert market.step("C", "cancelled").status_code == 302

    page = staff_client.get(reverse("dashboard:order-detail", kwargs={"number": market.order.number}))

    assert page.status_code == 200
    html = page.content.decode()
    rows = html.split('class="table table-striped table-bordered order-fulfilment-groups"')[1].split("</table>")[0]
    cells = [[cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
             for row in rows.split("<tr data-group=")[1:]]
    assert cells == [
        ["HTX Nước mắm Đông Hải", "Đang giao hàng", "27.000\u00a0₫", "VNPost EB123456789VN", "—"],
        ["HTX Chè lam Phủ Quảng", "Chờ xác nhận", "22.000\u00a0₫", "—", "—"],
        ["HTX Nem chua Vạn Thắng", "Đã hủy", "32.000\u00a0₫", "—", "—"],
    ]
