"""Reads of the producer's sales: only the lines of the producer's own fulfilment groups, aggregated in SQL.

What counts as a sale: a line of one of the producer's fulfilment groups that is neither cancelled nor
returned (a returned parcel came back: no goods sold, no money kept), dated by when its order was placed,
on Vietnam's calendar (Asia/Ho_Chi_Minh). Revenue is the lines' totals including tax, never shipping.
Lines placed before orders were split by producer (no fulfilment group) are not counted.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Count, F, Max, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from oscar.core.loading import get_model

from catalog.models import Product
from marketplace.core.money import to_dong
from marketplace.producers.models import Producer
from marketplace.shop.order import statuses
from ocop_rating.models import Dossier

Line = get_model("order", "Line")
StockRecord = get_model("partner", "StockRecord")

LOCAL_TIME = ZoneInfo("Asia/Ho_Chi_Minh")
UNCOUNTED_STATUSES = (statuses.CANCELLED, statuses.RETURNED)
LOW_STOCK_THRESHOLD = 5
STATEMENT_MONTHS = 12


@dataclass(frozen=True)
class Period:
    """Local calendar days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as [from, until) instants: midnight in Vietnam on ``start`` and on the day after ``end``."""
        since = datetime.datetime.combine(self.start, datetime.time.min, tzinfo=LOCAL_TIME)
        until = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tzinfo=LOCAL_TIME)
        return since, until


@dataclass(frozen=True)
class SalesFigures:
    orders: int
    units: int
    revenue: int  # whole đồng


@dataclass(frozen=True)
class WeekSales(SalesFigures):
    week_start: datetime.date  # the Monday of the ISO week

    @property
    def week_end(self) -> datetime.date:
        return self.week_start + datetime.timedelta(days=6)

    @property
    def iso_week(self) -> int:
        return self.week_start.isocalendar().week

    @property
    def iso_year(self) -> int:
        return self.week_start.isocalendar().year


@dataclass(frozen=True)
class ProductSales(SalesFigures):
    product_id: int | None
    title: str


@dataclass(frozen=True)
class MonthSales:
    month: datetime.date  # the first day of the month
    units: int
    revenue: int  # whole đồng


def week_monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def default_period(*, today: datetime.date, weeks: int = 12) -> Period:
    """The last ``weeks`` ISO weeks, this one included (from a Monday to today)."""
    return Period(start=week_monday(today) - datetime.timedelta(weeks=weeks - 1), end=today)


def producer_sold_lines(*, producer: Producer, period: Period) -> QuerySet:
    """The producer's counted lines (see the module) of orders placed in ``period``."""
    since, until = period.bounds()
    return (
        Line.objects.filter(fulfilment_group__partner_id=producer.partner_id,
                            order__date_placed__gte=since, order__date_placed__lt=until)
        .exclude(fulfilment_group__status__in=UNCOUNTED_STATUSES)
    )


def _figures() -> dict:
    return {"orders": Count("order_id", distinct=True), "units": Coalesce(Sum("quantity"), 0),
            "revenue": Coalesce(Sum("line_price_incl_tax"), Decimal(0))}


