"""The home page: hero, editors' featured products and producers, latest news, figures counted live, page tree."""

import datetime
import io
import re

import pytest
from django.core.files.images import ImageFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from PIL import Image as PILImage
from wagtail.blocks import StreamBlockValidationError, StreamValue, StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.models import Page

from catalog.models import Product, ProductGroup, ProductSet
from catalog.services import category_tree_sync
from marketplace.cms.blocks import CallToActionBlock
from marketplace.cms.figures import programme_figures
from marketplace.cms.models import (
    HomePage,
    HomePageFeaturedProducer,
    HomePageFeaturedProduct,
    NewsIndexPage,
    ProgrammePage,
)
from marketplace.core.divisions import ward_name
from ocop_rating.certificates.models import Certificate
from tests.factories import (
    THANH_HOA,
    WARD_BIM_SON,
    WARD_DONG_QUANG,
    WARD_DONG_SON,
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="vi")


@pytest.fixture
def hero_image():
    """A 1600×1000 photo with its focal point on the right (the cooperative's sign)."""
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (27, 115, 64)).save(buffer, format="JPEG")
    return get_image_model().objects.create(
        title="Ruộng bậc thang Pù Luông", description="Ruộng bậc thang Pù Luông mùa lúa chín",
        file=ImageFile(buffer, name="pu-luong.jpg"), focal_point_x=1200, focal_point_y=500,
        focal_point_width=200, focal_point_height=200,
    )


def _publish(home: HomePage, **fields) -> HomePage:
    for name, value in fields.items():
        setattr(home, name, value)
    home.save_revision().publish()
    home.refresh_from_db()
    return home


def _links(home: HomePage, *, products=(), producers=()) -> None:
    for order, product in enumerate(products):
        HomePageFeaturedProduct.objects.create(page=home, product=product, sort_order=order)
    for order, producer in enumerate(producers):
        HomePageFeaturedProducer.objects.create(page=home, producer=producer, sort_order=order)


def _section(html: str, css_class: str) -> str:
    """The HTML of the home page's section with ``css_class`` (empty when the page has none)."""
    match = re.search(rf'<section class="home-section {css_class}".*?</section>', html, re.S)
    return re.sub(r"[ \t\n]+", " ", match.group(0)) if match else ""


def _titles(html: str) -> list[str]:
    """The titles of the product, news or producer cards in ``html``, in order."""
    return re.findall(r'<a href="[^"]+">([^<]+)</a>\s*</h3>', html)


def _certified(title: str, *, stars: int = 4, set_number: int = 9, ward: int = WARD_DONG_SON, producer=None,
               **certificate) -> object:
    fields = {"producer": producer} if producer is not None else {}
    product = ProductFactory(title=title, ocop_set=ProductSet.objects.get(number=set_number),
                             origin_ward_code=ward, **fields)
    CertificateFactory(product=product, stars=stars, **certificate)
    return product


