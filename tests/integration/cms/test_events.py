"""Events (trade fairs) at /su-kien/: tree rules, upcoming before past on a frozen day, the event page, and the
map link refused unless https."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from wagtail.models import Page

from marketplace.cms.models import EventIndexPage, EventPage, HomePage, NewsIndexPage
from tests.factories import ProducerFactory

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
LAM_SON_MAP = "https://www.openstreetmap.org/search?query=Lam%20Son"


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index('<main id="main"'):html.index("</main>")]


@pytest.fixture
def event_index():
    return EventIndexPage.objects.get(url_path="/home/su-kien/")


@pytest.fixture
def event_make(event_index):
    def make(*, title, start, end, slug=None, publish=True, producers=(), **fields):
        event = EventPage(
            title=title, slug=slug or re.sub(r"\W+", "-", title.lower()).strip("-"), start_date=start, end_date=end,
            place=fields.pop("place", "Quảng trường Lam Sơn"), live=False, **fields,
        )
        event.producers = list(producers)
        event_index.add_child(instance=event)
        revision = event.save_revision()
        if publish:
            revision.publish()
        event.refresh_from_db()
        return event

    return make


def test_the_event_index_lives_at_su_kien_and_tree_rules(client, event_index):
    home = HomePage.objects.get()
    assert event_index.get_parent().specific == home
    assert (event_index.url, event_index.live, event_index.title) == ("/su-kien/", True, "Sự kiện")

    assert EventPage.can_exist_under(event_index) is True
    assert EventPage.can_exist_under(home) is False
    assert EventPage.can_exist_under(NewsIndexPage.objects.get()) is False
    assert EventIndexPage.can_exist_under(home) is True
    assert EventIndexPage.can_exist_under(Page.objects.get(depth=1)) is False
    assert EventIndexPage.can_create_at(home) is False  # max_count = 1, already there
    assert EventIndexPage.allowed_subpage_models() == [EventPage]
    assert EventPage.allowed_subpage_models() == []


@time_machine.travel(datetime.datetime(2026, 12, 1, 9, 0, tzinfo=HANOI), tick=False)
def test_the_index_lists_upcoming_events_soonest_first_then_past_ones_latest_first(client, event_make):
    d = datetime.date
    event_make(title="Hội chợ mùa thu", start=d(2026, 10, 8), end=d(2026, 10, 12))
    event_make(title="Phiên chợ Tết", start=d(2027, 1, 27), end=d(2027, 2, 2))
    event_make(title="Hội chợ đang diễn ra", start=d(2026, 11, 28), end=d(2026, 12, 1))  # its last day is today
    event_make(title="Triển lãm đầu năm", start=d(2026, 3, 2), end=d(2026, 3, 2))
    event_make(title="Hội chợ tuần sau", start=d(2026, 12, 8), end=d(2026, 12, 10))
    event_make(title="Sự kiện chưa duyệt", start=d(2026, 12, 5), end=d(2026, 12, 5), publish=False)

    main = _main(client.get("/su-kien/"))
    upcoming = main[main.index('id="events-upcoming-title"'):main.index('id="events-past-title"')]
    past = main[main.index('id="events-past-title"'):]

    titles = r'<h3 class="news-card__title"><a href="[^"]*">([^<]*)</a>'
    assert re.findall(titles, upcoming) == ["Hội chợ đang diễn ra", "Hội chợ tuần sau", "Phiên chợ Tết"]
    assert re.findall(titles, past) == ["Hội chợ mùa thu", "Triển lãm đầu năm"]
    assert "Sự kiện chưa duyệt" not in main


@time_machine.travel(datetime.datetime(2026, 12, 2, 9, 0, tzinfo=HANOI), tick=False)
def test_an_event_moves_to_the_past_the_day_after_it_ends(client, event_make):
    event_make(title="Hội chợ đang diễn ra", start=datetime.date(2026, 11, 28), end=datetime.date(2026, 12, 1))

    response = client.get("/su-kien/")

    assert (response.context["upcoming"], [e.title for e in response.context["past"]]) == (
        [], ["Hội chợ đang diễn ra"])
    assert "Chưa có sự kiện sắp tới." in _main(response)


def test_an_event_page_renders_dates_place_map_and_producers(client, event_make):
    nem = ProducerFactory(name="Hợp tác xã Nem chua Hạc Thành", slug="htx-nem-chua-hac-thanh")
    coi = ProducerFactory(name="Hợp tác xã Cói Nga Sơn", slug="htx-coi-nga-son")
    ProducerFactory(name="Chủ thể không tham gia")
    event_make(
        title="Phiên chợ OCOP Tết", slug="phien-cho-tet", start=datetime.date(2027, 1, 27),
        end=datetime.date(2027, 2, 2), address="Phường Hạc Thành, tỉnh Thanh Hóa", map_url=LAM_SON_MAP,
        summary="Quà Tết từ sản phẩm OCOP.", producers=[nem, coi],
    )

    response = client.get("/su-kien/phien-cho-tet/")
    main = _main(response)

    assert response.status_code == 200
    assert '<h1 class="news-article__title">Phiên chợ OCOP Tết</h1>' in main
    assert ('<time datetime="2027-01-27">27/01/2027</time> – <time datetime="2027-02-02">02/02/2027</time>'
            in main)
    assert 'Quảng trường Lam Sơn<br><span class="event-facts__address">Phường Hạc Thành, tỉnh Thanh Hóa</span>' in main
    assert f'<a class="event-facts__map" href="{LAM_SON_MAP.replace("&", "&amp;")}" rel="noopener noreferrer"' in main
    assert re.findall(r'<li><a href="([^"]*)">([^<]*)</a>', main[main.index("event-producers"):]) == [
        ("/shop/producers/htx-coi-nga-son/", "Hợp tác xã Cói Nga Sơn"),
        ("/shop/producers/htx-nem-chua-hac-thanh/", "Hợp tác xã Nem chua Hạc Thành"),
    ]
    assert "Chủ thể không tham gia" not in main


def _event_form(**overrides) -> dict:
    return {
        "title": "Hội chợ OCOP mùa xuân", "slug": "hoi-cho-mua-xuan", "start_date": "2027-03-10",
        "end_date": "2027-03-12", "place": "Quảng trường Lam Sơn", "address": "", "summary": "",
        "map_url": LAM_SON_MAP, "body-count": "0", "comment_notifications": "",
        "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0", "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **overrides,
    }


NOT_HTTPS = "Đường dẫn bản đồ phải là địa chỉ an toàn bắt đầu bằng https://, ví dụ https://maps.google.com/…"


@pytest.mark.parametrize(("map_url", "error"), [
    ("http://www.openstreetmap.org/search?query=Lam%20Son", NOT_HTTPS),
    ("javascript:alert(1)", "Nhập một URL hợp lệ."),  # Django's own message: not an address at all
])
def test_the_admin_refuses_a_map_link_that_is_not_https_and_saves_nothing(client, event_index, map_url, error):
    editor = get_user_model().objects.create_superuser("bientap@ocop.vn", "bientap@ocop.vn", "mat-khau-2026")
    client.force_login(editor)
    url = f"/cms/pages/add/cms/eventpage/{event_index.pk}/"

    response = client.post(url, _event_form(map_url=map_url))

    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["map_url"] == [error]
    assert error in response.content.decode()
    assert EventPage.objects.count() == 0

    # The same form with an https link is saved (as a draft)
    saved = client.post(url, _event_form())
    assert saved.status_code == 302
    assert list(EventPage.objects.values_list("title", "map_url", "live")) == [
        ("Hội chợ OCOP mùa xuân", LAM_SON_MAP, False)]


def test_the_end_date_may_not_come_before_the_start_date(client, event_index):
    editor = get_user_model().objects.create_superuser("bientap@ocop.vn", "bientap@ocop.vn", "mat-khau-2026")
    client.force_login(editor)

    response = client.post(f"/cms/pages/add/cms/eventpage/{event_index.pk}/",
                           _event_form(start_date="2027-03-12", end_date="2027-03-10"))

    assert response.context["form"].errors["end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    assert EventPage.objects.count() == 0


def test_a_draft_event_is_not_reachable_anonymously(client, event_make):
    event_make(title="Hội chợ chưa duyệt", slug="chua-duyet", start=datetime.date(2027, 3, 10),
               end=datetime.date(2027, 3, 12), publish=False)

    assert client.get("/su-kien/chua-duyet/").status_code == 404
