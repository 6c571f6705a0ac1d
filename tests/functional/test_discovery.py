"""Discovery: the sitemap, robots.txt, the head's canonical/hreflang/OpenGraph/Twitter tags and schema.org JSON-LD."""

import datetime
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import time_machine
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText

from marketplace.cms import sitemaps
from marketplace.cms.models import HomePage, NewsArticlePage, NewsIndexPage
from marketplace.cms.translations import page_translate
from ocop_rating.certificates.services import certificate_revoke
from tests.factories import CertificateFactory, ProducerFactory, ProductFactory, ProductImageFactory

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SITE_DESCRIPTION = ("Chợ OCOP Thanh Hóa: sản phẩm OCOP được chứng nhận 3, 4 và 5 sao, mua trực tiếp từ hợp tác xã "
                    "và hộ sản xuất, cùng tin tức về chương trình Mỗi xã một sản phẩm.")


class HeadTags(HTMLParser):
    """The <link> and <meta> tags of a page's <head>, and its JSON-LD blocks' text."""

    def __init__(self, html: str):
        super().__init__()
        self.links, self.metas, self.json_ld = [], {}, []
        self._in_json_ld = False
        self.feed(html[:html.index("</head>")])

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link":
            self.links.append(attrs)
        elif tag == "meta" and ("property" in attrs or "name" in attrs):
            self.metas.setdefault(attrs.get("property") or attrs["name"], []).append(attrs["content"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def canonical(self) -> list[str]:
        return [link["href"] for link in self.links if link.get("rel") == "canonical"]

    def hreflang(self) -> list[tuple[str, str]]:
        return [(link["hreflang"], link["href"]) for link in self.links if "hreflang" in link]

    def meta(self) -> dict[str, str]:
        """Every meta tag that appears once, by name or property (a repeated one fails the test)."""
        assert all(len(values) == 1 for values in self.metas.values()), self.metas
        return {key: values[0] for key, values in self.metas.items()}


def _sitemap_urls(client, path: str) -> dict[str, list[tuple[str, str]]]:
    response = client.get(path)
    assert (response.status_code, response["Content-Type"]) == (200, "application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}urlset"
    return {
        url.findtext(f"{SITEMAP}loc"): [(link.get("hreflang"), link.get("href")) for link in url.findall(f"{XHTML}link")]
        for url in root.findall(f"{SITEMAP}url")
    }


def _alternates(path: str) -> list[tuple[str, str]]:
    return [("vi", f"http://testserver{path}"), ("en", f"http://testserver/en{path}"),
            ("x-default", f"http://testserver{path}")]


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(url_path="/home/tin-tuc/")


@pytest.fixture
def hero_image(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 36), (170, 52, 58)).save(buffer, format="JPEG")
    return get_image_model().objects.create(title="Hội chợ OCOP", file=ImageFile(buffer, name="hoi-cho.jpg"))


def _article(news_index, *, slug: str, publish: bool = True, go_live_at=None, **fields) -> NewsArticlePage:
    article = NewsArticlePage(
        title=fields.pop("title", f"Bài {slug}"), slug=slug, date=datetime.date(2026, 11, 18), live=False,
        go_live_at=go_live_at, author_name="Lê Minh Châu",
        body=[("paragraph", RichText("<p>Nội dung.</p>"))], **fields,
    )
    news_index.add_child(instance=article)
    revision = article.save_revision()
    if publish:
        revision.publish()
    article.refresh_from_db()
    return article


# --- the sitemap ---------------------------------------------------------------------------------------------

def test_the_sitemap_index_points_at_its_three_sections(client):
    response = client.get("/sitemap.xml")

    assert (response.status_code, response["Content-Type"]) == (200, "application/xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{SITEMAP}sitemapindex"
    assert [entry.findtext(f"{SITEMAP}loc") for entry in root.findall(f"{SITEMAP}sitemap")] == [
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-products.xml",
        "http://testserver/sitemap-producers.xml",
    ]
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_pages_section_lists_published_public_pages_only_in_the_languages_they_are_written_in(client, news_index):
    # Given a published article, a draft, a scheduled one and one behind a password, none translated
    published = _article(news_index, slug="hoi-cho-ocop-2026")
    _article(news_index, slug="ban-nhap", publish=False)
    _article(news_index, slug="hen-gio", go_live_at=timezone.now() + datetime.timedelta(days=2))
    private = _article(news_index, slug="noi-bo")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert NewsArticlePage.objects.get(slug="hen-gio").live is False

    urls = _sitemap_urls(client, "/sitemap-pages.xml")

    # Then the home page, the news index and the published article are listed, in Vietnamese only and with no
    # hreflang (no English page exists), in tree order: the home page, the news index and its article, the
    # story and event indexes (migration 0006)
    paths = ["/", "/tin-tuc/", f"/tin-tuc/{published.slug}/", "/chuyen-nguoi-lam-ocop/", "/su-kien/"]
    assert urls == {f"http://testserver{path}": [] for path in paths}
    assert list(urls) == [f"http://testserver{path}" for path in paths]


def test_a_translated_page_is_listed_in_both_languages_with_hreflang_pairs_and_an_untranslated_one_alone(
    client, news_index,
):
    # Given an English home page and news index, an article translated into English and one that is not
    english_home = page_translate(page=HomePage.objects.get(locale__language_code="vi"), language="en",
                                  strings={"Chợ OCOP Thanh Hóa": "Thanh Hóa OCOP Marketplace"}, publish=True)
    page_translate(page=news_index, language="en", strings={"Tin tức": "News"}, publish=True)
    translated = _article(news_index, slug="hoi-cho-ocop-2026", title="Hội chợ OCOP 2026")
    page_translate(page=translated, language="en", strings={"Hội chợ OCOP 2026": "The 2026 OCOP fair"}, publish=True)
    _article(news_index, slug="chi-tieng-viet")
    # ...and an English draft, which is not listed
    page_translate(page=news_index.get_parent().get_children().get(slug="su-kien").specific, language="en",
                   strings={}, publish=False)

    urls = _sitemap_urls(client, "/sitemap-pages.xml")

    # Then each translated page is listed in both languages next to each other, each pointing at both
    pair = {path: _alternates(path) for path in ("/", "/tin-tuc/", "/tin-tuc/hoi-cho-ocop-2026/")}
    assert urls == {
        "http://testserver/": pair["/"],
        "http://testserver/en/": pair["/"],
        "http://testserver/tin-tuc/": pair["/tin-tuc/"],
        "http://testserver/en/tin-tuc/": pair["/tin-tuc/"],
        "http://testserver/tin-tuc/chi-tieng-viet/": [],
        "http://testserver/tin-tuc/hoi-cho-ocop-2026/": pair["/tin-tuc/hoi-cho-ocop-2026/"],
        "http://testserver/en/tin-tuc/hoi-cho-ocop-2026/": pair["/tin-tuc/hoi-cho-ocop-2026/"],
        "http://testserver/chuyen-nguoi-lam-ocop/": [],
        "http://testserver/su-kien/": [],
    }
    assert list(urls)[:2] == ["http://testserver/", "http://testserver/en/"]
    assert english_home.live is True
    # and the heads say the same as the sitemap
    assert HeadTags(client.get("/en/tin-tuc/hoi-cho-ocop-2026/").content.decode()).hreflang() == pair[
        "/tin-tuc/hoi-cho-ocop-2026/"]
    assert HeadTags(client.get("/tin-tuc/chi-tieng-viet/").content.decode()).hreflang() == []


def test_the_product_and_producer_sections_list_public_products_and_their_producers_only(client):
    shown = ProductFactory(title="Nước mắm Đông Hải")
    hidden_producer = ProducerFactory(name="HTX chỉ có hàng ẩn")
    ProductFactory(title="Hàng chưa đăng bán", is_public=False, producer=hidden_producer)

    products = _sitemap_urls(client, "/sitemap-products.xml")
    producers = _sitemap_urls(client, "/sitemap-producers.xml")

    path = shown.get_absolute_url()
    assert products == {f"http://testserver{path}": _alternates(path), f"http://testserver/en{path}": _alternates(path)}
    producer_path = f"/shop/producers/{shown.producer.slug}/"
    assert producers == {f"http://testserver{producer_path}": _alternates(producer_path),
                         f"http://testserver/en{producer_path}": _alternates(producer_path)}
    lastmod = ET.fromstring(client.get("/sitemap-products.xml").content).find(f"{SITEMAP}url/{SITEMAP}lastmod")
    assert lastmod.text == timezone.localdate(shown.date_updated).isoformat()


def test_a_large_product_section_is_split_into_pages_that_read_only_their_rows(client, monkeypatch,
                                                                                django_assert_num_queries):
    monkeypatch.setattr(sitemaps.ProductSitemap, "limit", 4)  # two products (two languages each) a page
    products = [ProductFactory(title=f"Miến dong {n}") for n in range(5)]

    index = ET.fromstring(client.get("/sitemap.xml").content)
    second = _sitemap_urls(client, "/sitemap-products.xml?p=2")

    assert [entry.findtext(f"{SITEMAP}loc") for entry in index.findall(f"{SITEMAP}sitemap")][1:4] == [
        "http://testserver/sitemap-products.xml",
        "http://testserver/sitemap-products.xml?p=2",
        "http://testserver/sitemap-products.xml?p=3",
    ]
    assert list(second) == [url for product in products[2:4] for url in (
        f"http://testserver{product.get_absolute_url()}", f"http://testserver/en{product.get_absolute_url()}")]
    assert client.get("/sitemap-products.xml?p=4").status_code == 404
    assert client.get("/sitemap-products.xml?p=x").status_code == 404
    # One count and one slice of (pk, slug, date) rows, whatever the number of products
    with django_assert_num_queries(2) as captured:
        sitemaps.ProductSitemap().get_urls(page=3, site=type("S", (), {"domain": "testserver"})(), protocol="http")
    assert re.search(r"LIMIT 1 OFFSET 4", captured.captured_queries[1]["sql"])


# --- robots.txt ----------------------------------------------------------------------------------------------

def test_robots_txt_keeps_crawlers_out_of_private_pages_and_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert (response.status_code, response["Content-Type"]) == (200, "text/plain; charset=utf-8")
    assert response.content.decode() == (
        "User-agent: *\n"
        "Allow: /ocop/verify/\n"
        "Disallow: /shop/basket/\n"
        "Disallow: /shop/checkout/\n"
        "Disallow: /shop/accounts/\n"
        "Disallow: /shop/dashboard/\n"
        "Disallow: /shop/search/\n"
        "Disallow: /producer/\n"
        "Disallow: /ocop/\n"
        "Allow: /en/ocop/verify/\n"
        "Disallow: /en/shop/basket/\n"
        "Disallow: /en/shop/checkout/\n"
        "Disallow: /en/shop/accounts/\n"
        "Disallow: /en/shop/dashboard/\n"
        "Disallow: /en/shop/search/\n"
        "Disallow: /en/producer/\n"
        "Disallow: /en/ocop/\n"
        "Disallow: /cms/\n"
        "Disallow: /django-admin/\n"
        "\n"
        "Sitemap: http://testserver/sitemap.xml\n"
    )
    assert client.post("/robots.txt").status_code == 405


# --- the head of each kind of page ---------------------------------------------------------------------------

def test_the_home_page_head_and_its_organization(client):
    home = HomePage.objects.get(locale__language_code="vi")

    head = HeadTags(client.get("/?utm_source=zalo&fbclid=abc").content.decode())

    title = f"{home.title} | Chợ OCOP Thanh Hóa"
    assert head.canonical() == ["http://testserver/"]
    assert head.hreflang() == []  # not translated into English (yet)
    assert head.meta() | {"created": None} == {
        "created": None,
        "description": SITE_DESCRIPTION,
        "viewport": "width=device-width, initial-scale=1",
        "og:site_name": "Chợ OCOP Thanh Hóa",
        "og:type": "website",
        "og:title": title,
        "og:description": SITE_DESCRIPTION,
        "og:url": "http://testserver/",
        "og:locale": "vi_VN",
        "twitter:card": "summary",
        "twitter:title": title,
        "twitter:description": SITE_DESCRIPTION,
    }
    assert [json.loads(data) for data in head.json_ld] == [
        {"@context": "https://schema.org", "@type": "Organization", "name": "Chợ OCOP Thanh Hóa",
         "url": "http://testserver/"},
    ]


def test_the_english_home_page_says_english_and_points_back_at_vietnamese(client):
    vietnamese = HomePage.objects.get(locale__language_code="vi")
    page_translate(page=vietnamese, language="en", strings={"Chợ OCOP Thanh Hóa": "Thanh Hóa OCOP Marketplace"},
                   publish=True)

    english_head = HeadTags(client.get("/en/").content.decode())
    vietnamese_head = HeadTags(client.get("/").content.decode())

    assert english_head.canonical() == ["http://testserver/en/"]
    assert english_head.hreflang() == vietnamese_head.hreflang() == _alternates("/")
    assert english_head.meta()["og:title"].startswith("Thanh Hóa OCOP Marketplace | ")
    assert (english_head.meta()["og:locale"], english_head.meta()["og:locale:alternate"]) == ("en_US", "vi_VN")
    assert (vietnamese_head.meta()["og:locale"], vietnamese_head.meta()["og:locale:alternate"]) == ("vi_VN", "en_US")


def test_a_shop_list_page_keeps_its_filters_and_drops_tracking_in_the_canonical_url(client):
    ProductFactory()

    head = HeadTags(client.get("/shop/catalogue/?sort=price-asc&utm_campaign=tet&zarsrc=30").content.decode())

    assert head.canonical() == ["http://testserver/shop/catalogue/?sort=price-asc"]
    assert head.hreflang() == [
        ("vi", "http://testserver/shop/catalogue/?sort=price-asc"),
        ("en", "http://testserver/en/shop/catalogue/?sort=price-asc"),
        ("x-default", "http://testserver/shop/catalogue/?sort=price-asc"),
    ]
    meta = head.meta()
    assert (meta["og:title"], meta["og:url"], meta["og:type"], meta["description"]) == (
        "Tất cả sản phẩm OCOP | Chợ OCOP Thanh Hóa", "http://testserver/shop/catalogue/?sort=price-asc",
        "website", SITE_DESCRIPTION,
    )
    assert head.json_ld == []


def test_a_news_article_head_and_its_news_article_data(client, news_index, hero_image):
    article = _article(news_index, slug="hoi-cho-ocop-2026", title="Hội chợ OCOP Thanh Hóa 2026",
                       summary="Hơn 200 sản phẩm OCOP về Quảng trường Lam Sơn.", hero_image=hero_image)

    head = HeadTags(client.get(f"/tin-tuc/{article.slug}/?utm_medium=social").content.decode())

    url = "http://testserver/tin-tuc/hoi-cho-ocop-2026/"
    image = f"http://testserver{hero_image.get_rendition('width-1200').url}"
    assert head.canonical() == [url]
    meta = head.meta()
    assert {key: meta[key] for key in ("description", "og:type", "og:title", "og:description", "og:url",
                                       "og:image", "twitter:card", "twitter:image")} == {
        "description": "Hơn 200 sản phẩm OCOP về Quảng trường Lam Sơn.",
        "og:type": "article",
        "og:title": "Hội chợ OCOP Thanh Hóa 2026 | Chợ OCOP Thanh Hóa",
        "og:description": "Hơn 200 sản phẩm OCOP về Quảng trường Lam Sơn.",
        "og:url": url,
        "og:image": image,
        "twitter:card": "summary_large_image",
        "twitter:image": image,
    }
    assert [json.loads(data) for data in head.json_ld] == [{
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Hội chợ OCOP Thanh Hóa 2026",
        "datePublished": "2026-11-18",
        "dateModified": article.last_published_at.isoformat(),
        "author": [{"@type": "Person", "name": "Lê Minh Châu"}],
        "publisher": {"@type": "Organization", "name": "Chợ OCOP Thanh Hóa", "url": "http://testserver/"},
        "mainEntityOfPage": url,
        "url": url,
        "description": "Hơn 200 sản phẩm OCOP về Quảng trường Lam Sơn.",
        "image": [image],
    }]


def test_the_news_index_has_one_canonical_link_with_its_filter(client, news_index):
    html = client.get("/tin-tuc/?page=1&utm_source=facebook").content.decode()

    assert HeadTags(html).canonical() == ["http://testserver/tin-tuc/"]
    assert html.count('rel="canonical"') == 1


# --- the product page's data ---------------------------------------------------------------------------------

@pytest.fixture
def certified_product(db):
    """A 4★ fish sauce at 125.000 ₫ with a photo; its certificate runs 2026-11-01 – 2029-10-31."""
    product = ProductFactory(title="Nước mắm Đông Hải", description="<p>Nước mắm cá cơm <b>40 độ đạm</b>.</p>",
                             producer__name="HTX Nước mắm Đông Hải")
    ProductImageFactory(product=product)
    CertificateFactory(product=product, code="OCOP-TH-2026-00042", decision_date=datetime.date(2026, 11, 1),
                       valid_until=datetime.date(2029, 10, 31))
    return product


def _product_data(client, product) -> dict:
    head = HeadTags(client.get(product.get_absolute_url()).content.decode())
    assert len(head.json_ld) == 1
    return json.loads(head.json_ld[0])


def test_the_product_page_head_and_its_product_offer_and_certificate(client, certified_product):
    product = certified_product
    url = f"http://testserver{product.get_absolute_url()}"

    html = client.get(product.get_absolute_url() + "?utm_source=zalo").content.decode()
    head = HeadTags(html)
    data = json.loads(head.json_ld[0])

    image = data["image"][0]
    assert image.startswith("http://testserver/media/renditions/440x400/")
    assert head.canonical() == [url]
    meta = head.meta()
    assert {key: meta[key] for key in ("description", "og:type", "og:title", "og:url", "og:image")} == {
        "description": "Nước mắm cá cơm 40 độ đạm.",
        "og:type": "product",
        "og:title": "Nước mắm Đông Hải | Chợ OCOP Thanh Hóa",
        "og:url": url,
        "og:image": image,
    }
    assert data == {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": "Nước mắm Đông Hải",
        "url": url,
        "sku": str(product.pk),
        "description": "Nước mắm cá cơm 40 độ đạm.",
        "image": [image],
        "brand": {"@type": "Brand", "name": "HTX Nước mắm Đông Hải"},
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": "125000",
            "priceCurrency": "VND",
            "availability": "https://schema.org/InStock",
            "itemCondition": "https://schema.org/NewCondition",
        },
        "hasCertification": {
            "@type": "Certification",
            "name": "OCOP 4 sao",
            "certificationIdentification": "OCOP-TH-2026-00042",
            "certificationRating": {"@type": "Rating", "ratingValue": 4, "bestRating": 5, "worstRating": 3},
            "issuedBy": {"@type": "Organization", "name": "Ủy ban nhân dân tỉnh Thanh Hóa"},
            "validFrom": "2026-11-01",
            "expires": "2029-10-31",
            "url": "http://testserver/ocop/verify/OCOP-TH-2026-00042/",
        },
    }


def test_a_sold_out_product_is_offered_out_of_stock(client):
    product = ProductFactory(stockrecord__num_in_stock=0, stockrecord__price=89000)

    offer = _product_data(client, product)["offers"]

    assert (offer["price"], offer["availability"]) == ("89000", "https://schema.org/OutOfStock")


def test_the_certificate_leaves_the_data_the_day_after_it_expires(client, certified_product):
    with time_machine.travel(datetime.datetime(2029, 10, 31, 12, 0, tzinfo=datetime.UTC), tick=False):
        assert _product_data(client, certified_product)["hasCertification"]["expires"] == "2029-10-31"
    with time_machine.travel(datetime.datetime(2029, 11, 1, 3, 0, tzinfo=datetime.UTC), tick=False):
        data = _product_data(client, certified_product)

    assert "hasCertification" not in data
    assert data["offers"]["price"] == "125000"


def test_a_revoked_certificate_leaves_the_data(client, certified_product):
    certificate_revoke(certificate=certified_product.certificate, reason="Vi phạm an toàn thực phẩm",
                       decision_number="99/QĐ-UBND", revoked_on=timezone.localdate(), actor=None)

    assert "hasCertification" not in _product_data(client, certified_product)


def test_a_hostile_product_title_cannot_leave_the_json_ld_block(client):
    title = "Mắm </script><script>alert(1)</script>"
    product = ProductFactory(title=title)

    html = client.get(product.get_absolute_url()).content.decode()

    head = html[:html.index("</head>")]
    assert "<script>alert(1)" not in html
    assert head.count("<script") == head.count("</script>") == 1
    assert _product_data(client, product)["name"] == title