def test_the_home_page_renders_every_section(client, home, hero_image, article_make, categories, image_make):
    # Given the shop's category tree, a home page with a hero, buttons, a featured product and producer, and
    # five published articles
    category_tree_sync()
    how_stars = ProgrammePage(title="Sản phẩm được gắn sao thế nào", slug="gan-sao")
    home.add_child(instance=how_stars)
    how_stars.save_revision().publish()
    producer = ProducerFactory(name="HTX Chè Xuân Du", ward_code=WARD_BIM_SON)
    tea = _certified("Chè xanh Xuân Du", stars=5, set_number=11, producer=producer)
    tea.stockrecords.update(price=85000, num_in_stock=7)
    _links(home, products=[tea], producers=[producer])
    home = _publish(
        home, hero_title="Đặc sản xứ Thanh, chứng nhận OCOP", intro="Mua tận gốc từ hợp tác xã.",
        hero_image=hero_image, body="<p>Sàn do Văn phòng Điều phối Nông thôn mới tỉnh vận hành.</p>",
        hero_links=[
            ("link", {"label": "Mua sản phẩm OCOP", "destination": "catalogue", "page": None, "style": "primary"}),
            ("link", {"label": "Cách sản phẩm được gắn sao", "destination": "", "page": how_stars,
                      "style": "secondary"}),
            ("link", {"label": "Tra cứu giấy chứng nhận", "destination": "certificate_check", "page": None,
                      "style": "secondary"}),
        ],
    )
    for day in range(1, 6):
        article_make(title=f"Tin OCOP ngày {day}", date=datetime.date(2026, 11, day), categories=[categories[0]],
                     hero_image=image_make(f"Ảnh tin {day}"))

    response = client.get("/")

    # Then it renders every section
    assert response.status_code == 200
    html = response.content.decode()
    hero = re.search(r'<section class="home-hero home-hero--image".*?</section>', html, re.S).group(0)
    assert '<h1 class="home-hero__title" id="home-hero-title">Đặc sản xứ Thanh, chứng nhận OCOP</h1>' in hero
    assert '<p class="home-hero__intro">Mua tận gốc từ hợp tác xã.</p>' in hero
    assert re.findall(r'<a class="btn btn-lg home-hero__cta home-hero__cta--(\w+)" href="([^"]+)">([^<]+)</a>',
                      hero) == [
        ("primary", "/shop/catalogue/", "Mua sản phẩm OCOP"),
        ("secondary", "/gan-sao/", "Cách sản phẩm được gắn sao"),
        ("secondary", reverse("ocop_rating:verify_search"), "Tra cứu giấy chứng nhận"),
    ]
    # The hero image is the page's largest first paint: three renditions cut around the focal point, fetched
    # first and never lazily
    img = re.search(r"<img [^>]*>", hero).group(0)
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert 'sizes="(min-width: 992px) 50vw, 100vw"' in img
    assert 'alt="Ruộng bậc thang Pù Luông mùa lúa chín"' in img
    assert re.findall(r"\.fill-(\d+x\d+)\.jpg (\d+)w", img) == [("480x300", "480"), ("960x600", "960"),
                                                               ("1440x900", "1440")]
    # (and the sharing preview's, og:image)
    assert sorted(hero_image.renditions.values_list("filter_spec", flat=True)) == [
        "fill-1440x900", "fill-480x300", "fill-960x600", "width-1200"]

    # The featured product with its live price, star and stock
    featured = _section(html, "home-featured")
    assert _titles(featured) == ["Chè xanh Xuân Du"]
    assert f'<a href="{tea.get_absolute_url()}">Chè xanh Xuân Du</a>' in featured
    assert '<p class="ocop-card__price price_color"> 85.000\xa0₫ </p>' in featured
    assert 'data-stars="5"' in featured and "Còn hàng" in featured

    # The figures, the product groups, the producer, the news, the body
    figures = _section(html, "home-figures")
    assert '<dd class="home-figure__number" data-figure="products">1</dd>' in figures
    assert len(re.findall(r'<li class="home-breakdown__row" data-group="[IV]+"> <a class="home-breakdown__link" '
                          r'href="/shop/catalogue/category/', figures)) == ProductGroup.objects.count() == 6
    assert _section(html, "home-groups").count('class="home-groups__item"') == 6

    producers = _section(html, "home-producers")
    assert (f'<h3 class="home-producer__name"><a href="/shop/producers/{producer.slug}/">HTX Chè Xuân Du</a></h3>'
            in producers)
    assert f'<p class="home-producer__place">{ward_name(WARD_BIM_SON)}, Thanh Hóa</p>' in producers
    assert '<p class="home-producer__count">1 sản phẩm OCOP</p>' in producers

    news = _section(html, "home-news")
    assert _titles(news) == ["Tin OCOP ngày 5", "Tin OCOP ngày 4", "Tin OCOP ngày 3", "Tin OCOP ngày 2"]
    assert '<a href="/tin-tuc/">Tất cả tin tức &rsaquo;</a>' in news
    assert '<time datetime="2026-11-05">05/11/2026</time>' in news
    assert news.count('<span class="news-category">Tin OCOP</span>') == 4
    assert news.count('loading="lazy"') == 4  # the news images, below the fold, are lazy

    assert "<p>Sàn do Văn phòng Điều phối Nông thôn mới tỉnh vận hành.</p>" in _section(html, "home-body rich-text")


def test_without_choices_the_home_page_shows_the_highest_starred_products_and_no_producers(client, home):
    _certified("Bánh gai Tứ Trụ", stars=3, set_number=6)
    _certified("Nước mắm Ba Làng", stars=5)
    ProductFactory(title="Giò lụa chưa gắn sao")

    html = client.get("/").content.decode()

    assert _titles(_section(html, "home-featured")) == ["Nước mắm Ba Làng", "Bánh gai Tứ Trụ"]
    assert _section(html, "home-producers") == ""
    # The default button leads to the shop
    assert '<a class="btn btn-lg home-hero__cta home-hero__cta--primary" href="/shop/catalogue/">' in html


def test_a_chosen_product_made_private_disappears_and_the_editors_order_is_kept(client, home):
    honey, tea, nem = (_certified(title) for title in ("Mật ong Bá Thước", "Chè Xuân Du", "Nem chua Hạc Thành"))
    _links(home, products=[tea, nem, honey])
    assert _titles(_section(client.get("/").content.decode(), "home-featured")) == [
        "Chè Xuân Du", "Nem chua Hạc Thành", "Mật ong Bá Thước"]

    # When the producer stops selling the nem chua
    nem.is_public = False
    nem.save()

    # Then it is dropped silently, the others keep their place
    response = client.get("/")
    assert response.status_code == 200
    assert _titles(_section(response.content.decode(), "home-featured")) == ["Chè Xuân Du", "Mật ong Bá Thước"]


