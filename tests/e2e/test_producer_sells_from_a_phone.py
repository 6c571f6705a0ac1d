"""A producer lists a product with two camera photos and ships its order, on a phone, in a real browser.

Issue 9's acceptance: in Chromium at 390 × 844 a producer creates a product with two photos and it appears
in the shop; the same producer confirms, packs and ships an order with a tracking number.
"""

import io
from urllib.parse import urlsplit

import pytest
from oscar.core.loading import get_model
from PIL import Image

from catalog.models import Product, ProductSet
from marketplace.producers.models import ProducerAction
from tests.factories import ProducerFactory, producer_user
from tests.functional.shop import Shopper

from .browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FulfilmentGroup = get_model("order", "FulfilmentGroup")
Order = get_model("order", "Order")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

TITLE = "Nem chua lá ổi Vạn Thắng"


def _camera_photo(path, colour) -> str:
    """A phone-sized JPEG, as the camera would hand it to the file input."""
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 900), colour).save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return str(path)


def _list_a_product(page, *, base_url, email, set_name, photos) -> dict:
    sign_in(page, base_url=base_url, username=email, next_path="/producer/san-pham/")
    page.get_by_role("link", name="Đăng sản phẩm mới").click()
    page.wait_for_url("**/producer/san-pham/moi/")
    page.select_option('select[name="ocop_set"]', label=set_name)
    page.fill('input[name="title"]', TITLE)
    page.fill('textarea[name="description"]', "Nem chua gói lá ổi, lên men tự nhiên 3 ngày.")
    page.fill('input[name="price"]', "45000")
    page.fill('input[name="num_in_stock"]', "30")
    page.fill('input[name="weight_grams"]', "500")
    page.fill('input[name="shelf_life_days"]', "7")
    page.locator("form.producer-listing-form [type=submit]").click()

    # the product is listed and the photos page opens: two photos from the camera
    page.wait_for_url("**/anh/")
    page.set_input_files('input[name="photos"]', photos)
    page.get_by_role("button", name="Tải ảnh lên").click()
    page.wait_for_selector(".producer-photos__item >> nth=1")
    photo_count = page.locator(".producer-photos__item").count()

    # and the shop shows it, with its price, as soon as it was saved
    page.get_by_role("link", name="Quay lại thông tin sản phẩm").click()
    page.goto(f"{base_url}/shop/catalogue/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url("**/shop/catalogue/**")
    return {
        "photos": photo_count, "shop_path": urlsplit(page.url).path, "heading": page.locator("h1").first.inner_text(),
        "price": page.locator(".product_main .price_color").first.inner_text(),
        "width": page.evaluate("window.innerWidth"),
        "overflow": page.evaluate("document.documentElement.scrollWidth > window.innerWidth"),
    }


def _confirm_pack_and_ship(page, *, base_url, email, order_number) -> dict:
    sign_in(page, base_url=base_url, username=email, next_path="/producer/don-hang/")
    page.get_by_role("link", name=f"Đơn hàng {order_number}").click()
    page.wait_for_selector('form[data-step="confirmed"]')
    page.locator('form[data-step="confirmed"] [type=submit]').click()
    page.wait_for_selector('form[data-step="packed"]')
    page.locator('form[data-step="packed"] [type=submit]').click()
    page.wait_for_selector('form[data-step="shipped"]')
    page.locator('form[data-step="shipped"] input[name="carrier"]').fill("VNPost")
    page.locator('form[data-step="shipped"] input[name="tracking_number"]').fill("EB123456789VN")
    page.locator('form[data-step="shipped"] [type=submit]').click()
    page.wait_for_selector('form[data-step="delivered"]')
    return {"text": page.locator("main").inner_text(),
            "overflow": page.evaluate("document.documentElement.scrollWidth > window.innerWidth")}


def test_a_producer_lists_a_product_with_two_photos_and_ships_its_order_on_a_phone(
        live_server, in_phone_browser, tmp_path, search_index_listening):
    # (the catalogue lists from the search index, which hears of the new product through the outbox)
    # given a household producer's user, signed in on a phone
    producer = ProducerFactory(name="Hộ kinh doanh Nem chua Bà Lan")
    user = producer_user(producer, email="ba.lan@example.vn")
    nem_chua = ProductSet.objects.get(number=5)
    photos = [_camera_photo(tmp_path / "IMG_0001.jpg", (180, 40, 40)),
              _camera_photo(tmp_path / "IMG_0002.jpg", (40, 140, 60))]

    # when they list a product with two photos from the camera
    listed = in_phone_browser(lambda page: _list_a_product(
        page, base_url=live_server.url, email=user.email, set_name=nem_chua.name, photos=photos))

    # then it is in the shop with both photos, at their price and stock, on a page that fits the phone
    product = Product.objects.get(title=TITLE)
    assert (product.producer, product.ocop_set, product.is_public) == (producer, nem_chua, True)
    assert listed["width"] == 390 and listed["overflow"] is False
    assert listed["photos"] == 2 and product.images.count() == 2
    assert listed["shop_path"] == product.get_absolute_url()
    assert listed["heading"] == TITLE
    assert listed["price"] == "45.000\xa0₫"
    record = StockRecord.objects.get(product=product)
    assert (record.partner, int(record.price), record.num_in_stock) == (producer.partner, 45000, 30)

    # and when a customer buys two, the producer confirms, packs and ships them with a tracking number
    shopper = Shopper()
    assert shopper.add_to_basket(product, quantity=2).status_code == 302
    assert shopper.checkout_to_preview().status_code == 200
    assert shopper.place_order().status_code == 302
    order = Order.objects.get()
    shipped = in_phone_browser(lambda page: _confirm_pack_and_ship(
        page, base_url=live_server.url, email=user.email, order_number=order.number))

    # then the group is shipped with its tracking, the two units left the stock, and the page says so
    group = FulfilmentGroup.objects.get(order=order)
    assert (group.partner, group.status, group.carrier, group.tracking_number) == (
        producer.partner, "shipped", "VNPost", "EB123456789VN")
    assert list(group.events.order_by("pk").values_list("to_status", flat=True)) == [
        "confirmed", "packed", "shipped"]
    record.refresh_from_db()
    assert (record.num_in_stock, record.num_allocated) == (28, 0)
    assert "EB123456789VN" in shipped["text"]
    assert shipped["overflow"] is False
    assert ProducerAction.objects.filter(producer=producer, actor=user, assisted=False).exists()
