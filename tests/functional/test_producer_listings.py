"""The producer's listings in the portal: products with price and stock, shown or hidden on the shop, and photos.

Given a producer's own user, when they list, change, hide a product or add, order and delete its photos,
then the shop shows it at once; bad input and another producer's ids are refused and write nothing.
"""

import io
import struct
import zlib
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from catalog.models import Product, ProductSet
from catalog.renditions import rendition_name
from marketplace.producers.models import ProducerAction
from tests.factories import (
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    producer_user,
)

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")
ProductCategory = get_model("catalogue", "ProductCategory")

LIST = reverse("producer_portal:listing_list")
CREATE = reverse("producer_portal:listing_create")
WARD_DONG_SON = ProducerFactory._meta.declarations["ward_code"]
GPS_IFD = 0x8825


def _edit_url(product):
    return reverse("producer_portal:listing_edit", kwargs={"product_id": product.pk})


def _photos_url(product):
    return reverse("producer_portal:listing_photos", kwargs={"product_id": product.pk})


class Seller:
    """A signed-in producer user's browser that posts with the CSRF token its pages set."""

    def __init__(self, client_for, producer):
        self.producer = producer
        self.client = client_for(producer_user(producer))
        self.token = self.client.get(LIST).cookies["csrftoken"].value

    def get(self, url):
        return self.client.get(url)

    def post(self, url, data=None, **kwargs):
        return self.client.post(url, {**(data or {}), "csrfmiddlewaretoken": self.token}, **kwargs)


@pytest.fixture
def seller(client_for):
    return Seller(client_for, ProducerFactory(name="HTX Nước mắm Ba Làng", ward_code=WARD_DONG_SON))


