"""A producer changes a price and adds a product from a spreadsheet, on a phone, in a real browser.

In Chromium at 390 × 844 the producer goes from their products to the bulk page, uploads a CSV, reads the
preview (old → new price, one new product), confirms and is back on their products. No page scrolls
sideways and none breaks the Content-Security-Policy.
"""

import csv
import io
from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from catalog.models import Product, ProductSet
from tests.factories import (
    WARD_DONG_SON,
    ProducerFactory,
    ProductFactory,
    producer_user,
)

from .browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

StockRecord = get_model("partner", "StockRecord")
PHONE_WIDTH = 390
HEADERS = ["Mã sản phẩm", "Mã bộ sản phẩm (1-26)", "Tên sản phẩm", "Mô tả", "Giá (đồng)", "Tồn kho",
           "Khối lượng (g)", "Thể tích (ml)", "Hạn sử dụng (ngày)", "Mã xã/phường xuất xứ",
           "Hiện trên sàn (có/không)", "Tồn kho lúc xuất file (không sửa)"]


def test_a_producer_imports_a_spreadsheet_from_a_phone(live_server, in_phone_browser, tmp_path):
    producer = ProducerFactory(name="HTX Nem chua Vạn Thắng", ward_code=WARD_DONG_SON)
    user = producer_user(producer, email="nem.chua@example.vn")
    product = ProductFactory(producer=producer, title="Nem chua lá ổi", ocop_set=ProductSet.objects.get(number=5),
                             stockrecord__price=Decimal("45000"), stockrecord__num_in_stock=30)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerows([
        HEADERS,
        [product.pk, 5, "Nem chua lá ổi", "", "48.000", 30, 500, "", 7, WARD_DONG_SON, "có", 30],
        ["", 5, "Nem chua rán", "Chiên giòn.", "60.000", 20, 400, "", 5, WARD_DONG_SON, "có", ""],
    ])
    upload = tmp_path / "san-pham.csv"
    upload.write_bytes(buffer.getvalue().encode("utf-8-sig"))

    def script(page):
        widths = {}
        sign_in(page, base_url=live_server.url, username=user.email, next_path="/producer/san-pham/")
        page.get_by_role("link", name="Nhập, xuất bằng Excel").click()
        page.wait_for_url("**/producer/san-pham/nhap-xuat/")
        widths["bulk"] = page.evaluate("document.documentElement.scrollWidth")
        page.set_input_files('input[name="file"]', str(upload))
        page.get_by_role("button", name="Xem trước").click()
        page.wait_for_selector(".producer-bulk__summary")
        widths["preview"] = page.evaluate("document.documentElement.scrollWidth")
        price_change = page.locator('[data-key="price"]').inner_text()
        created = page.locator(".producer-bulk__created").inner_text()
        page.get_by_role("button", name="Xác nhận nhập").click()
        page.wait_for_url("**/producer/san-pham/")
        return widths, price_change, created, page.locator(".alert-success, .alert-info").first.inner_text()

    widths, price_change, created, message = in_phone_browser(script)

    assert widths == {"bulk": PHONE_WIDTH, "preview": PHONE_WIDTH}
    assert " ".join(price_change.split()) == "Giá (đồng): 45.000 ₫ → 48.000 ₫"
    assert "Nem chua rán" in created
    assert "1 sản phẩm mới, 1 sản phẩm được cập nhật" in message
    assert StockRecord.objects.get(product=product).price == Decimal("48000")
    assert Product.objects.filter(producer=producer).count() == 2
