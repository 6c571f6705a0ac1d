"""The weekly sales chart's geometry, drawn by the template as inline SVG (no script: the CSP allows none).

Two panels share the weeks: revenue above, number of orders below, each scaled to its own highest week.
The viewBox is as wide as a 390 px phone's content; the SVG scales down with the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from marketplace.core.money import format_vnd

from .selectors import WeekSales

CHART_WIDTH = 360
PANEL_TOP_GAP = 18  # the panel's heading
PANEL_BARS = 90  # the tallest bar
PANEL_GAP = 10
AXIS_LABELS = 16
BAR_SHARE = 0.7  # of a week's slot, the rest is the gap between bars


def _n(value: float) -> str:
    """An SVG number: a dot as decimal separator whatever the language (templates would localise a float)."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class ChartBar:
    x: str
    y: str
    width: str
    height: str
    label: str  # what the bar's <title> says


@dataclass(frozen=True)
class ChartPanel:
    key: str
    heading: str
    heading_y: str
    baseline_y: str
    bars: list[ChartBar]


@dataclass(frozen=True)
class WeeklyChart:
    width: int
    height: int
    panels: list[ChartPanel]
    axis_y: str
    first_label: str
    last_label: str
    last_x: str


def week_label(week: WeekSales) -> str:
    return _("Tuần %(week)s/%(year)s") % {"week": week.iso_week, "year": week.iso_year}


def _panel(key: str, heading: str, top: float, weeks: list[WeekSales], values: list, describe) -> ChartPanel:
    slot = CHART_WIDTH / max(len(weeks), 1)
    highest = max(values, default=0) or 1
    baseline = top + PANEL_TOP_GAP + PANEL_BARS
    bars = []
    for index, (week, value) in enumerate(zip(weeks, values, strict=True)):
        height = PANEL_BARS * float(value) / float(highest)
        bars.append(ChartBar(
            x=_n(index * slot + slot * (1 - BAR_SHARE) / 2), y=_n(baseline - height), width=_n(slot * BAR_SHARE),
            height=_n(height), label=f"{week_label(week)}: {describe(value)}",
        ))
    return ChartPanel(key=key, heading=heading, heading_y=_n(top + 12), baseline_y=_n(baseline), bars=bars)


def weekly_chart(weeks: list[WeekSales]) -> WeeklyChart:
    """Bars of each week's revenue and orders (the page's table holds the same figures)."""
    revenue = [week.revenue for week in weeks]
    orders = [week.orders for week in weeks]
    panel_height = PANEL_TOP_GAP + PANEL_BARS + PANEL_GAP
    panels = [
        _panel("revenue", _("Doanh thu (cao nhất %(amount)s)") % {"amount": format_vnd(max(revenue, default=0))},
               0, weeks, revenue, format_vnd),
        _panel("orders", _("Số đơn hàng (cao nhất %(count)s)") % {"count": max(orders, default=0)},
               panel_height, weeks, orders, lambda count: _("%(count)s đơn") % {"count": count}),
    ]
    height = 2 * panel_height + AXIS_LABELS
    return WeeklyChart(
        width=CHART_WIDTH, height=height, panels=panels, axis_y=_n(height - 4),
        first_label=week_label(weeks[0]) if weeks else "", last_label=week_label(weeks[-1]) if weeks else "",
        last_x=_n(CHART_WIDTH),
    )
