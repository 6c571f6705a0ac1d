"""The RSS 2.0 feed of the latest published news (/tin-tuc/rss/), served by the news index page."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from .selectors import news_latest

FEED_SIZE = 20


class NewsFeed(Feed):
    """One feed per index page; links are absolute on the host the reader asked."""

    feed_type = Rss201rev2Feed

    def __init__(self, *, index):
        super().__init__()
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _absolute(self, page) -> str:
        return self.request.build_absolute_uri(page.get_url(self.request))

    def title(self):
        return self.index.title

    def link(self):
        return self._absolute(self.index)

    def description(self):
        return self.index.intro or _("Tin tức về chương trình OCOP và sản phẩm OCOP Thanh Hóa.")

    def feed_url(self):
        return self.request.build_absolute_uri()

    def items(self):
        return news_latest(index=self.index, limit=FEED_SIZE)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.search_description

    def item_link(self, item):
        return self._absolute(item)

    def item_guid(self, item):
        return self._absolute(item)

    def item_pubdate(self, item):
        published = item.first_published_at
        if published is not None and timezone.localdate(published) == item.date:
            return published
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(7, 0)))

    def item_author_name(self, item):
        return item.author_name or None

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]
