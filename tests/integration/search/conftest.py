"""Fixtures of the search suite: every test runs against each backend with the same 15 listed products.

The products reach the index the way they do in production: their saves announce ``catalog.product``,
the outbox queues a ``search.product`` message each, and ``drain()`` delivers them (on_commit never fires
in a rolled-back test). A new backend joins by adding its name to ``BACKENDS``. Elasticsearch runs when
``ELASTICSEARCH_URL`` names a cluster (``docker compose up elasticsearch``), each test on indices of its own
prefix, refreshed on every write and deleted afterwards; it is skipped otherwise.
"""

from __future__ import annotations

import datetime
import json
import os
import urllib.request
import uuid
from dataclasses import dataclass

import pytest
from django.utils import timezone

from catalog.changes import PRODUCT_CHANGED
from catalog.models import Product
from marketplace.outbox.registry import outbox_subscribe, outbox_unsubscribe
from marketplace.search_index.documents import TOPIC
from tests.factories import WARD_DONG_SON, ProducerFactory, ProductFactory
from tests.search import (
    WARD_BA_THUOC,
    WARD_HAC_THANH,
    WARD_HOANG_THANH,
    WARD_NGA_SON,
    WARD_SAM_SON,
    WARD_THO_XUAN,
    WARD_VINH_LOC,
    search_product_make,
)
from tests.search import search_index_drain as drain

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
BACKENDS = [
    "database",
    pytest.param("elasticsearch", marks=pytest.mark.skipif(
        not ELASTICSEARCH_URL, reason="ELASTICSEARCH_URL is not set (docker compose up elasticsearch)")),
]



@dataclass(frozen=True)
class Catalogue:
    """The fixture's products by short name."""

    products: dict[str, Product]

    def __getitem__(self, name: str) -> Product:
        return self.products[name]

    def names(self, product_ids) -> list[str]:
        by_id = {product.pk: name for name, product in self.products.items()}
        return [by_id.get(pk, f"?{pk}") for pk in product_ids]


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    """Each backend in turn, with the index listening to product changes as it does in the product."""
    settings.PRODUCT_SEARCH_BACKEND = request.param
    prefix = f"ocop-test-{uuid.uuid4().hex[:12]}"
    if request.param == "elasticsearch":
        settings.ELASTICSEARCH_URL = ELASTICSEARCH_URL
        settings.ELASTICSEARCH_INDEX_PREFIX = prefix
        settings.ELASTICSEARCH_WRITE_REFRESH = "true"
    outbox_subscribe(PRODUCT_CHANGED, TOPIC)
    yield request.param
    outbox_unsubscribe(PRODUCT_CHANGED, TOPIC)
    if request.param == "elasticsearch":
        _delete_indices(f"{prefix}-*")


def _delete_indices(pattern: str) -> None:
    """Delete the test's indices by name (clusters refuse wildcard deletes by default)."""
    url = ELASTICSEARCH_URL.rstrip("/")
    with urllib.request.urlopen(f"{url}/_cat/indices/{pattern}?format=json", timeout=10) as answer:  # noqa: S310
        names = [row["index"] for row in json.load(answer)]
    for name in names:
        urllib.request.urlopen(urllib.request.Request(f"{url}/{name}", method="DELETE"), timeout=10)  # noqa: S310


def indexed_ids() -> set[int]:
    """The products the configured backend finds with an empty query (every indexed one)."""
    from marketplace.search_index import api

    return set(api.search("", per_page=100).product_ids)


