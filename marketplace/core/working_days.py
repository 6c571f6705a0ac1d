"""Vietnam's working days: Monday to Friday, less public holidays and the government's extra days off,
plus the days it declares worked in exchange (a Saturday worked so that a bridging day can be taken).

Public holidays (Labour Code 2019 Art. 112: New Year, the Tết break, Hùng Kings, 30/4, 1/5, 2/9 and the
day next to it, Vietnam Culture Day 24/11 since 2026) and the days off given back when one falls on a
weekend come from the ``holidays`` package, which also knows the swaps the government announced up to
its release. Swaps announced later are rows of ``CalendarDay`` that staff add in the admin: a row
overrides the package for its date.

The rows are cached in Django's cache under a key whose version ``CalendarDay``'s save() and delete()
replace, and kept in the process under that version: a page calling these functions once per row
costs at most one query, and only after the version changed or the cache was flushed. Production's
cache must be shared by the processes (Redis) for an edit to be seen by all of them at once.
"""

from __future__ import annotations

import datetime
import functools
import types
import uuid
from collections.abc import Mapping

import holidays
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

VERSION_KEY = "core:calendar-days:version"
DAYS_KEY = "core:calendar-days:{version}"
# Staff edits bump the version at once; a day is only a bound for edits that bypass the ORM (raw SQL).
CACHE_SECONDS = 24 * 60 * 60
SATURDAY = 5

_DAY = datetime.timedelta(days=1)


def _is_weekday(day: datetime.date) -> bool:
    return day.weekday() < SATURDAY


@functools.lru_cache(maxsize=256)
def _public_exceptions(year: int) -> Mapping[datetime.date, bool]:
    """Days of ``year`` whose status differs from Monday–Friday by law: True if worked, False if off."""
    # A swap may reach into the next or the previous year (a Saturday of December 2014 worked for 2 January
    # 2015): the package records it with the year that takes the day off, so populate both neighbours.
    country = holidays.country_holidays("VN", years=range(year - 1, year + 2))
    exceptions = {day: False for day in country if day.year == year and _is_weekday(day)}
    exceptions.update({day: True for day in country.weekend_workdays if day.year == year and not _is_weekday(day)})
    return types.MappingProxyType(exceptions)


@functools.lru_cache(maxsize=64)
def _public_holiday_names(year: int, language: str) -> Mapping[datetime.date, str]:
    return types.MappingProxyType(dict(holidays.country_holidays("VN", years=year, language=language)))


def public_holiday_name(day: datetime.date) -> str | None:
    """Return the name of the public holiday on ``day`` in the active language, or None."""
    language = "vi" if (get_language() or "vi").startswith("vi") else "en_US"
    return _public_holiday_names(day.year, language).get(day)


def is_usual_working_day(day: datetime.date) -> bool:
    """Whether ``day`` is worked by law and the package's known swaps, before any staff-entered day."""
    return _public_exceptions(day.year).get(day, _is_weekday(day))


class WorkingCalendar:
    """Vietnam's working days with ``staff_days`` (date → True if worked) overriding the public calendar."""

    def __init__(self, staff_days: Mapping[datetime.date, bool] | None = None):
        self._staff_days = dict(staff_days or {})
        self._years: dict[int, Mapping[datetime.date, bool]] = {}

    def _exceptions(self, year: int) -> Mapping[datetime.date, bool]:
        exceptions = self._years.get(year)
        if exceptions is None:
            exceptions = dict(_public_exceptions(year))
            for day, worked in self._staff_days.items():
                if day.year != year:
                    continue
                if worked == _is_weekday(day):
                    exceptions.pop(day, None)
                else:
                    exceptions[day] = worked
            self._years[year] = exceptions
        return exceptions

    def is_working_day(self, day: datetime.date) -> bool:
        return self._exceptions(day.year).get(day, _is_weekday(day))

    def add(self, start: datetime.date, days: int) -> datetime.date:
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        remaining = days
        while remaining > 0:
            current += _DAY
            if self.is_working_day(current):
                remaining -= 1
        return current

    def between(self, start: datetime.date, end: datetime.date) -> int:
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        full_weeks, rest = divmod((end - start).days, 7)
        count = full_weeks * 5 + sum(_is_weekday(start + offset * _DAY) for offset in range(1, rest + 1))
        for year in range(start.year, end.year + 1):
            for day, worked in self._exceptions(year).items():
                if start < day <= end:
                    count += 1 if worked else -1
        return sign * count


def _staff_days_from_database() -> dict[datetime.date, bool]:
    from marketplace.core.models import CalendarDay

    return {
        day: kind == CalendarDay.Kind.WORKING_DAY
        for day, kind in CalendarDay.objects.values_list("date", "kind")
    }


_process_calendar: tuple[str | None, WorkingCalendar] = (None, WorkingCalendar())


def working_calendar() -> WorkingCalendar:
    """Return the calendar with the staff-entered days: one cache read, a query only when they changed."""
    global _process_calendar
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, CACHE_SECONDS)
        version = cache.get(VERSION_KEY)
    held_version, calendar = _process_calendar
    if version is not None and version == held_version:
        return calendar
    staff_days = cache.get(DAYS_KEY.format(version=version)) if version is not None else None
    if staff_days is None:
        staff_days = _staff_days_from_database()
        if version is not None:
            cache.set(DAYS_KEY.format(version=version), staff_days, CACHE_SECONDS)
    calendar = WorkingCalendar(staff_days)
    _process_calendar = (version, calendar)
    return calendar


def calendar_days_changed() -> None:
    """Make every process reload the staff-entered days: now, and again once the transaction commits.

    Now, so that the rest of this transaction sees the change; after the commit, because another process
    may have loaded the table between the two, before the change was visible to it.
    """
    _new_version()
    transaction.on_commit(_new_version)


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, CACHE_SECONDS)


def is_working_day(day: datetime.date) -> bool:
    """Whether ``day`` is a working day in Vietnam (public holidays and staff-entered days applied)."""
    return working_calendar().is_working_day(day)


def working_days_add(start: datetime.date, days: int) -> datetime.date:
    """Return the date ``days`` working days after ``start``; ``start`` itself is not counted.

    ``days`` must not be negative; 0 returns ``start`` even if it is not a working day.
    """
    return working_calendar().add(start, days)


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end``; negative when ``end`` is before ``start``.

    Same calendar as working_days_add, so ``working_days_between(d, working_days_add(d, n)) == n``:
    a deadline day itself counts.
    """
    return working_calendar().between(start, end)

