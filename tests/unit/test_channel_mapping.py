"""The Merchant mapping of a product (marketplace.channels.mapping), without a database."""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace

from marketplace.channels.mapping import ProductDetail, listing_item, plain_text


class _Images:
    def __init__(self, images):
        self._images = images

    def all(self):
        return self._images


def _product(**overrides):
    group = SimpleNamespace(name="Đồ uống")
    product_set = SimpleNamespace(number=14, name="Rượu trắng", group=group,
                                  channel_category=SimpleNamespace(name="Đồ uống > Rượu mạnh"))
    certificate = SimpleNamespace(code="38-16378-002-2025", decision_number="101/QĐ-UBND",
                                  valid_through=datetime.date(2027, 1, 31))
    fields = {
        "pk": 42, "title": "Rượu men lá Bá Thước", "description": "<p>Rượu</p>", "weight_grams": 750,
        "images": _Images([SimpleNamespace(name="a.jpg"), SimpleNamespace(name="b.jpg")]),
        "producer": SimpleNamespace(name="HTX Rượu Bá Thước", story="", province_name="Thanh Hóa"),
        "ocop_set": product_set, "certificate": certificate, "ocop_stars": 3,
        "channel_price": Decimal("180000.00"), "origin_province_name": "Thanh Hóa",
        "get_absolute_url": lambda: "/shop/catalogue/ruou-men-la_42/",
    }
    fields.update(overrides)
    return SimpleNamespace(**fields)


def _item(product):
    return listing_item(product, base_url="https://cho.ocop.vn/", image_url=lambda image: f"/media/{image.name}")


def test_a_3_star_product_maps_to_every_field():
    assert _item(_product()) == {
        "id": "SP-42",
        "title": "Rượu men lá Bá Thước",
        "description": "Rượu",
        "link": "https://cho.ocop.vn/shop/catalogue/ruou-men-la_42/",
        "image_link": "https://cho.ocop.vn/media/a.jpg",
        "additional_image_link": ["https://cho.ocop.vn/media/b.jpg"],
        "availability": "in_stock",
        "price": "180000 VND",
        "brand": "HTX Rượu Bá Thước",
        "condition": "new",
        "shipping_weight": "750 g",
        "product_type": "Đồ uống > Rượu trắng",
        "google_product_category": "Đồ uống > Rượu mạnh",
        "custom_label_0": "ocop_3_sao",
        "custom_label_1": "Thanh Hóa",
        "product_detail": [
            ProductDetail("OCOP", "Hạng sao", "3"),
            ProductDetail("OCOP", "Mã sản phẩm OCOP", "38-16378-002-2025"),
            ProductDetail("OCOP", "Quyết định công nhận", "101/QĐ-UBND"),
            ProductDetail("OCOP", "Hiệu lực đến", "2027-01-31"),
            ProductDetail("OCOP", "Bộ sản phẩm", "#14"),
        ],
    }


def test_without_the_badge_today_no_ocop_field_is_sent():
    item = _item(_product(ocop_stars=None))
    assert "custom_label_0" not in item
    assert "product_detail" not in item


def test_long_texts_are_cut_to_merchant_limits():
    item = _item(_product(title="Rượu " * 60, description="<p>" + "chữ " * 2000 + "</p>",
                          producer=SimpleNamespace(name="Hợp tác xã " * 10, story="", province_name="")))
    assert len(item["title"]) == 150 and item["title"].endswith("…")
    assert len(item["description"]) <= 5000 and item["description"].endswith("…")
    assert len(item["brand"]) <= 70


def test_an_empty_description_falls_back_to_the_producers_story_then_the_title():
    story = SimpleNamespace(name="HTX", story="Làng nghề  trăm năm.", province_name="Thanh Hóa")
    assert _item(_product(description="", producer=story))["description"] == "Làng nghề trăm năm."
    assert _item(_product(description="<p> </p>"))["description"] == "Rượu men lá Bá Thước"


def test_plain_text_drops_tags_and_scripts_and_decodes_entities():
    assert plain_text("<h3>Giới thiệu</h3><p>Ngon&nbsp;&amp; sạch<br>an toàn</p><script>alert(1)</script>") == (
        "Giới thiệu Ngon & sạch an toàn")
    assert plain_text("") == ""


def test_a_product_without_weight_or_set_leaves_those_fields_out():
    item = _item(_product(weight_grams=0, ocop_set=None, ocop_stars=None))
    assert {"shipping_weight", "product_type", "google_product_category"}.isdisjoint(item)
