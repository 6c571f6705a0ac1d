"""The demo's news: categories, drawn images and published articles under the news index (/tin-tuc/).

Idempotent like the rest of the demo: categories are found by slug, images by title, articles by slug
under the index. An article that exists is left alone (an editor may have changed it since).
"""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import format_html
from wagtail.images import get_image_model
from wagtail.rich_text import RichText

from catalog.models import Product
from marketplace.cms.models import NewsArticlePage, NewsArticleProduct, NewsCategory, NewsIndexPage
from marketplace.demo import news_data as data
from marketplace.demo.catalogue import LoadSummary
from marketplace.demo.images import news_image_render

IMAGE_TITLE_PREFIX = "Tin tức demo"


def _image_load(*, spec: data.ArticleSpec, suffix: str, caption: str, written: list, summary: LoadSummary):
    """The drawn image of an article (hero, or one in its body), drawn once; redrawn if its file went missing."""
    Image = get_image_model()
    title = f"{IMAGE_TITLE_PREFIX}: {spec.slug}{suffix}"
    image = Image.objects.filter(title=title).first()
    if image is not None and image.file and image.file.storage.exists(image.file.name):
        return image
    created = image is None
    if created:
        image = Image(title=title)
    content = ContentFile(news_image_render(title=spec.title, caption=caption, set_number=spec.set_number))
    image.file.save(f"{spec.slug}{suffix}.jpg", content, save=False)
    written.append((image.file.storage, image.file.name))
    image.save()
    summary.record("news images", created=created, updated=not created)
    return image


def _body(*, spec: data.ArticleSpec, with_images: bool, written: list, summary: LoadSummary) -> list:
    products = {product.upc: product for product in Product.objects.filter(
        upc__in=[block[1] for block in spec.body if block[0] == "product"])}
    body: list = []
    for position, (kind, *args) in enumerate(spec.body):
        if kind == "p":
            body.append(("paragraph", RichText(format_html("<p>{}</p>", args[0]))))
        elif kind == "h2":
            body.append(("paragraph", RichText(format_html("<h2>{}</h2>", args[0]))))
        elif kind == "quote":
            body.append(("quote", {"quote": args[0], "attribution": args[1]}))
        elif kind == "product":
            body.append(("product", products[args[0]]))
        elif kind == "video":
            body.append(("video", {"url": args[0], "title": args[1], "description": args[2]}))
        elif kind == "image" and with_images:
            image = _image_load(spec=spec, suffix=f"-{position}", caption=args[0], written=written, summary=summary)
            body.append(("image", {"image": image, "caption": args[0], "alt_text": ""}))
    return body


def news_demo_load(*, summary: LoadSummary, written: list, with_images: bool = True) -> None:
    """Load the news categories and publish the demo articles under the news index."""
    news_index = NewsIndexPage.objects.filter(locale__language_code="vi").first()
    if news_index is None:
        summary.warnings.append("No news index page (/tin-tuc/): the demo news was not loaded.")
        return
    categories = {}
    for slug, name in data.CATEGORIES:
        category = NewsCategory.objects.filter(slug=slug).first()
        created, updated = category is None, category is not None and category.name != name
        if created or updated:
            category = category or NewsCategory(slug=slug)
            category.name = name
            category.save()
        categories[slug] = category
        summary.record("news categories", created=created, updated=updated)

    existing = set(NewsArticlePage.objects.child_of(news_index).values_list("slug", flat=True))
    for spec in data.ARTICLES:
        hero = None
        if with_images:
            # Drawn again if its file went missing from storage, even for an article that is left alone.
            hero = _image_load(spec=spec, suffix="", caption=spec.date.strftime("%d/%m/%Y"),
                               written=written, summary=summary)
        if spec.slug in existing:
            continue
        article = NewsArticlePage(
            title=spec.title,
            slug=spec.slug,
            date=spec.date,
            author_name=spec.author,
            summary=spec.summary,
            search_description=spec.summary,
            hero_image=hero,
            body=_body(spec=spec, with_images=with_images, written=written, summary=summary),
        )
        article.categories = [categories[slug] for slug in spec.categories]
        article.tags.add(*spec.tags)
        related = {product.upc: product for product in Product.objects.filter(upc__in=spec.related_products)}
        article.related_products = [
            NewsArticleProduct(product=related[upc], sort_order=order)
            for order, upc in enumerate(spec.related_products)
        ]
        news_index.add_child(instance=article)
        article.save_revision().publish()
        # Published "on" the article's date, in the morning, as an editor would have done.
        published = timezone.make_aware(datetime.datetime.combine(spec.date, datetime.time(8, 0)))
        NewsArticlePage.objects.filter(pk=article.pk).update(first_published_at=published,
                                                             last_published_at=published)
        summary.record("news articles", created=True, updated=False)
