"""Vietnam's working-day calendar without the database: the public holidays the ``holidays`` package knows,
and staff-entered days given to the calendar directly (tests/integration/test_working_days.py covers the
table, its cache and the deadlines of dossiers)."""

import datetime

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from marketplace.core.working_days import WorkingCalendar, is_usual_working_day, public_holiday_name

D = datetime.date

dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31))
staff_days = st.dictionaries(dates, st.booleans(), max_size=20)


@pytest.mark.parametrize(("day", "worked"), [
    # Tết 2027: lunar new year on Saturday 6 Feb; the eve and days 1–4 are off (Fri 5 – Tue 9 Feb), and
    # the two that fall on the weekend are given back on Thu 4 and Wed 10 Feb.
    (D(2027, 2, 3), True),
    (D(2027, 2, 4), False),
    (D(2027, 2, 5), False),
    (D(2027, 2, 8), False),
    (D(2027, 2, 9), False),
    (D(2027, 2, 10), False),
    (D(2027, 2, 11), True),
    # 30/4 and 1/5 2027: Friday and Saturday; the Saturday is given back on Monday 3 May.
    (D(2027, 4, 30), False),
    (D(2027, 5, 3), False),
    (D(2027, 5, 4), True),
    # 2/9 2027 is a Thursday: the law's second day is the Friday after it.
    (D(2027, 9, 1), True),
    (D(2027, 9, 2), False),
    (D(2027, 9, 3), False),
    # 2026's swap the package already knows: Mon 31 Aug off, Saturday 22 Aug worked in exchange.
    (D(2026, 8, 22), True),
    (D(2026, 8, 31), False),
    # Vietnam Culture Day, a paid holiday since 2026 (Tuesday 24 Nov 2026).
    (D(2026, 11, 24), False),
    (D(2025, 11, 24), True),
    # An ordinary Saturday and Sunday.
    (D(2026, 11, 28), False),
    (D(2026, 11, 29), False),
])
def test_the_public_calendar_knows_vietnams_holidays_and_swaps(day, worked):
    assert is_usual_working_day(day) is worked
    assert WorkingCalendar().is_working_day(day) is worked


def test_holiday_names_follow_the_active_language():
    assert public_holiday_name(D(2027, 2, 6)) == "Tết Nguyên Đán"
    with translation.override("en"):
        assert public_holiday_name(D(2027, 2, 6)) == "Lunar New Year"
    assert public_holiday_name(D(2027, 2, 11)) is None


def test_staff_days_override_the_public_calendar():
    # given Monday 23 Nov 2026 declared off, Saturday 28 Nov worked, and Thu 4 Feb 2027 (the package's
    # estimate of Tết) worked
    calendar = WorkingCalendar({D(2026, 11, 23): False, D(2026, 11, 28): True, D(2027, 2, 4): True})

    # then each counts as declared, and the days around them are unchanged
    assert [calendar.is_working_day(D(2026, 11, day)) for day in range(22, 30)] == [
        False, False, False, True, True, True, True, False,
    ]
    assert calendar.is_working_day(D(2027, 2, 4)) is True
    assert calendar.is_working_day(D(2027, 2, 5)) is False


def test_adding_a_negative_number_of_days_is_refused():
    with pytest.raises(ValueError, match="days must not be negative"):
        WorkingCalendar().add(D(2026, 11, 28), -1)


@given(start=dates, days=st.integers(min_value=0, max_value=400), staff=staff_days)
def test_between_undoes_add(start, days, staff):
    calendar = WorkingCalendar(staff)
    end = calendar.add(start, days)

    assert calendar.between(start, end) == days
    assert calendar.between(end, start) == -days
    assert days == 0 or calendar.is_working_day(end)


@given(start=dates, length=st.integers(min_value=-800, max_value=800), staff=staff_days)
def test_between_counts_the_working_days_after_the_start_up_to_the_end(start, length, staff):
    calendar = WorkingCalendar(staff)
    end = start + datetime.timedelta(days=length)
    low, high = min(start, end), max(start, end)
    counted = sum(calendar.is_working_day(low + datetime.timedelta(days=n)) for n in range(1, (high - low).days + 1))

    assert calendar.between(start, end) == (counted if end >= start else -counted)