def test_when_no_chosen_product_is_public_any_more_the_highest_starred_ones_fill_in(client, home):
    hidden = _certified("Rượu Cẩm Vân", stars=5)
    _certified("Chè Xuân Du", stars=4)
    _links(home, products=[hidden])
    hidden.is_public = False
    hidden.save()

    html = client.get("/").content.decode()

    assert _titles(_section(html, "home-featured")) == ["Chè Xuân Du"]


def test_the_figures_equal_the_catalogues_counts(client, home):
    # Given certified products in three communes and three groups, and some that must not count
    coop = ProducerFactory(name="HTX Đông Sơn")
    _certified("Nước mắm Ba Làng", stars=3, set_number=9, ward=WARD_DONG_SON, producer=coop)
    _certified("Mắm tép Hoằng Hóa", stars=4, set_number=9, ward=WARD_DONG_SON, producer=coop)
    _certified("Chè Xuân Du", stars=4, set_number=11, ward=WARD_BIM_SON)
    _certified("Chiếu cói Nga Sơn", stars=5, set_number=21, ward=WARD_DONG_QUANG)
    _certified("Nem chua Hạc Thành", stars=4, set_number=8, ward=WARD_DONG_QUANG)
    _certified("Rượu hết hạn chứng nhận", stars=4, set_number=14, ward=WARD_BIM_SON, expired=True)
    _certified("Bánh bị thu hồi chứng nhận", stars=5, set_number=6, ward=WARD_BIM_SON, revoked=True)
    private = _certified("Mật ong thôi bán", stars=3, set_number=4, ward=WARD_BIM_SON)
    private.is_public = False
    private.save()
    ProductFactory(title="Giò lụa chưa gắn sao", origin_ward_code=WARD_BIM_SON)

    # When the catalogue's counts are made from the certificates themselves (not the products' badge columns)
    today = timezone.localdate()
    counted = [
        certificate.product for certificate in Certificate.objects.select_related("product__ocop_set__group")
        if certificate.status == Certificate.Status.ACTIVE and certificate.valid_until >= today
        and certificate.product.is_public and certificate.product.certificate_id == certificate.pk
    ]
    figures = programme_figures()

    # Then the figures are those counts, and the expired, revoked and private products are in none of them
    assert sorted(product.title for product in counted) == [
        "Chiếu cói Nga Sơn", "Chè Xuân Du", "Mắm tép Hoằng Hóa", "Nem chua Hạc Thành", "Nước mắm Ba Làng"]
    assert (figures.products, figures.producers, figures.communes) == (len(counted), 4, 3)
    assert [(row.key, row.count) for row in figures.by_stars] == [
        (str(stars), sum(1 for p in counted if p.badge_stars == stars)) for stars in (3, 4, 5)
    ] == [("3", 1), ("4", 3), ("5", 1)]
    groups = {group.code: 0 for group in ProductGroup.objects.all()}
    for product in counted:
        groups[product.ocop_set.group.code] += 1
    assert [(row.key, row.count) for row in figures.by_group] == list(groups.items())
    assert groups == {"I": 4, "II": 0, "III": 0, "IV": 1, "V": 0, "VI": 0}
    # (the top communes: most products first, then by code)
    assert [(row.label, row.count, row.url) for row in figures.top_communes] == [
        (ward_name(WARD_DONG_SON), 2, f"/shop/catalogue/?province={THANH_HOA}&ward={WARD_DONG_SON}"),
        (ward_name(WARD_DONG_QUANG), 2, f"/shop/catalogue/?province={THANH_HOA}&ward={WARD_DONG_QUANG}"),
        (ward_name(WARD_BIM_SON), 1, f"/shop/catalogue/?province={THANH_HOA}&ward={WARD_BIM_SON}"),
    ]

    # And the page shows them, each star band linking to the shop's star filter
    figures_html = _section(client.get("/").content.decode(), "home-figures")
    assert '<dd class="home-figure__number" data-figure="products">5</dd>' in figures_html
    assert '<dd class="home-figure__number" data-figure="producers">4</dd>' in figures_html
    assert '<dd class="home-figure__number" data-figure="communes">3</dd>' in figures_html
    assert ('<li class="home-breakdown__row" data-stars="4"> <a class="home-breakdown__link" '
            'href="/shop/catalogue/?stars=4"> <span class="home-breakdown__label">4 sao</span> '
            '<span class="home-breakdown__count">3</span>') in figures_html


def test_a_certificate_expiring_drops_the_product_from_the_figures_at_once(home):
    product = _certified("Chè Xuân Du", stars=4)
    assert programme_figures().products == 1

    Product.objects.filter(pk=product.pk).update(badge_until=timezone.localdate() - datetime.timedelta(days=1))

    figures = programme_figures()
    assert (figures.products, figures.producers, figures.communes, figures.top_communes) == (0, 0, 0, [])


