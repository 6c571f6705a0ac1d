"""Reads of the postal channel's sync dashboard: the channel's configuration, the counts, the 30-day chart."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from marketplace.channels import sync
from marketplace.channels.push import push_enabled

RETRY_PERMISSION = "outbox.retry_outboxmessage"
CHART_DAYS = 30
# The chart's drawing box (SVG user units); it scales to the width of the page.
CHART_DAY_WIDTH = 20
CHART_BAR_WIDTH = 8
CHART_PLOT_HEIGHT = 120
CHART_TOP = 10


def postal_channel_host() -> str:
    """The host (and port) of POSTAL_CHANNEL_URL, or "" when push is off: never a path, user, password or token."""
    if not push_enabled():
        return ""
    parts = urlsplit(settings.POSTAL_CHANNEL_URL)
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{host}:{port}" if host and port else host


def postal_sync_may_retry(*, user) -> bool:
    """Whether ``user`` may put failed listings back in the queue (sees the retry buttons)."""
    return user.is_active and user.is_staff and user.has_perm(RETRY_PERMISSION)


@dataclass(frozen=True)
class StateCount:
    state: str
    label: str
    count: int


def postal_sync_counts() -> list[StateCount]:
    """The number of listings in each state, in the order the dashboard shows them (those needing eyes first)."""
    counts = sync.sync_counts()
    return [StateCount(state, str(sync.STATE_LABELS[state]), counts[state]) for state in sync.STATES]


@dataclass(frozen=True)
class ChartBar:
    x: int
    y: int
    height: int


@dataclass(frozen=True)
class ChartDay:
    day: datetime.date
    delivered: int
    failed: int
    delivered_bar: ChartBar
    failed_bar: ChartBar


@dataclass(frozen=True)
class SyncChart:
    days: list[ChartDay]
    peak: int
    width: int
    height: int
    baseline: int

    @property
    def delivered_total(self) -> int:
        return sum(day.delivered for day in self.days)

    @property
    def failed_total(self) -> int:
        return sum(day.failed for day in self.days)


def _bar(*, x: int, value: int, peak: int) -> ChartBar:
    # A day with changes gets at least a 2-unit bar, so that one change among thousands is still visible.
    height = 0 if not value else max(2, round(value * CHART_PLOT_HEIGHT / peak))
    return ChartBar(x=x, y=CHART_TOP + CHART_PLOT_HEIGHT - height, height=height)


def postal_sync_chart(*, today: datetime.date | None = None, days: int = CHART_DAYS) -> SyncChart:
    """Changes delivered and failed on each of the last ``days`` days, with the bars' geometry for an inline SVG."""
    per_day = sync.sync_per_day(days=days, today=today or timezone.localdate())
    peak = max([1] + [max(d.delivered, d.failed) for d in per_day])
    chart_days = []
    for index, day in enumerate(per_day):
        left = index * CHART_DAY_WIDTH + 2
        chart_days.append(ChartDay(
            day=day.day, delivered=day.delivered, failed=day.failed,
            delivered_bar=_bar(x=left, value=day.delivered, peak=peak),
            failed_bar=_bar(x=left + CHART_BAR_WIDTH, value=day.failed, peak=peak),
        ))
    return SyncChart(
        days=chart_days, peak=peak, width=days * CHART_DAY_WIDTH,
        height=CHART_TOP + CHART_PLOT_HEIGHT + 20, baseline=CHART_TOP + CHART_PLOT_HEIGHT,
    )


@dataclass(frozen=True)
class PostalSyncOverview:
    configured: bool
    host: str
    counts: list[StateCount]
    last_delivery_at: datetime.datetime | None
    chart: SyncChart
    failed: list[sync.FailedListing]

    @property
    def failed_total(self) -> int:
        return next(count.count for count in self.counts if count.state == sync.FAILED)

    @property
    def failed_truncated(self) -> bool:
        return self.failed_total > len(self.failed)


def postal_sync_overview(*, today: datetime.date | None = None, failed_limit: int = 100) -> PostalSyncOverview:
    """Everything the sync dashboard shows, in a fixed number of queries."""
    return PostalSyncOverview(
        configured=push_enabled(),
        host=postal_channel_host(),
        counts=postal_sync_counts(),
        last_delivery_at=sync.last_delivery_at(),
        chart=postal_sync_chart(today=today),
        failed=sync.failed_listings(limit=failed_limit),
    )
