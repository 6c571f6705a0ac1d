"""The demo's home page: a drawn hero image, the hero's words and buttons, featured products and producers.

The home page exists from cms migration 0002; the demo fills it in once, while an editor has not set it up
(no hero image, no buttons, no featured products or producers). Run again, it changes nothing; a hero image
whose file went missing is redrawn.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from wagtail.images import get_image_model

from catalog.models import Product
from marketplace.cms.blocks import CallToActionBlock
from marketplace.cms.models import (
    HomePage,
    HomePageFeaturedProducer,
    HomePageFeaturedProduct,
    ProgrammePage,
)
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.images import HOME_HERO_FOCAL_POINT, home_hero_render
from marketplace.demo.programme_data import HOW_STARS_SLUG
from marketplace.producers.models import Producer

HERO_IMAGE_TITLE = "Trang chủ demo: ruộng bậc thang Pù Luông"
HERO_IMAGE_DESCRIPTION = "Ruộng bậc thang và nhà sàn của người Thái ở Pù Luông, Thanh Hóa, mùa lúa chín"
HERO_TITLE = "Đặc sản xứ Thanh, đã được chứng nhận OCOP"
INTRO = (
    "Mua tận gốc từ hợp tác xã và hộ sản xuất của Thanh Hóa: mỗi sản phẩm được Hội đồng tỉnh chấm điểm, "
    "hạng sao tra cứu được bằng mã in trên bao bì."
)
FEATURED_PRODUCTS = (
    "OCOP-TH-0001", "OCOP-TH-0008", "OCOP-TH-0015", "OCOP-TH-0032",
    "OCOP-TH-0040", "OCOP-TH-0050", "OCOP-TH-0053", "OCOP-TH-0061",
)
FEATURED_PRODUCERS = (
    "htx-nem-chua-hac-thanh", "htx-coi-my-nghe-nga-son", "trang-trai-mat-ong-rung-ba-thuoc", "htx-che-xuan-du",
)


def _hero_image_load(*, written: list, summary: LoadSummary):
    """The drawn hero image with its focal point, drawn once; redrawn if its file went missing."""
    Image = get_image_model()
    image = Image.objects.filter(title=HERO_IMAGE_TITLE).first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image
    created = image is None
    if created:
        image = Image(title=HERO_IMAGE_TITLE, description=HERO_IMAGE_DESCRIPTION)
    image.file.save("trang-chu-pu-luong.jpg", ContentFile(home_hero_render()), save=False)
    written.append((image.file.storage, image.file.name))
    x, y, width, height = HOME_HERO_FOCAL_POINT
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = x, y, width, height
    image.save()
    summary.record("home page images", created=created, updated=not created)
    return image


def _hero_links(home: HomePage) -> list:
    how_stars = ProgrammePage.objects.descendant_of(home).filter(slug=HOW_STARS_SLUG).live().first()
    links = [("link", {"label": "Mua sản phẩm OCOP", "destination": CallToActionBlock.CATALOGUE, "page": None,
                       "style": "primary"})]
    if how_stars is not None:
        links.append(("link", {"label": "Sản phẩm được gắn sao thế nào?", "destination": "", "page": how_stars,
                               "style": "secondary"}))
    links.append(("link", {"label": "Tra cứu giấy chứng nhận", "destination": CallToActionBlock.CERTIFICATE_CHECK,
                           "page": None, "style": "secondary"}))
    return links


def home_demo_load(*, summary: LoadSummary, written: list, with_images: bool = True) -> None:
    """Fill in the home page's hero, buttons, featured products and producers, unless an editor already has."""
    home = HomePage.objects.filter(locale__language_code="vi").first()
    if home is None:
        summary.warnings.append("No home page: the demo home page content was not loaded.")
        return
    image = _hero_image_load(written=written, summary=summary) if with_images else None
    set_up = (home.hero_image_id is not None or len(home.hero_links) > 0
              or home.featured_product_links.exists() or home.featured_producer_links.exists())
    if set_up:
        return
    products = Product.objects.in_bulk(FEATURED_PRODUCTS, field_name="upc")
    producers = Producer.objects.in_bulk(FEATURED_PRODUCERS, field_name="slug")
    home.hero_title, home.intro, home.hero_image = HERO_TITLE, INTRO, image
    home.hero_links = _hero_links(home)
    home.featured_product_links = [HomePageFeaturedProduct(product=products[upc]) for upc in FEATURED_PRODUCTS
                                   if upc in products]
    home.featured_producer_links = [HomePageFeaturedProducer(producer=producers[slug]) for slug in FEATURED_PRODUCERS
                                    if slug in producers]
    home.save_revision().publish()
    summary.record("home page", created=False, updated=True)
