"""Vietnam's working days with the staff-entered days (core.CalendarDay): deadlines across Tết, 30/4–1/5
and 2/9, extra days off and make-up working days, their cache, validation and admin.

Public holidays as the ``holidays`` package computes them (the Tết break of 2027 is its estimate, from the
Labour Code's rule: the eve and the first four days, those on a weekend given back on Thu 4 and Wed 10 Feb).
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marketplace.core import working_days
from marketplace.core.models import CalendarDay
from marketplace.core.working_days import (
    DAYS_KEY,
    VERSION_KEY,
    WorkingCalendar,
    is_working_day,
    working_days_add,
    working_days_between,
)
from ocop_rating.dossiers.services import COMMUNE_WORKING_DAYS, dossier_submit
from tests.rating import dossier_draft

pytestmark = pytest.mark.django_db

D = datetime.date
VN = ZoneInfo("Asia/Ho_Chi_Minh")
DAY_OFF = CalendarDay.Kind.DAY_OFF
WORKING_DAY = CalendarDay.Kind.WORKING_DAY
ADMIN = "/django-admin/core/calendarday/"


def _day(date: datetime.date, kind: str, name: str = "Theo thông báo của Bộ Nội vụ") -> CalendarDay:
    day = CalendarDay(date=date, kind=kind, name=name)
    day.full_clean()
    day.save()
    return day


# --- deadlines across holidays ------------------------------------------------------------------------


def test_a_dossier_submitted_the_friday_before_tet_2027_is_due_after_the_break(people, rating_product):
    # given a dossier submitted on Friday 29 Jan 2027, a week before Tết (lunar new year: Sat 6 Feb)
    with time_machine.travel(datetime.datetime(2027, 1, 29, 9, 0, tzinfo=VN), tick=False):
        dossier = dossier_submit(dossier=dossier_draft(rating_product, people), actor=people.producer)

    # then the commune's 15 working days are Mon 1 – Wed 3 Feb (3), nothing from Thu 4 to Wed 10 Feb (the
    # Tết break), Thu 11 – Fri 12 (5), 15–19 Feb (10), 22–26 Feb (15): Friday 26 Feb, a week later than
    # Monday-to-Friday counting (Fri 19 Feb) would say
    assert COMMUNE_WORKING_DAYS == 15
    assert dossier.commune_deadline == D(2027, 2, 26)
    assert working_days_between(D(2027, 1, 29), D(2027, 2, 26)) == 15
    assert working_days_between(D(2027, 2, 3), D(2027, 2, 11)) == 1


@pytest.mark.parametrize(("submitted", "deadline"), [
    # On Tết's eve (Fri 5 Feb 2027): counting starts Thu 11 Feb: 11–12 (2), 15–19 (7), 22–26 (12),
    # Mon 1 – Wed 3 Mar (15).
    (D(2027, 2, 5), D(2027, 3, 3)),
    # Fri 23 Apr 2027: Mon 26 – Thu 29 Apr (4); Fri 30 Apr off, Sat 1 May given back on Mon 3 May;
    # Tue 4 – Fri 7 May (8), 10–14 May (13), Mon 17 – Tue 18 May (15).
    (D(2027, 4, 23), D(2027, 5, 18)),
    # Fri 27 Aug 2027: Mon 30 Aug – Wed 1 Sep (3); Thu 2 Sep and the Friday after it off; 6–10 Sep (8),
    # 13–17 Sep (13), Mon 20 – Tue 21 Sep (15).
    (D(2027, 8, 27), D(2027, 9, 21)),
    # Fri 21 Aug 2026: Saturday 22 Aug is worked in exchange for Mon 31 Aug (1), 24–28 Aug (6); Mon 31 Aug,
    # Tue 1 and Wed 2 Sep off; Thu 3 – Fri 4 Sep (8), 7–11 Sep (13), Mon 14 – Tue 15 Sep (15).
    (D(2026, 8, 21), D(2026, 9, 15)),
    # Fri 20 Nov 2026: Mon 23 (1); Tue 24 Nov is Vietnam Culture Day; Wed 25 – Fri 27 (4), 30 Nov – 4 Dec (9),
    # 7–11 Dec (14), Mon 14 Dec (15).
    (D(2026, 11, 20), D(2026, 12, 14)),
])
def test_the_commune_deadline_skips_public_holidays(submitted, deadline):
    assert working_days_add(submitted, COMMUNE_WORKING_DAYS) == deadline
    assert working_days_between(submitted, deadline) == COMMUNE_WORKING_DAYS


# --- staff-entered days -------------------------------------------------------------------------------


def test_a_staff_added_extra_day_off_moves_the_deadline():
    # given a dossier due on Mon 14 Dec 2026 (submitted Fri 20 Nov, see above)
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)

    # when the government gives Monday 23 Nov off, bridging to Culture Day (Tue 24)
    _day(D(2026, 11, 23), DAY_OFF, "Nghỉ nối Ngày Văn hóa Việt Nam")

    # then that day no longer counts: the deadline is Tue 15 Dec, one working day less is left on the 28th
    assert is_working_day(D(2026, 11, 23)) is False
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)
    assert working_days_between(D(2026, 11, 20), D(2026, 12, 14)) == 14


def test_a_make_up_saturday_counts():
    # given Monday 23 Nov 2026 off in exchange for Saturday 28 Nov worked
    _day(D(2026, 11, 23), DAY_OFF, "Nghỉ nối Ngày Văn hóa Việt Nam")
    _day(D(2026, 11, 28), WORKING_DAY, "Làm bù cho thứ Hai 23/11")

    # then Saturday counts and the deadline is back on Mon 14 Dec
    assert is_working_day(D(2026, 11, 28)) is True
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)
    assert working_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 2  # Sat 28 and Mon 30


def test_a_holiday_the_government_keeps_as_a_working_day_counts():
    # given the government keeping Thu 4 Feb 2027 worked (the package gives it back for Tết's Saturday)
    _day(D(2027, 2, 4), WORKING_DAY, "Làm việc: nghỉ bù Tết chuyển sang ngày khác")

    # then the dossier submitted the Friday before Tết is due a day earlier, Thu 25 Feb
    assert working_days_add(D(2027, 1, 29), 15) == D(2027, 2, 25)


# --- the cache ----------------------------------------------------------------------------------------


def test_the_staff_days_cost_one_query_then_none(django_assert_num_queries):
    # given a day off entered earlier and the cache flushed (a deploy)
    _day(D(2026, 11, 23), DAY_OFF)
    cache.clear()

    # when a page computes a hundred rows' working days, the table is read once
    with django_assert_num_queries(1):
        lefts = [working_days_between(D(2026, 11, 20), D(2026, 12, 1) + datetime.timedelta(days=n)) for n in range(100)]
    # and not at all on the next page
    with django_assert_num_queries(0):
        assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)

    # then Mon 23 Nov (off) and Tue 24 Nov (Culture Day) are skipped: 25–27 Nov, 30 Nov, 1 Dec
    assert lefts[:3] == [5, 6, 7]


def test_adding_changing_and_removing_a_day_is_seen_at_once(django_assert_num_queries):
    # given the calendar already read (cached)
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)

    # when a day off is added, then the next computation reads the table again (one query) and sees it
    day = _day(D(2026, 11, 23), DAY_OFF)
    with django_assert_num_queries(1):
        assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)

    # when it is moved to Wed 25 Nov by a bulk update, nothing changes for this deadline but the day is seen
    CalendarDay.objects.filter(pk=day.pk).update(date=D(2026, 11, 25))
    assert (is_working_day(D(2026, 11, 23)), is_working_day(D(2026, 11, 25))) == (True, False)

    # when it is removed (the model's delete), the deadline is back
    CalendarDay.objects.get(pk=day.pk).delete()
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)

    # and a bulk insert and the admin's "delete selected" (a queryset delete) are seen too
    CalendarDay.objects.bulk_create([CalendarDay(date=D(2026, 11, 23), kind=DAY_OFF, name="Nghỉ nối")])
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)
    CalendarDay.objects.all().delete()
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)


def test_a_process_that_read_the_table_before_the_commit_reads_it_again_after(
        monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        # given a day off saved but not committed yet
        _day(D(2026, 11, 23), DAY_OFF)
        # and another process reading the table meanwhile (without the uncommitted row) and caching it
        # under the version the save just set
        cache.set(DAYS_KEY.format(version=cache.get(VERSION_KEY)), {})
        monkeypatch.setattr(working_days, "_process_calendar", (None, WorkingCalendar()))
        assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)

    # when the transaction commits, then the version changes again and the day off is seen
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)


@pytest.fixture
def swapped_days(db):
    """Mon 23 Nov 2026 off in exchange for Sat 28 Nov worked; Thu 4 Feb 2027 worked."""
    _day(D(2026, 11, 23), DAY_OFF, "Nghỉ nối Ngày Văn hóa Việt Nam")
    _day(D(2026, 11, 28), WORKING_DAY, "Làm bù cho thứ Hai 23/11")
    _day(D(2027, 2, 4), WORKING_DAY, "Làm việc")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
@given(start=st.dates(min_value=D(2026, 1, 1), max_value=D(2027, 12, 31)), days=st.integers(0, 120))
def test_between_undoes_add_on_random_starts(swapped_days, start, days):
    end = working_days_add(start, days)

    assert working_days_between(start, end) == days
    assert days == 0 or is_working_day(end)


# --- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("date", "kind", "message"), [
    (D(2026, 11, 25), WORKING_DAY,
     "Ngày 25/11/2026 đã là ngày làm việc: ngày làm bù phải là thứ Bảy, Chủ nhật hoặc ngày nghỉ lễ."),
    (D(2026, 11, 28), DAY_OFF,
     "Ngày 28/11/2026 là thứ Bảy: ngày nghỉ thêm phải là một ngày làm việc (thứ Hai đến thứ Sáu)."),
    (D(2026, 11, 29), DAY_OFF,
     "Ngày 29/11/2026 là Chủ nhật: ngày nghỉ thêm phải là một ngày làm việc (thứ Hai đến thứ Sáu)."),
    (D(2027, 2, 8), DAY_OFF,
     "Ngày 08/02/2027 đã là ngày nghỉ lễ (Mùng ba Tết Nguyên Đán): không cần thêm ngày nghỉ."),
    # Saturday 22 Aug 2026 is already worked in exchange for Mon 31 Aug (the package knows this swap)
    (D(2026, 8, 22), WORKING_DAY,
     "Ngày 22/08/2026 đã là ngày làm việc: ngày làm bù phải là thứ Bảy, Chủ nhật hoặc ngày nghỉ lễ."),
])
def test_a_day_that_changes_nothing_is_refused(date, kind, message):
    with pytest.raises(ValidationError) as refused:
        _day(date, kind)

    assert refused.value.message_dict == {"date": [message]}
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize(("date", "kind"), [
    (D(2026, 11, 23), DAY_OFF),  # a Monday
    (D(2026, 11, 28), WORKING_DAY),  # a Saturday
    (D(2026, 11, 29), WORKING_DAY),  # a Sunday
    (D(2027, 2, 4), WORKING_DAY),  # a public holiday (Tết given back)
    (D(2026, 8, 22), DAY_OFF),  # a Saturday the package says is worked: the government may cancel the swap
])
def test_a_day_that_changes_the_calendar_is_accepted(date, kind):
    _day(date, kind)

    assert list(CalendarDay.objects.values_list("date", "kind")) == [(date, kind)]
    assert is_working_day(date) is (kind == WORKING_DAY)


def test_a_date_can_be_entered_once():
    _day(D(2026, 11, 23), DAY_OFF)

    with pytest.raises(ValidationError) as refused:
        _day(D(2026, 11, 23), DAY_OFF, "Lần hai")

    assert refused.value.message_dict == {"date": ["Ngày này đã có trong lịch."]}
    assert CalendarDay.objects.count() == 1


@pytest.mark.parametrize("fields", [
    {"kind": "holiday", "name": "Nghỉ"},
    {"kind": DAY_OFF, "name": ""},
])
def test_the_database_refuses_an_unknown_kind_or_a_blank_name(fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarDay.objects.create(date=D(2026, 11, 23), **fields)

    assert not CalendarDay.objects.exists()


# --- admin --------------------------------------------------------------------------------------------


def test_staff_add_a_day_in_the_admin_typing_day_month_year(admin_client):
    # when staff enter 23/11/2026 as an extra day off
    response = admin_client.post(f"{ADMIN}add/", {
        "date": "23/11/2026", "kind": DAY_OFF, "name": "Nghỉ nối Ngày Văn hóa Việt Nam",
    })

    # then it is saved for 23 November (not read as month/day) and counts at once
    assert response.status_code == 302
    assert list(CalendarDay.objects.values_list("date", "kind", "name")) == [
        (D(2026, 11, 23), DAY_OFF, "Nghỉ nối Ngày Văn hóa Việt Nam"),
    ]
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)
    listing = admin_client.get(ADMIN).content.decode()
    assert "thứ Hai" in listing and "Nghỉ nối Ngày Văn hóa Việt Nam" in listing


def test_the_admin_refuses_a_make_up_day_on_a_working_day(admin_client):
    response = admin_client.post(f"{ADMIN}add/", {"date": "25/11/2026", "kind": WORKING_DAY, "name": "Làm bù"})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "date": ["Ngày 25/11/2026 đã là ngày làm việc: ngày làm bù phải là thứ Bảy, Chủ nhật hoặc ngày nghỉ lễ."],
    }
    assert not CalendarDay.objects.exists()


def test_the_admins_delete_selected_is_seen_at_once(admin_client):
    day = _day(D(2026, 11, 23), DAY_OFF)
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 15)

    response = admin_client.post(ADMIN, {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"})

    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert working_days_add(D(2026, 11, 20), 15) == D(2026, 12, 14)
