"""Reads of the CMS: the news list with its filters and pages, related articles and products, the feed."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, QueryDict
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.images import get_image_model

from .models import NewsArticlePage, NewsCategory, NewsIndexPage

NEWS_PAGE_SIZE = 12
CARD_RENDITION = "fill-640x360"


@dataclass(frozen=True)
class NewsFilter:
    """What a reader narrowed the news to: a category, a tag, both or neither."""

    category: NewsCategory | None = None
    tag: Tag | None = None


def news_filter_from_query(*, query: QueryDict) -> NewsFilter:
    """Read ?category=<slug>&tag=<slug>; an unknown category or tag is a page that does not exist (404)."""
    category = tag = None
    if category_slug := query.get("category"):
        category = NewsCategory.objects.filter(slug=category_slug).first()
        if category is None:
            raise Http404(_("Không có chuyên mục này."))
    if tag_slug := query.get("tag"):
        tag = Tag.objects.filter(slug=tag_slug).first()
        if tag is None:
            raise Http404(_("Không có từ khóa này."))
    return NewsFilter(category=category, tag=tag)


def news_articles(*, index: NewsIndexPage, news_filter: NewsFilter | None = None) -> QuerySet[NewsArticlePage]:
    """The index's published, public articles, newest first, with what a news card renders."""
    Image = get_image_model()
    qs = (
        NewsArticlePage.objects.child_of(index).live().public()
        .prefetch_related(
            Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(CARD_RENDITION)),
            "categories",
        )
    )
    if news_filter is not None and news_filter.category is not None:
        qs = qs.filter(categories=news_filter.category)
    if news_filter is not None and news_filter.tag is not None:
        qs = qs.filter(tags=news_filter.tag)
    return qs.order_by("-date", "-first_published_at", "-pk")


def news_article_page(*, index: NewsIndexPage, news_filter: NewsFilter, number) -> Page:
    """One page of 12 articles; a page number that is not a page is a 404, as in the shop."""
    paginator = Paginator(news_articles(index=index, news_filter=news_filter), NEWS_PAGE_SIZE)
    try:
        return paginator.page(number)
    except InvalidPage:
        raise Http404(_("Trang không tồn tại.")) from None


def news_related_articles(
    *, article: NewsArticlePage, index: NewsIndexPage, limit: int = 3,
) -> list[NewsArticlePage]:
    """The newest other published articles of the index sharing a category with this one."""
    category_ids = [category.pk for category in article.categories.all()]
    if not category_ids:
        return []
    qs = (
        news_articles(index=index)
        .filter(categories__in=category_ids)
        .exclude(pk=article.pk)
        .distinct()
    )
    return list(qs[:limit])


def news_related_products(*, article: NewsArticlePage) -> list:
    """The products the editor listed under the article that are still public, in the editor's order."""
    from catalog.selectors import product_card_queryset

    product_ids = [link.product_id for link in article.related_products.all()]
    products = product_card_queryset().in_bulk(product_ids)
    return [products[pk] for pk in product_ids if pk in products]


def news_latest(*, index: NewsIndexPage, limit: int) -> list[NewsArticlePage]:
    """The newest published articles (the feed, and later the home page)."""
    return list(news_articles(index=index)[:limit])
