"""Oscar's dashboard delete of a product: a product the rating record holds is refused with a reason, not a 500."""

import pytest
from django.test import Client
from oscar.core.loading import get_model

from ocop_rating.dossiers.models import Dossier
from tests.factories import ProductFactory, UserFactory
from tests.rating import dossier_draft, people_make, rating_product_make

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_product_with_an_ocop_dossier_is_kept_and_staff_are_told_why(staff_client):
    people = people_make()
    product = rating_product_make(people)
    dossier = dossier_draft(product, people)

    response = staff_client.post(f"/shop/dashboard/catalogue/products/{product.pk}/delete/", follow=True)

    assert response.redirect_chain == [(f"/shop/dashboard/catalogue/products/{product.pk}/", 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "Không thể xoá sản phẩm “Nước mắm Hải Thanh” vì hồ sơ hoặc giấy chứng nhận OCOP của sản phẩm phải được "
        "lưu giữ. Hãy bỏ chọn “Là công khai” để ngừng bán sản phẩm."
    ]
    assert Product.objects.filter(pk=product.pk).exists()
    assert Dossier.objects.get(pk=dossier.pk).product_id == product.pk


def test_a_product_without_a_rating_record_is_deleted(staff_client):
    product = ProductFactory(title="Bánh gai Tứ Trụ")

    response = staff_client.post(f"/shop/dashboard/catalogue/products/{product.pk}/delete/")

    assert response.status_code == 302
    assert response.url == "/shop/dashboard/catalogue/"
    assert not Product.objects.filter(pk=product.pk).exists()
