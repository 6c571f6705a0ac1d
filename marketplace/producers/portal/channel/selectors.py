"""Reads of the producer's postal channel page."""

from __future__ import annotations

from marketplace.channels.selectors import listed_products
from marketplace.producers.models import Producer


def producer_listed_count(*, producer: Producer) -> int:
    """How many of the producer's products the postal channel's feeds list now (0 when not opted in)."""
    return listed_products().filter(producer=producer).order_by().values("pk").count()