def _local_date(value) -> datetime.date:
    """A truncated date from the database as a local date (databases answer a date or an aware datetime)."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(LOCAL_TIME).date() if value.tzinfo else value.date()
    return value


def producer_sales_totals(*, producer: Producer, period: Period) -> SalesFigures:
    """Orders, units and revenue of the period (one query)."""
    row = producer_sold_lines(producer=producer, period=period).aggregate(**_figures())
    return SalesFigures(orders=row["orders"], units=row["units"], revenue=to_dong(row["revenue"]))


def producer_sales_by_week(*, producer: Producer, period: Period) -> list[WeekSales]:
    """One row per ISO week of the period, oldest first, weeks without sales included (one query)."""
    rows = (
        producer_sold_lines(producer=producer, period=period)
        .annotate(week=TruncWeek("order__date_placed", tzinfo=LOCAL_TIME))
        .values("week").annotate(**_figures()).order_by("week")
    )
    found = {_local_date(row["week"]): row for row in rows}
    weeks, monday = [], week_monday(period.start)
    while monday <= period.end:
        row = found.get(monday, {"orders": 0, "units": 0, "revenue": 0})
        weeks.append(WeekSales(week_start=monday, orders=row["orders"], units=row["units"],
                               revenue=to_dong(row["revenue"])))
        monday += datetime.timedelta(weeks=1)
    return weeks


def producer_sales_by_product(*, producer: Producer, period: Period) -> list[ProductSales]:
    """One row per product sold in the period, highest revenue first (one query).

    The title is the product's current one; a deleted product keeps the title the customer saw.
    """
    rows = (
        producer_sold_lines(producer=producer, period=period)
        .values("product_id")
        .annotate(current_title=Max("product__title"), line_title=Max("title"), **_figures())
        .order_by("-revenue", "-units", "product_id")
    )
    return [
        ProductSales(product_id=row["product_id"], title=row["current_title"] or row["line_title"],
                     orders=row["orders"], units=row["units"], revenue=to_dong(row["revenue"]))
        for row in rows
    ]


CSV_FIELDS = ("order__date_placed", "order__number", "title", "quantity", "unit_price_incl_tax",
              "line_price_incl_tax", "fulfilment_group__status")


def producer_sale_rows(*, producer: Producer, period: Period) -> QuerySet:
    """The period's counted lines as tuples of CSV_FIELDS, oldest first (no customer field at all)."""
    return (
        producer_sold_lines(producer=producer, period=period)
        .order_by("order__date_placed", "order_id", "pk").values_list(*CSV_FIELDS)
    )


def producer_low_stock(*, producer: Producer, threshold: int = LOW_STOCK_THRESHOLD) -> QuerySet:
    """The producer's stock records of tracked products with at most ``threshold`` available, fewest first.

    Available = in stock − held for orders not shipped yet; ``available`` is annotated.
    """
    return (
        StockRecord.objects.filter(partner_id=producer.partner_id, product__producer=producer,
                                   product__product_class__track_stock=True, num_in_stock__isnull=False)
        .annotate(available=F("num_in_stock") - Coalesce(F("num_allocated"), 0))
        .filter(available__lte=threshold)
        .select_related("product")
        .order_by("available", "product__title", "pk")
    )


def statement_period(*, today: datetime.date, months: int = STATEMENT_MONTHS) -> Period:
    """The last ``months`` calendar months, this one included (to today)."""
    year, month = today.year, today.month - (months - 1)
    while month < 1:
        month, year = month + 12, year - 1
    return Period(start=datetime.date(year, month, 1), end=today)


def product_sales_by_month(*, producer: Producer, product: Product, period: Period) -> list[MonthSales]:
    """The product's units and revenue by calendar month of the period, months without sales included (one query)."""
    rows = (
        producer_sold_lines(producer=producer, period=period).filter(product=product)
        .annotate(month=TruncMonth("order__date_placed", tzinfo=LOCAL_TIME))
        .values("month").annotate(**_figures()).order_by("month")
    )
    found = {_local_date(row["month"]): row for row in rows}
    months, month = [], period.start.replace(day=1)
    while month <= period.end:
        row = found.get(month, {"units": 0, "revenue": 0})
        months.append(MonthSales(month=month, units=row["units"], revenue=to_dong(row["revenue"])))
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def producer_dossier_or_none(*, producer: Producer, dossier_id: int) -> Dossier | None:
    """A dossier of one of the producer's own products (any status), or None."""
    return (Dossier.objects.select_related("product", "producer__partner", "product_set")
            .filter(pk=dossier_id, producer=producer, product__producer=producer).first())


def producer_editable_dossiers(*, producer: Producer) -> list[Dossier]:
    """The producer's dossiers still being prepared (a statement may be attached to them), newest first."""
    return list(
        Dossier.objects.filter(producer=producer, product__producer=producer, status__in=Dossier.EDITABLE_STATUSES)
        .select_related("product").order_by("-created_at", "-pk")
    )


def dossier_marketplace_statement(*, dossier: Dossier):
    """The statement the marketplace attached to ``dossier`` last, or None."""
    return dossier.evidence.filter(generated_by_marketplace=True).order_by("-pk").first()
