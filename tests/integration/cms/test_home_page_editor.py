"""The home page's editor: the product and producer choosers, and no inline script for the policy to refuse."""

import re

import pytest

from marketplace.cms.models import HomePage, HomePageFeaturedProducer, HomePageFeaturedProduct
from tests.factories import ProducerFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_producer_chooser_lists_producers_by_name(staff_client):
    ProducerFactory(name="HTX Mây tre đan Hoằng Hóa")
    ProducerFactory(name="HTX Chè Xuân Du")

    response = staff_client.get("/cms/ocop-producers/chooser/")

    assert response.status_code == 200
    html = response.json()["html"]
    assert [title.strip() for title in re.findall(r"data-chooser-modal-choice[^>]*>([^<]+)</a>", html)] == [
        "HTX Chè Xuân Du", "HTX Mây tre đan Hoằng Hóa"]


def test_the_home_page_editor_runs_no_inline_script(staff_client):
    home = HomePage.objects.get()
    product = ProductFactory(title="Nước mắm Đông Hải")
    HomePageFeaturedProduct.objects.create(page=home, product=product, sort_order=0)
    HomePageFeaturedProducer.objects.create(page=home, producer=product.producer, sort_order=0)

    response = staff_client.get(f"/cms/pages/{home.pk}/edit/")

    assert response.status_code == 200
    html = response.content.decode()
    # Every <script> loads a file or holds data; none is code written into the page
    inline = [tag for tag in re.findall(r"<script\b[^>]*>", html)
              if "src=" not in tag and 'type="application/json"' not in tag]
    assert inline == []
    # The choosers start from their data: the hero image, the product and the producer (and the empty forms')
    assert re.findall(r'data-chooser-widget="(\w+)" data-target="(id_[\w-]+)"', html) == [
        ("ImageChooser", "id_hero_image"),
        ("Chooser", "id_featured_product_links-0-product"),
        ("Chooser", "id_featured_product_links-__prefix__-product"),
        ("Chooser", "id_featured_producer_links-0-producer"),
        ("Chooser", "id_featured_producer_links-__prefix__-producer"),
    ]
    assert html.count("data-inline-panel=") == 2
    assert '<script src="/static/js/wagtail-admin-init.js"></script>' in html
