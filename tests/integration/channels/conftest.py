"""Fixtures of the postal channel's push tests: the channel's double running, the push configured to reach it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage

from catalog.renditions import rendition_name
from marketplace.channels.mapping import IMAGE_GEOMETRY
from marketplace.channels.push import TOPIC
from marketplace.outbox.services import DrainReport, outbox_drain_topic
from tests.factories import ProducerFactory, ProductFactory, ProductImageFactory

from .postal_double import PostalChannelDouble

SITE = "https://ocop.thanhhoa.test"


@dataclass
class Push:
    """The double playing the channel, and how a test makes the outbox deliver to it."""

    double: PostalChannelDouble

    def drain(self, *, time_budget: float = 10) -> DrainReport:
        """Deliver what is due now (the Celery drain, run here: on_commit never fires in a rolled-back test)."""
        return outbox_drain_topic(topic=TOPIC, time_budget=time_budget)


@pytest.fixture
def postal(settings):
    """The channel's double on loopback, with POSTAL_CHANNEL_URL/TOKEN pointing at it and no rate limit."""
    cache.clear()  # the Retry-After hold-back lives in the cache
    with PostalChannelDouble() as double:
        settings.POSTAL_CHANNEL_URL = double.url
        settings.POSTAL_CHANNEL_TOKEN = double.token
        settings.POSTAL_CHANNEL_REQUESTS_PER_SECOND = 0
        settings.SITE_BASE_URL = SITE
        yield Push(double)
    cache.clear()


def listed_product_make(**fields):
    """A product the channel lists: opted-in producer, 10 in stock at 125.000 ₫, one photo."""
    producer = fields.pop("producer", None) or ProducerFactory(postal_channel_opt_in=True)
    product = ProductFactory(producer=producer, **fields)
    ProductImageFactory(product=product)
    return product


def image_link(image) -> str:
    """The absolute URL the channel gets for a product photo (the shop's gallery rendition)."""
    return SITE + default_storage.url(rendition_name(image.original.name, IMAGE_GEOMETRY))