def test_with_nothing_certified_the_figures_section_is_left_out(client, home):
    ProductFactory(title="Giò lụa chưa gắn sao")

    assert _section(client.get("/").content.decode(), "home-figures") == ""


def test_a_featured_producer_without_products_on_sale_says_so(client, home):
    producer = ProducerFactory(name="Tổ hợp tác Dệt thổ cẩm Cẩm Lương")
    _links(home, producers=[producer])

    producers = _section(client.get("/").content.decode(), "home-producers")

    assert '<p class="home-producer__count">Chưa có sản phẩm OCOP đang bán</p>' in producers


def test_there_is_one_home_page_right_under_the_root(home):
    root = Page.get_first_root_node()
    news_index = NewsIndexPage.objects.get()

    assert home.get_parent().pk == root.pk
    assert HomePage.can_exist_under(root) is True
    assert HomePage.can_exist_under(news_index) is False
    assert HomePage.can_exist_under(home) is False
    # A second home page cannot be created anywhere
    assert HomePage.can_create_at(root) is False
    assert "cms.homepage" not in {f"{m._meta.app_label}.{m._meta.model_name}" for m in home.allowed_subpage_models()}


def test_a_button_needs_exactly_one_target_and_hides_when_its_page_is_unpublished(home):
    block = CallToActionBlock()
    page = ProgrammePage(title="Chương trình OCOP", slug="chuong-trinh-ocop-thu")
    home.add_child(instance=page)
    page.save_revision().publish()

    with pytest.raises(StructBlockValidationError) as both:
        block.clean(block.to_python({"label": "Xem", "destination": "catalogue", "page": page.pk, "style": "primary"}))
    assert [str(e.message) for e in both.value.block_errors["page"].error_list] == [
        "Đã chọn nơi dẫn tới thì để trống ô trang."]
    with pytest.raises(StructBlockValidationError) as neither:
        block.clean(block.to_python({"label": "Xem", "destination": "", "page": None, "style": "primary"}))
    assert [str(e.message) for e in neither.value.block_errors["page"].error_list] == [
        "Chọn một trang, hoặc chọn nơi dẫn tới."]

    value = block.to_python({"label": "Xem chương trình", "destination": "", "page": page.pk, "style": "secondary"})
    assert block.render(value).strip() == (
        '<a class="btn btn-lg home-hero__cta home-hero__cta--secondary" href="/chuong-trinh-ocop-thu/">'
        "Xem chương trình</a>")
    page.unpublish()
    value = block.to_python({"label": "Xem chương trình", "destination": "", "page": page.pk, "style": "secondary"})
    assert block.render(value).strip() == ""


def test_at_most_three_buttons(home):
    field = HomePage._meta.get_field("hero_links")
    links = [("link", {"label": f"Nút {n}", "destination": "catalogue", "page": None, "style": "primary"})
             for n in range(4)]

    with pytest.raises(StreamBlockValidationError) as refused:
        field.stream_block.clean(StreamValue(field.stream_block, links))
    assert [error.message for error in refused.value.non_block_errors.as_data()] == [
        gettext("The maximum number of items is %(max_num)d") % {"max_num": 3}]
    field.stream_block.clean(StreamValue(field.stream_block, links[:3]))


def _home_queries(client) -> int:
    client.get("/")  # renditions and caches made once
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


def test_the_home_page_takes_a_bounded_number_of_queries(client, home, hero_image, article_make, categories,
                                                        image_make, django_assert_max_num_queries):
    _publish(home, hero_image=hero_image)
    few = [_certified(f"Sản phẩm {n}", set_number=(9, 11)[n % 2], ward=(WARD_DONG_SON, WARD_BIM_SON)[n % 2])
           for n in range(2)]
    _links(home, products=few, producers=[few[0].producer])
    article_make(title="Tin 1", categories=categories, hero_image=image_make())
    baseline = _home_queries(client)

    # Given four times as many products, producers, communes and articles
    more = [_certified(f"Sản phẩm thêm {n}", set_number=(6, 8, 21)[n % 3],
                       ward=(WARD_DONG_QUANG, WARD_BIM_SON)[n % 2]) for n in range(6)]
    _links(home, products=more, producers=[product.producer for product in more[:3]])
    for n in range(2, 6):
        article_make(title=f"Tin {n}", categories=categories, hero_image=image_make(f"Ảnh {n}"))

    # Then the page takes the same number of queries, and no more than the pinned bound
    assert _home_queries(client) == baseline
    # 26 for the page itself, 3 for its languages (Wagtail's locale lookup, the language switch's and the hreflang
    # translations); the footer's settings are cached
    with django_assert_max_num_queries(29):
        client.get("/")