def _form(**changes):
    data = {
        "ocop_set": ProductSet.objects.get(number=9).pk, "title": "Nước mắm cá cơm Ba Làng",
        "description": "Ủ chượp 12 tháng.\n\nĐóng chai thủy tinh.", "price": "98000", "num_in_stock": "25",
        "weight_grams": "700", "volume_ml": "500", "shelf_life_days": "730", "origin_ward_code": str(WARD_DONG_SON),
        "is_public": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def _edit_form(product, **changes):
    record = product.stockrecords.get()
    return _form(**{"stock_seen": str(record.num_in_stock), "num_in_stock": str(record.num_in_stock), **changes})


def _snapshot():
    return (
        list(Product.objects.order_by("pk").values_list("pk", "title", "description", "is_public")),
        list(StockRecord.objects.order_by("pk").values_list("pk", "price", "num_in_stock")),
        list(ProductImage.objects.order_by("pk").values_list("pk", "display_order", "original")),
        ProducerAction.objects.count(),
    )


def _media_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


# --- products ----------------------------------------------------------------------------------------


def test_a_listed_product_is_on_the_shop_and_in_the_producers_list(seller, client):
    response = seller.post(CREATE, _form())

    product = Product.objects.get(producer=seller.producer)
    assert response.status_code == 302
    assert response["Location"] == _photos_url(product)
    assert (product.title, product.ocop_set.number, product.is_public) == ("Nước mắm cá cơm Ba Làng", 9, True)
    assert product.description == "<p>Ủ chượp 12 tháng.</p>\n\n<p>Đóng chai thủy tinh.</p>"
    assert (product.weight_grams, product.volume_ml, product.shelf_life_days) == (700, 500, 730)
    assert (product.origin_province_code, product.origin_ward_code) == (38, WARD_DONG_SON)
    assert product.product_class.name == "Sản phẩm OCOP"
    record = product.stockrecords.get()
    assert (record.partner_id, record.price, record.num_in_stock, record.num_allocated, record.price_currency) == (
        seller.producer.partner_id, Decimal("98000"), 25, 0, "VND")
    assert record.partner_sku == f"SP-{product.pk}"
    category_id = ProductSet.objects.get(number=9).category_id
    assert list(ProductCategory.objects.filter(product=product).values_list("category_id", flat=True)) == (
        [category_id] if category_id else [])
    action = ProducerAction.objects.get(action="product_created")
    assert (action.producer, action.assisted, action.target_id) == (seller.producer, False, str(product.pk))

    shop = client.get(product.get_absolute_url())
    assert shop.status_code == 200
    assert "Nước mắm cá cơm Ba Làng" in shop.content.decode()
    assert "98.000\u00a0₫" in shop.content.decode()

    listing = seller.get(LIST).content.decode()
    assert f'data-product="{product.pk}"' in listing
    assert "98.000\u00a0₫" in listing
    assert "Còn 25" in listing
    assert "Đang bán" in listing


def test_the_form_offers_the_26_product_sets_by_name(seller):
    page = seller.get(CREATE).content.decode()
    assert page.count('<option value="', page.index('name="ocop_set"')) >= 26
    assert f'">{ProductSet.objects.get(number=9).name}</option>' in page


def test_hiding_a_product_takes_it_off_the_shop_and_a_new_price_shows_at_once(seller, client):
    product = ProductFactory(producer=seller.producer, title="Nem chua Vạn Thắng", stockrecord__price=125000)
    url = product.get_absolute_url()
    assert "125.000\u00a0₫" in client.get(url).content.decode()

    assert seller.post(_edit_url(product), _edit_form(product, title="Nem chua Vạn Thắng", price="130000")
                       ).status_code == 302
    page = client.get(url).content.decode()
    assert "130.000\u00a0₫" in page
    assert "125.000\u00a0₫" not in page

    assert seller.post(_edit_url(product), _edit_form(product, title="Nem chua Vạn Thắng", price="130000",
                                                      is_public=None)).status_code == 302
    assert client.get(url).status_code == 404
    assert "Đang ẩn" in seller.get(LIST).content.decode()
    updates = ProducerAction.objects.filter(action="product_updated").order_by("pk")
    assert [(a.detail["before"]["price"], a.detail["after"]["price"], a.detail["after"]["is_public"])
            for a in updates] == [(125000, 130000, True), (130000, 130000, False)]


@pytest.mark.parametrize(("changes", "message"), [
    ({"price": "-5000"}, "Giá bán phải lớn hơn 0 đồng."),
    ({"price": "0"}, "Giá bán phải lớn hơn 0 đồng."),
    ({"price": "1000000001"}, "Giá bán tối đa 1.000.000.000 đồng."),
    ({"price": "98000.5"}, "Giá bán là số đồng, không có phần lẻ."),
    ({"num_in_stock": "-1"}, "Số lượng tồn kho không được âm."),
    ({"ocop_set": "999999"}, "Loại sản phẩm không hợp lệ."),
    ({"description": "a" * 10_001}, "Mô tả dài tối đa 10000 ký tự (bạn đã nhập 10001)."),
    ({"origin_ward_code": "1"}, "Xã/phường không thuộc tỉnh Thanh Hóa."),
    ({"num_in_stock": "1000001"}, "Số lượng còn bán tối đa 1000000."),
    ({"weight_grams": "10000000000000000000"}, "Khối lượng tối đa 1000000 gam."),
    ({"volume_ml": "2147483648"}, "Thể tích tối đa 1000000 ml."),
    ({"shelf_life_days": "3651"}, "Hạn sử dụng tối đa 3650 ngày."),
])
def test_bad_input_is_refused_with_a_reason_and_nothing_is_written(seller, changes, message):
    product = ProductFactory(producer=seller.producer, stockrecord__price=125000, stockrecord__num_in_stock=10)
    before = _snapshot()

    created = seller.post(CREATE, _form(**changes))
    edited = seller.post(_edit_url(product), _edit_form(product, **changes))

    for response in (created, edited):
        assert response.status_code == 200
        assert message in response.content.decode()
    assert _snapshot() == before


def test_a_script_in_the_description_is_stripped(seller, client):
    seller.post(CREATE, _form(description='<p>Ngon <b>đậm đà</b></p><script>alert("x")</script>'))

    product = Product.objects.get(producer=seller.producer)
    assert "<script" not in product.description
    assert "alert" not in product.description
    assert "<b>đậm đà</b>" in product.description
    assert "<script>alert" not in client.get(product.get_absolute_url()).content.decode()


def test_stock_never_goes_below_what_orders_hold_nor_overwrites_a_stock_the_producer_did_not_see(seller):
    product = ProductFactory(producer=seller.producer, stockrecord__num_in_stock=10)
    StockRecord.objects.filter(product=product).update(num_allocated=4)

    below = seller.post(_edit_url(product), _edit_form(product, num_in_stock="3"))
    assert below.status_code == 200
    assert ("Không thể đặt tồn kho 3: đang có 4 sản phẩm được giữ cho đơn hàng chưa giao."
            in below.content.decode())
    assert product.stockrecords.get().num_in_stock == 10

    # Given the form showed 10, when an order's shipment takes the stock to 8 meanwhile,
    # then a price change keeps 8 and a new stock figure is refused.
    form = _edit_form(product, price="140000")
    StockRecord.objects.filter(product=product).update(num_in_stock=8)
    assert seller.post(_edit_url(product), form).status_code == 302
    assert (product.stockrecords.get().num_in_stock, product.stockrecords.get().price) == (8, Decimal("140000"))
    moved = seller.post(_edit_url(product), {**form, "num_in_stock": "20"})
    assert "Tồn kho vừa thay đổi thành 8 (có đơn hàng mới)." in moved.content.decode()
    assert product.stockrecords.get().num_in_stock == 8

    assert seller.post(_edit_url(product), _edit_form(product, num_in_stock="4")).status_code == 302
    assert product.stockrecords.get().num_in_stock == 4


def test_another_producers_products_and_photos_are_404_and_nothing_changes(seller, client_for):
    other = ProductFactory(title="Chè lam Phủ Quảng", stockrecord__price=60000)
    first, second = ProductImageFactory(product=other, display_order=0), ProductImageFactory(product=other,
                                                                                                display_order=1)
    before = _snapshot()
    files = _media_files()
    move = reverse("producer_portal:listing_photo_move", kwargs={"product_id": other.pk, "image_id": second.pk})
    delete = reverse("producer_portal:listing_photo_delete", kwargs={"product_id": other.pk, "image_id": first.pk})
    # The seller's own product id with the other producer's photo id is no way in either.
    own = ProductFactory(producer=seller.producer)
    mixed = reverse("producer_portal:listing_photo_delete", kwargs={"product_id": own.pk, "image_id": first.pk})
    before = _snapshot()

    assert seller.get(_edit_url(other)).status_code == 404
    assert seller.post(_edit_url(other), _edit_form(other, price="1000")).status_code == 404
    assert seller.get(_photos_url(other)).status_code == 404
    photo = SimpleUploadedFile("anh.jpg", _jpeg(), content_type="image/jpeg")
    assert seller.post(_photos_url(other), {"photos": photo}).status_code == 404
    assert seller.post(move, {"direction": "up"}).status_code == 404
    assert seller.get(delete).status_code == 404
    assert seller.post(delete).status_code == 404
    assert seller.post(mixed).status_code == 404

    assert _snapshot() == before
    assert _media_files() == files
    assert "Chè lam Phủ Quảng" not in seller.get(LIST).content.decode()


# --- photos ------------------------------------------------------------------------------------------


def _jpeg(*, gps=False, size=(60, 40)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    buffer = io.BytesIO()
    options = {}
    if gps:
        exif = Image.Exif()
        exif[0x010F] = "Samsung"
        gps_ifd = exif.get_ifd(GPS_IFD)
        gps_ifd[1], gps_ifd[2], gps_ifd[3], gps_ifd[4] = "N", (19.0, 48.0, 26.0), "E", (105.0, 46.0, 35.0)
        options["exif"] = exif.tobytes()
    image.save(buffer, format="JPEG", **options)
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header says width × height (no pixels: refused before any decoding)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def test_a_camera_photo_is_stored_without_its_gps_and_its_shop_renditions_are_made(
        seller, django_capture_on_commit_callbacks):
    product = ProductFactory(producer=seller.producer)
    upload = SimpleUploadedFile("IMG_0001.jpg", _jpeg(gps=True), content_type="image/jpeg")

    with django_capture_on_commit_callbacks(execute=True):
        response = seller.post(_photos_url(product), {"photos": upload})

    assert response.status_code == 302
    image = ProductImage.objects.get(product=product)
    assert image.display_order == 0
    assert image.original.name.endswith(f"{product.pk}-img_0001.jpg")
    with Image.open(image.original.path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (60, 40))
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
    for geometry, crop in (("400x400", False), ("440x400", False), ("65x55", True), ("100x100", False)):
        assert (Path(settings.MEDIA_ROOT) / rendition_name(image.original.name, geometry, crop=crop)).is_file()
    action = ProducerAction.objects.get(action="product_photos_added")
    assert action.detail == {"image_ids": [image.pk], "names": ["IMG_0001.jpg"]}


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("hoa-don.jpg", "Đây là một tệp văn bản.".encode(), "Tệp không phải là ảnh hợp lệ hoặc ảnh bị hỏng."),
    ("dut-doan.jpg", None, "Tệp không phải là ảnh hợp lệ hoặc ảnh bị hỏng."),
    ("khong-lo.png", _png_claiming(20_000, 20_000), "Ảnh quá lớn: tối đa 40 triệu điểm ảnh."),
])
def test_a_file_that_is_not_a_sound_image_is_refused_by_name_and_nothing_is_stored(seller, name, content, reason):
    product = ProductFactory(producer=seller.producer)
    content = content if content is not None else _jpeg(size=(400, 300))[:600]
    good = SimpleUploadedFile("tot.jpg", _jpeg(), content_type="image/jpeg")
    bad = SimpleUploadedFile(name, content, content_type="image/jpeg")
    files = _media_files()

    response = seller.post(_photos_url(product), {"photos": [good, bad]})

    assert response.status_code == 200
    assert f"Không nhận ảnh “{name}”: {reason}" in response.content.decode()
    assert not ProductImage.objects.filter(product=product).exists()
    assert _media_files() == files
    assert not ProducerAction.objects.filter(action="product_photos_added").exists()


