"""Fixtures of the CMS tests: the news index made by migration 0004, categories, and an article maker."""

import datetime
import io
import itertools

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from marketplace.cms.models import NewsArticlePage, NewsCategory, NewsIndexPage
from tests.factories import CertificateFactory, ProductFactory

_slugs = itertools.count(1)


@pytest.fixture
def news_index(db):
    return NewsIndexPage.objects.get(url_path="/home/tin-tuc/")


@pytest.fixture
def categories(db):
    """Two categories: "Tin OCOP" and "Hội chợ – triển lãm"."""
    return (
        NewsCategory.objects.create(name="Tin OCOP", slug="tin-ocop"),
        NewsCategory.objects.create(name="Hội chợ – triển lãm", slug="hoi-cho-trien-lam"),
    )


@pytest.fixture
def product(db):
    """A public 4★ fish sauce: 125.000 ₫, 10 in stock."""
    product = ProductFactory(title="Nước mắm Đông Hải", stockrecord__price=125000, stockrecord__num_in_stock=10)
    CertificateFactory(product=product, stars=4)
    return product


@pytest.fixture
def image_make(db):
    def make(title: str = "Nem chua Hạc Thành"):
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 36), (170, 52, 58)).save(buffer, format="JPEG")
        return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="nem-chua.jpg"))

    return make


@pytest.fixture
def article_make(news_index):
    """Add an article under the news index; published unless ``publish=False`` (a draft).

    ``go_live_at`` in the future publishes it as Wagtail schedules it (not live until then).
    """

    def make(*, title: str, date: datetime.date = datetime.date(2026, 11, 18), categories=(), tags=(),
             paragraphs=(), body=None, publish: bool = True, go_live_at=None, **fields) -> NewsArticlePage:
        article = NewsArticlePage(
            title=title, slug=f"bai-{next(_slugs)}", date=date, live=False, go_live_at=go_live_at,
            body=body if body is not None else [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs],
            **{"author_name": "Lê Minh Châu", **fields},
        )
        article.categories = list(categories)
        article.tags.add(*tags)
        news_index.add_child(instance=article)
        revision = article.save_revision()
        if publish:
            revision.publish()
        article.refresh_from_db()
        return article

    return make
