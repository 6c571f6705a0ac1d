"""The demo's home page: filled in once by `manage.py load_demo_data`, left alone afterwards."""

from io import StringIO

import pytest
from django.core.management import call_command

from marketplace.cms.models import HomePage
from marketplace.demo import home as home_demo
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.programme_data import HOW_STARS_SLUG

pytestmark = pytest.mark.django_db


def test_the_demo_fills_in_the_home_page_once(client):
    # When the demo is loaded into an empty database
    call_command("load_demo_data", "--no-images", stdout=StringIO())

    # Then the home page has its hero, three buttons and the chosen products and producers, in order
    home = HomePage.objects.get(locale__language_code="vi")
    assert (home.hero_title, home.intro, home.live, home.has_unpublished_changes) == (
        home_demo.HERO_TITLE, home_demo.INTRO, True, False)
    assert [(link.value["label"], link.value["destination"], getattr(link.value["page"], "slug", None))
            for link in home.hero_links] == [
        ("Mua sản phẩm OCOP", "catalogue", None),
        ("Sản phẩm được gắn sao thế nào?", "", HOW_STARS_SLUG),
        ("Tra cứu giấy chứng nhận", "certificate_check", None),
    ]
    assert [link.product.upc for link in home.featured_product_links.all()] == list(home_demo.FEATURED_PRODUCTS)
    assert [link.producer.slug for link in home.featured_producer_links.all()] == list(home_demo.FEATURED_PRODUCERS)

    # And the page shows every section
    html = client.get("/").content.decode()
    for section in ("home-featured", "home-figures", "home-groups", "home-producers", "home-news"):
        assert f'<section class="home-section {section}"' in html
    assert f'href="/chuong-trinh-ocop/{HOW_STARS_SLUG}/">Sản phẩm được gắn sao thế nào?</a>' in html

    # When it is loaded again, nothing changes
    again = StringIO()
    call_command("load_demo_data", "--no-images", stdout=again)
    assert "Demo data loaded: 0 rows created, 0 updated." in again.getvalue()


def test_the_demo_draws_the_hero_image_with_its_focal_point_and_leaves_an_edited_home_page_alone():
    summary, written = LoadSummary(), []

    home_demo.home_demo_load(summary=summary, written=written)

    home = HomePage.objects.get(locale__language_code="vi")
    image = home.hero_image
    assert (image.title, image.description, image.width, image.height) == (
        home_demo.HERO_IMAGE_TITLE, home_demo.HERO_IMAGE_DESCRIPTION, 1600, 1000)
    assert (image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height) == (
        1180, 640, 300, 260)
    assert (summary.created, summary.updated) == ({"home page images": 1, "home page": 0},
                                                  {"home page images": 0, "home page": 1})
    assert len(written) == 1

    # When an editor changes the hero and the demo runs again
    home.hero_title = "Tết này mua quà OCOP"
    home.save_revision().publish()
    again = LoadSummary()
    home_demo.home_demo_load(summary=again, written=[])

    # Then the demo neither redraws the image nor touches the page
    assert sum(again.created.values()) + sum(again.updated.values()) == 0
    assert HomePage.objects.get(locale__language_code="vi").hero_title == "Tết này mua quà OCOP"
