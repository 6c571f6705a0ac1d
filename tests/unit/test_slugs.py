"""Vietnamese titles become ASCII slugs with đ → d (Oscar's default would write "u0111")."""

import pytest
from hypothesis import given
from hypothesis import strategies as st
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from tests.factories import CategoryFactory, ProductFactory

Category = get_model("catalogue", "Category")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Nước mắm Đông Hải", "nuoc-mam-dong-hai"),
        ("Rượu đặc sản Đông Sơn", "ruou-dac-san-dong-son"),
        ("Chè lam Phủ Quảng", "che-lam-phu-quang"),
        ("Nem chua Thanh Hóa", "nem-chua-thanh-hoa"),
        ("ĐẬU PHỤ ĐỒNG ĐẠI", "dau-phu-dong-dai"),
    ],
)
def test_slugify_maps_vietnamese_letters_to_ascii(title, expected):
    # given a Vietnamese title, when it is slugified, then đ/Đ become d and tones are dropped
    assert slugify(title) == expected


@given(st.text(alphabet="đĐơƯăâêôàảãáạ abc", min_size=1, max_size=30))
def test_slugify_never_writes_escaped_d(text):
    # given any text made of Vietnamese letters, when slugified, then no unicode escape leaks in
    slug = slugify(text)
    assert "u0111" not in slug
    assert "u0110" not in slug
    assert slug.isascii()


@pytest.mark.django_db
def test_category_slug_is_ascii_vietnamese():
    # given a category named in Vietnamese, when it is saved, then its slug maps đ to d
    category = CategoryFactory(name="Đồ uống có cồn khác")

    assert category.slug == "do-uong-co-con-khac"
    assert Category.objects.get(pk=category.pk).slug == "do-uong-co-con-khac"


@pytest.mark.django_db
def test_product_slug_and_url_are_ascii_vietnamese():
    # given a product titled in Vietnamese, when it is saved, then its slug and URL are ASCII
    product = ProductFactory(title="Nước mắm Đông Hải")

    assert product.slug == "nuoc-mam-dong-hai"
    assert product.get_absolute_url() == f"/shop/catalogue/nuoc-mam-dong-hai_{product.pk}/"
