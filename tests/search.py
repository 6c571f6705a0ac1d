"""The product search index in HTTP and browser tests: filled on demand, and a small shelf to search.

tests/conftest.py keeps the index deaf to product changes (query counts elsewhere stay pinned); a test that
searches asks for ``search_index_listening`` (or a fixture built on it) and calls ``search_index_drain()``
after making its products, as the Celery drain does after commit in the product.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import connection

from catalog.models import Product, ProductSet
from marketplace.outbox.services import DrainReport, outbox_drain_topic
from marketplace.search_index.documents import TOPIC
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory

# Queries of one search with facets (backends/database.py): on PostgreSQL the count and every facet in one
# GROUPING SETS pass, then the page of hits; on SQLite the count, the page and one query per facet (7).
SEARCH_QUERIES = 2 if connection.vendor == "postgresql" else 9

WARD_SAM_SON = 16531
WARD_HOANG_THANH = 16000
WARD_HAC_THANH = 14797
WARD_BA_THUOC = 14923
WARD_NGA_SON = 16093
WARD_VINH_LOC = 15349
WARD_THO_XUAN = 15499


def search_index_drain() -> DrainReport:
    """Deliver every due ``search.product`` message now."""
    return outbox_drain_topic(topic=TOPIC, time_budget=30)


def search_product_make(*, title, producer, set_number, ward, price, stars=None, in_stock=10, description="",
                        valid_until=None) -> Product:
    """A listed product of OCOP set ``set_number`` made in ``ward``, certified with ``stars`` if given."""
    product = ProductFactory(
        title=title, producer=producer, ocop_set=ProductSet.objects.get(number=set_number), origin_ward_code=ward,
        description=description, stockrecord__price=Decimal(price), stockrecord__num_in_stock=in_stock,
    )
    if stars:
        extra = {"valid_until": valid_until} if valid_until else {}
        CertificateFactory(product=product, stars=stars, **extra)
    return product


def search_shelf_make() -> dict[str, Product]:
    """Nine listed products of five Thanh Hóa producers (fish sauce, nem chua, honey, sweets), by short name."""
    bien_xanh = ProducerFactory(name="Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", slug="bien-xanh",
                                ward_code=WARD_SAM_SON)
    hoang_thanh = ProducerFactory(name="Hợp tác xã Chế biến hải sản Hoằng Thanh", slug="hoang-thanh",
                                  ward_code=WARD_HOANG_THANH)
    nem_chua = ProducerFactory(name="Hợp tác xã Nem chua Hạc Thành", slug="nem-chua-hac-thanh",
                               ward_code=WARD_HAC_THANH)
    mat_ong = ProducerFactory(name="Trang trại Mật ong rừng Bá Thước", slug="mat-ong-ba-thuoc",
                              ward_code=WARD_BA_THUOC)
    banh_keo = ProducerFactory(name="Hợp tác xã Bánh kẹo truyền thống Vĩnh Lộc", slug="banh-keo-vinh-loc",
                               ward_code=WARD_VINH_LOC)
    return {
        "nuoc_mam_ca_com": search_product_make(title="Nước mắm cá cơm 40 độ đạm chai 1 lít", producer=bien_xanh, set_number=9,
                                    ward=WARD_SAM_SON, price=120_000, stars=5),
        "nuoc_mam_ca_trich": search_product_make(title="Nước mắm cá trích can 2 lít", producer=bien_xanh, set_number=9,
                                      ward=WARD_SAM_SON, price=250_000, stars=4),
        "mam_tom": search_product_make(title="Mắm tôm Hoằng Thanh hũ 500 g", producer=hoang_thanh, set_number=9,
                            ward=WARD_HOANG_THANH, price=60_000, stars=3),
        "nem_chua_tui": search_product_make(title="Nem chua Hạc Thành túi 50 cái", producer=nem_chua, set_number=8,
                                 ward=WARD_HAC_THANH, price=90_000, stars=4),
        "nem_chua_la_oi": search_product_make(title="Nem chua lá ổi hộp 30 cái", producer=nem_chua, set_number=8,
                                   ward=WARD_HAC_THANH, price=70_000, stars=3),
        "gio_lua": search_product_make(title="Giò lụa Hạc Thành 1 kg", producer=nem_chua, set_number=8, ward=WARD_HAC_THANH,
                            price=200_000),
        "mat_ong": search_product_make(title="Mật ong hoa rừng Bá Thước chai 500 ml", producer=mat_ong, set_number=4,
                            ward=WARD_BA_THUOC, price=350_000, stars=4),
        "phan_hoa": search_product_make(title="Phấn hoa ong rừng hũ 200 g", producer=mat_ong, set_number=4, ward=WARD_BA_THUOC,
                             price=180_000, in_stock=0),
        "cam_say": search_product_make(title="Cam sấy dẻo hộp 250 g", producer=banh_keo, set_number=7, ward=WARD_VINH_LOC,
                            price=65_000, description="<p>Cam Vân Du sấy dẻo, tẩm <b>mật ong</b> rừng.</p>"),
    }