def test_a_file_over_15_mb_is_refused_before_it_is_read(seller):
    product = ProductFactory(producer=seller.producer)
    huge = SimpleUploadedFile("video.jpg", _jpeg() + b"\0" * (30 * 1024 * 1024), content_type="image/jpeg")
    files = _media_files()

    response = seller.post(_photos_url(product), {"photos": huge})

    assert response.status_code == 200
    assert "Ảnh “video.jpg” quá lớn: tối đa 15 MB." in response.content.decode()
    assert not ProductImage.objects.filter(product=product).exists()
    assert _media_files() == files


def test_photos_are_reordered_and_deleted_after_confirmation(seller):
    product = ProductFactory(producer=seller.producer)
    first, second, third = (ProductImageFactory(product=product, display_order=order) for order in range(3))

    def order():
        return list(ProductImage.objects.filter(product=product).order_by("display_order").values_list("pk", flat=True))

    move = reverse("producer_portal:listing_photo_move", kwargs={"product_id": product.pk, "image_id": third.pk})
    assert seller.post(move, {"direction": "up"}).status_code == 302
    assert order() == [first.pk, third.pk, second.pk]
    assert seller.post(move, {"direction": "up"}).status_code == 302
    assert order() == [third.pk, first.pk, second.pk]
    assert seller.post(move, {"direction": "up"}).status_code == 302  # already first: nothing moves
    assert order() == [third.pk, first.pk, second.pk]
    assert seller.post(move, {"direction": "down"}).status_code == 302
    assert order() == [first.pk, third.pk, second.pk]

    delete = reverse("producer_portal:listing_photo_delete", kwargs={"product_id": product.pk, "image_id": first.pk})
    confirm = seller.get(delete)
    assert confirm.status_code == 200
    assert "Không thể hoàn tác." in confirm.content.decode()
    assert order() == [first.pk, third.pk, second.pk]
    assert seller.post(delete).status_code == 302
    assert order() == [third.pk, second.pk]
    assert list(ProductImage.objects.filter(product=product).order_by("display_order")
                .values_list("display_order", flat=True)) == [0, 1]
    assert [a.action for a in ProducerAction.objects.order_by("pk")] == ["product_photo_moved"] * 3 + [
        "product_photo_deleted"]


def test_an_iphone_heic_photo_is_stored_as_jpeg(seller):
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (10, 200, 10)).save(buffer, format="HEIF")
    product = ProductFactory(producer=seller.producer)

    response = seller.post(_photos_url(product), {
        "photos": SimpleUploadedFile("IMG_0002.HEIC", buffer.getvalue(), content_type="image/heic")})

    assert response.status_code == 302
    image = ProductImage.objects.get(product=product)
    assert image.original.name.endswith(f"{product.pk}-img_0002.jpg")
    with Image.open(image.original.path) as stored:
        assert (stored.format, stored.size) == ("JPEG", (64, 48))
