"""The product card block and the related products: live price, valid star and stock; gone once not public."""

import re

import pytest
from oscar.core.loading import get_model

from marketplace.cms.blocks import VideoLinkBlock
from marketplace.cms.models import NewsArticleProduct
from tests.factories import CertificateFactory, ProductFactory

pytestmark = pytest.mark.django_db

StockRecord = get_model("partner", "StockRecord")


def _body(response) -> str:
    """The article's body blocks (up to its tags, or the end of the article when it has none)."""
    html = response.content.decode()
    body = html[html.index('<div class="news-article__body">'):html.index("</main>")]
    return body.split('<ul class="news-tags"')[0].split('<section class="home-section')[0]


def _card(html: str) -> str:
    match = re.search(r'<div class="cms-block cms-product">(.*?)</article>', html, re.S)
    return re.sub(r"[ \t\n]+", " ", match.group(1)) if match else ""  # keeps the no-break space of prices


def test_the_card_shows_todays_price_star_and_stock(client, article_make, product):
    article = article_make(title="Nước mắm Đông Hải", body=[("product", product)])

    card = _card(_body(client.get(article.url)))

    assert f'<a href="{product.get_absolute_url()}">Nước mắm Đông Hải</a>' in card
    assert '<p class="ocop-card__price price_color"> 125.000\xa0₫ </p>' in card
    assert 'data-stars="4"' in card
    assert "Còn hàng" in card

    # When the producer changes the price and sells out, the article shows it at once
    StockRecord.objects.filter(product=product).update(price=99000, num_in_stock=0)
    card = _card(_body(client.get(article.url)))
    assert '<p class="ocop-card__price price_color"> 99.000\xa0₫ </p>' in card
    assert "Còn hàng" not in card and "Thêm vào giỏ" not in card


def test_the_card_shows_no_star_once_the_certificate_has_expired(client, article_make):
    product = ProductFactory(title="Mắm tôm Hoằng Thanh")
    CertificateFactory(product=product, stars=4, expired=True)
    article = article_make(title="Mắm tôm", body=[("product", product)])

    card = _card(_body(client.get(article.url)))

    assert "Mắm tôm Hoằng Thanh" in card
    assert "ocop-badge" not in card


def test_the_card_disappears_when_the_product_is_made_private(client, article_make, product):
    article = article_make(title="Nước mắm", paragraphs=["Đoạn đầu."], body=None)
    article.body.append(("product", product))
    article.save_revision().publish()
    assert "Nước mắm Đông Hải" in _body(client.get(article.url))

    product.is_public = False
    product.save()

    response = client.get(article.url)
    assert response.status_code == 200
    body = _body(response)
    assert "Nước mắm Đông Hải" not in body and "cms-product" not in body
    assert "<p>Đoạn đầu.</p>" in body


def test_related_products_keep_the_editors_order_and_drop_private_ones(client, article_make):
    honey, tea, hidden = (ProductFactory(title=title) for title in ("Mật ong Bá Thước", "Chè Xuân Du", "Giò lụa"))
    article = article_make(title="Quà Tết")
    for order, chosen in enumerate((tea, hidden, honey)):
        NewsArticleProduct.objects.create(page=article, product=chosen, sort_order=order)
    hidden.is_public = False
    hidden.save()

    response = client.get(article.url)

    assert [p.title for p in response.context["related_products"]] == ["Chè Xuân Du", "Mật ong Bá Thước"]
    assert "Sản phẩm liên quan" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "valid"),
    [("https://www.youtube.com/watch?v=abc", True), ("https://youtu.be/abc", True),
     ("https://vimeo.com/123", True), ("https://example.com/video.mp4", False),
     ("https://youtube.com.evil.vn/x", False)],
)
def test_a_video_link_accepts_youtube_and_vimeo_only(url, valid):
    from django.core.exceptions import ValidationError

    block = VideoLinkBlock()
    value = block.to_python({"url": url, "title": "Phóng sự", "description": ""})
    if valid:
        block.clean(value)
        return
    with pytest.raises(ValidationError) as refused:
        block.clean(value)
    assert "Chỉ nhận đường dẫn video YouTube hoặc Vimeo." in str(refused.value.block_errors["url"])


def test_the_editors_product_chooser_lists_public_products_only(client, product):
    from django.contrib.auth import get_user_model

    hidden = ProductFactory(title="Giò lụa chưa mở bán", is_public=False)
    editor = get_user_model().objects.create_superuser("bientap@ocop.vn", "bientap@ocop.vn", "mat-khau-2026")
    client.force_login(editor)

    response = client.get("/cms/ocop-products/chooser/")

    assert response.status_code == 200
    html = response.json()["html"]
    assert "Nước mắm Đông Hải" in html
    assert hidden.title not in html
