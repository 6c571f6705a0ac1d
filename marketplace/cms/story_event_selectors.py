"""Reads of the producer stories and the events (kept apart from the news's selectors)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import F, Prefetch, QuerySet
from django.utils import translation
from wagtail.images import get_image_model

from .models import EventIndexPage, EventPage, ProducerStoryIndexPage, ProducerStoryPage

CARD_RENDITION = "fill-640x360"


def _with_card_image(qs: QuerySet) -> QuerySet:
    Image = get_image_model()
    return qs.prefetch_related(Prefetch("hero_image", queryset=Image.objects.prefetch_renditions(CARD_RENDITION)))


def producer_stories(*, index: ProducerStoryIndexPage) -> list[ProducerStoryPage]:
    """The index's published, public stories, newest first, with their producer."""
    qs = ProducerStoryPage.objects.child_of(index).live().public().select_related("producer")
    return list(_with_card_image(qs).order_by("-first_published_at", "-pk"))


def producer_stories_of(*, producer_id: int) -> list[ProducerStoryPage]:
    """The published, public stories told about one producer (shown on the producer's shop page), newest first.

    One version of each story: the one in the reader's language where it is translated, else the original.
    """
    qs = ProducerStoryPage.objects.live().public().filter(producer_id=producer_id).select_related("locale")
    stories = list(_with_card_image(qs).order_by("-first_published_at", "-pk"))
    language = translation.get_language()
    shown: dict = {}
    for story in stories:
        if story.translation_key not in shown or story.locale.language_code == language:
            shown[story.translation_key] = story
    # In the originals' order (a translation is published after its original, so it would sort first).
    keys = [story.translation_key for story in stories if story.locale.language_code == settings.LANGUAGE_CODE]
    keys += [key for key in dict.fromkeys(story.translation_key for story in stories) if key not in keys]
    return [shown[key] for key in keys]


def producer_story_products(*, story: ProducerStoryPage) -> list:
    """The story's producer's public products as the shop's cards (today's price and star), best star first."""
    from catalog.selectors import product_card_queryset

    return list(
        product_card_queryset().filter(producer_id=story.producer_id)
        .order_by(F("ocop_stars").desc(nulls_last=True), "title", "pk")
    )


def events_split(*, index: EventIndexPage, today: datetime.date) -> tuple[list[EventPage], list[EventPage]]:
    """The index's published events: those not over by ``today`` (soonest first), then those over (latest first).

    An event is upcoming until its last day has passed: a fair running today is still upcoming.
    """
    qs = _with_card_image(EventPage.objects.child_of(index).live().public())
    upcoming = qs.filter(end_date__gte=today).order_by("start_date", "end_date", "pk")
    past = qs.filter(end_date__lt=today).order_by("-start_date", "-end_date", "-pk")
    return list(upcoming), list(past)
