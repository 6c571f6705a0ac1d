import pytest

from tests.factories import CertificateFactory, ProductFactory, ProductImageFactory

from .shop import Shopper


@pytest.fixture
def shopper():
    return Shopper()


@pytest.fixture
def product(db):
    """A 4★ fish sauce from Thanh Hóa: 125.000 ₫, 500 g, 10 in stock, with a photo."""
    product = ProductFactory(title="Nước mắm Đông Hải", weight_grams=500,
                             stockrecord__num_in_stock=10, stockrecord__price=125000)
    ProductImageFactory(product=product)
    CertificateFactory(product=product, stars=4)
    return product
