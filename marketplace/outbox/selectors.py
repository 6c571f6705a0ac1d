"""Reads of the outbox for the staff dashboard: what waits, what is stuck, what went out each day."""

import datetime

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from .models import OutboxMessage


def outbox_counts_by_topic() -> dict[str, dict[str, int]]:
    """``{topic: {"pending": n, "delivered": n, "parked": n}}`` with every status present, topics sorted."""
    counts: dict[str, dict[str, int]] = {}
    rows = OutboxMessage.objects.order_by().values("topic", "status").annotate(n=Count("id"))
    for row in sorted(rows, key=lambda r: r["topic"]):
        per_status = counts.setdefault(row["topic"], dict.fromkeys(OutboxMessage.Status.values, 0))
        per_status[row["status"]] = row["n"]
    return counts


def outbox_delivered_per_day(*, topic: str | None = None, days: int = 30,
                             today: datetime.date | None = None) -> list[tuple[datetime.date, int]]:
    """Messages delivered on each of the last ``days`` days (local dates, oldest first, zero days included)."""
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    delivered = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.DELIVERED, delivered_at__gte=start, delivered_at__lt=end,
    )
    if topic is not None:
        delivered = delivered.filter(topic=topic)
    per_day = dict(
        delivered.annotate(day=TruncDate("delivered_at", tzinfo=tz)).order_by()
        .values("day").annotate(n=Count("id")).values_list("day", "n")
    )
    return [(first + datetime.timedelta(days=n), per_day.get(first + datetime.timedelta(days=n), 0))
            for n in range(days)]