@pytest.fixture
def catalogue(db, backend) -> Catalogue:
    """15 listed products (and one hidden) in Thanh Hóa, indexed through the outbox."""
    bien_xanh = ProducerFactory(name="Công ty TNHH Nước mắm Biển Xanh Sầm Sơn", ward_code=WARD_SAM_SON)
    hoang_thanh = ProducerFactory(name="Hợp tác xã Chế biến hải sản Hoằng Thanh", ward_code=WARD_HOANG_THANH)
    rau_sach = ProducerFactory(name="Hợp tác xã Rau sạch Đông Sơn")
    nem_chua = ProducerFactory(name="Hợp tác xã Nem chua Hạc Thành", ward_code=WARD_HAC_THANH)
    mat_ong = ProducerFactory(name="Trang trại Mật ong rừng Bá Thước", ward_code=WARD_BA_THUOC)
    coi = ProducerFactory(name="Hợp tác xã Cói mỹ nghệ Nga Sơn", ward_code=WARD_NGA_SON)
    banh_keo = ProducerFactory(name="Hợp tác xã Bánh kẹo truyền thống Vĩnh Lộc", ward_code=WARD_VINH_LOC)
    banh_gai = ProducerFactory(name="Hộ kinh doanh Bánh gai Bà Nhung", ward_code=WARD_THO_XUAN)
    products = {
        "nuoc_mam_ca_com": search_product_make(title="Nước mắm cá cơm 40 độ đạm chai 1 lít", producer=bien_xanh, set_number=9,
                                    ward=WARD_SAM_SON, price=120_000, stars=5),
        "nuoc_mam_ca_trich": search_product_make(title="Nước mắm cá trích can 2 lít", producer=bien_xanh, set_number=9,
                                      ward=WARD_SAM_SON, price=250_000, stars=4),
        "mam_tom": search_product_make(title="Mắm tôm Hoằng Thanh hũ 500 g", producer=hoang_thanh, set_number=9,
                            ward=WARD_HOANG_THANH, price=60_000, stars=3),
        "mam_dau_nanh": search_product_make(title="Mầm đậu nành hữu cơ hộp 300 g", producer=rau_sach, set_number=1,
                                 ward=WARD_DONG_SON, price=30_000),
        "mam_tre": search_product_make(title="Mâm tre đan tròn đường kính 40 cm", producer=coi, set_number=21,
                            ward=WARD_NGA_SON, price=150_000),
        "nem_chua_tui": search_product_make(title="Nem chua Hạc Thành túi 50 cái", producer=nem_chua, set_number=8,
                                 ward=WARD_HAC_THANH, price=90_000, stars=4),
        "nem_chua_la_oi": search_product_make(title="Nem chua lá ổi hộp 30 cái", producer=nem_chua, set_number=8,
                                   ward=WARD_HAC_THANH, price=70_000, stars=3),
        "gio_lua": search_product_make(title="Giò lụa Hạc Thành 1 kg", producer=nem_chua, set_number=8,
                            ward=WARD_HAC_THANH, price=200_000),
        "mat_ong": search_product_make(title="Mật ong hoa rừng Bá Thước chai 500 ml", producer=mat_ong, set_number=4,
                            ward=WARD_BA_THUOC, price=350_000, stars=4,
                            valid_until=timezone.localdate() + datetime.timedelta(days=2)),
        "phan_hoa": search_product_make(title="Phấn hoa ong rừng hũ 200 g", producer=mat_ong, set_number=4,
                             ward=WARD_BA_THUOC, price=180_000),
        "chieu_coi": search_product_make(title="Chiếu cói in hoa Nga Sơn 1,6 m × 2 m", producer=coi, set_number=21,
                              ward=WARD_NGA_SON, price=450_000, stars=4),
        "tui_coi": search_product_make(title="Túi cói xách tay quai da", producer=coi, set_number=21, ward=WARD_NGA_SON,
                            price=220_000, in_stock=0),
        "keo_lac": search_product_make(title="Kẹo lạc mật mía thanh 300 g", producer=banh_keo, set_number=7,
                            ward=WARD_VINH_LOC, price=45_000, stars=3),
        "banh_gai": search_product_make(title="Bánh gai nhân đỗ dừa hộp 10 chiếc", producer=banh_gai, set_number=6,
                             ward=WARD_THO_XUAN, price=80_000),
        "cam_say": search_product_make(title="Cam sấy dẻo hộp 250 g", producer=banh_keo, set_number=7, ward=WARD_VINH_LOC,
                            price=65_000, description="<p>Cam Vân Du sấy dẻo, tẩm <b>mật ong</b> rừng.</p>"),
    }
    hidden = ProductFactory(title="Nước mắm thử nghiệm chưa bán", producer=bien_xanh, is_public=False)
    drain()
    return Catalogue(products={**products, "_hidden": hidden})
