"""The footer and the header menu of every page come from the site settings: the operator, the hotline and the
policy links on shop, CMS and portal pages, at no query once cached, and following the editors' changes."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from marketplace.cms.models import InfoPage, MainMenuItem, SiteSettings
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.trust import trust_demo_load
from marketplace.search_index import api
from tests.factories import ProducerFactory, producer_user

from .shop import elements
from .test_query_counts import CATALOGUE_QUERIES

pytestmark = pytest.mark.django_db

OPERATOR = "Văn phòng Điều phối Chương trình MTQG xây dựng nông thôn mới tỉnh Thanh Hóa"
POLICY_LINKS = [("/giao-hang/", "Giao hàng"), ("/doi-tra/", "Đổi trả và hoàn tiền"), ("/thanh-toan/", "Thanh toán"),
                ("/chinh-sach-bao-mat/", "Chính sách bảo mật"), ("/dieu-khoan-su-dung/", "Điều khoản sử dụng"),
                ("/gioi-thieu/", "Giới thiệu"), ("/lien-he/", "Liên hệ")]


@pytest.fixture
def trust_demo(db):
    trust_demo_load(summary=LoadSummary())


def _footer(html: str) -> str:
    start = html.index('<footer class="site-footer">')
    return html[start:html.index("</footer>", start)]


def _assert_footer(html: str) -> None:
    footer = _footer(html)
    assert f'<span class="site-footer__label">Đơn vị vận hành:</span>\n                        {OPERATOR}' in footer
    assert '<a class="site-footer__hotline" href="tel:+842373852999">0237 3852 999</a>' in footer
    assert '<a href="mailto:hotro@ocop-thanhhoa.vn">hotro@ocop-thanhhoa.vn</a>' in footer
    assert "Thứ Hai – Thứ Sáu, 7:30 – 11:30 và 13:30 – 17:00 (trừ ngày lễ, Tết)" in footer
    assert "Số 45 đường Hạc Thành, phường Hạc Thành, tỉnh Thanh Hóa" in footer
    for url, label in POLICY_LINKS:
        assert f'<li><a href="{url}">{label}</a></li>' in footer
    assert "Chương trình Mỗi xã một sản phẩm (OCOP) phát triển kinh tế nông thôn" in footer


def test_footer_on_a_shop_page(client, trust_demo):
    response = client.get("/shop/catalogue/")

    assert response.status_code == 200
    _assert_footer(response.content.decode())


def test_footer_on_a_cms_page(client, trust_demo):
    response = client.get("/tin-tuc/")

    assert response.status_code == 200
    _assert_footer(response.content.decode())


def test_footer_on_a_producer_portal_page(trust_demo):
    client = Client()
    client.force_login(producer_user(ProducerFactory()))

    response = client.get("/producer/")

    assert response.status_code == 200
    _assert_footer(response.content.decode())


def test_footer_on_the_certificate_check_of_the_rating_portal(client, trust_demo):
    response = client.get("/ocop/verify/")

    assert response.status_code == 200
    _assert_footer(response.content.decode())


def test_header_shows_the_main_menu_in_its_order(client, trust_demo):
    html = client.get("/shop/catalogue/").content.decode()

    links = elements(html, css_class="site-nav__link")
    assert [link["href"] for link in links] == ["/shop/catalogue/", "/tin-tuc/", "/chuyen-nguoi-lam-ocop/",
                                                "/su-kien/", "/lien-he/"]


def test_social_links_show_only_when_filled_in(client, trust_demo):
    assert "site-footer__social" not in client.get("/shop/catalogue/").content.decode()

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.zalo_url = "https://zalo.me/ocopthanhhoa"
    settings.save()

    footer = _footer(client.get("/shop/catalogue/").content.decode())
    assert '<li><a href="https://zalo.me/ocopthanhhoa" rel="noopener">Zalo</a></li>' in footer
    assert "Facebook" not in footer


def test_footer_follows_a_change_of_settings_and_an_unpublished_page(client, trust_demo):
    client.get("/shop/catalogue/")  # cache the footer

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.hotline = "0912 345 678"
    settings.save()
    InfoPage.objects.get(slug="doi-tra").unpublish()

    footer = _footer(client.get("/shop/catalogue/").content.decode())
    assert '<a class="site-footer__hotline" href="tel:+84912345678">0912 345 678</a>' in footer
    assert 'href="/doi-tra/"' not in footer
    assert '<li><a href="/giao-hang/">Giao hàng</a></li>' in footer


def test_a_menu_link_by_address_keeps_its_label(client, trust_demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    MainMenuItem.objects.create(setting=settings, label="Tra cứu OCOP", link_url="/ocop/verify/", sort_order=9)
    settings.save()

    html = client.get("/shop/catalogue/").content.decode()

    assert '<li><a class="site-nav__link" href="/ocop/verify/">Tra cứu OCOP</a></li>' in html


def _warm_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_footer_and_menus_add_no_query_to_a_warm_shop_page(client, product):
    # given the catalogue (listing the product from the search index) and its cost once warm without site settings
    api.index_products([product.pk])
    before = _warm_queries(client, "/shop/catalogue/")

    # when the operator and menus are set and the page is warm again
    trust_demo_load(summary=LoadSummary())
    after = _warm_queries(client, "/shop/catalogue/")

    # then the footer and menus, cached, cost nothing more (and test_query_counts.py pins the catalogue's cost)
    assert OPERATOR in client.get("/shop/catalogue/").content.decode()
    assert (before, after) == (CATALOGUE_QUERIES, CATALOGUE_QUERIES)
