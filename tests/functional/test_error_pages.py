"""Error pages (400, 403, 404, 500) in Vietnamese and English, with DEBUG off as in production.

The 500 and 400 pages render without a request and without the database: Django's handlers give
them an empty context, and the database may be the very thing that failed.
"""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path

from marketplace import urls as site_urls
from tests.factories import UserFactory

from .shop import elements, english

pytestmark = pytest.mark.django_db

NOT_FOUND = "Không tìm thấy trang"
FORBIDDEN = "Bạn không có quyền xem trang này"
SERVER_ERROR = "Hệ thống đang gặp sự cố"
BAD_REQUEST = "Yêu cầu không hợp lệ"


def _explode(request):
    raise RuntimeError("boom")


def _deny(request):
    raise PermissionDenied


# The site's URL map plus two views that fail; the error pages link into the site's map.
urlpatterns = [
    path("test-errors/explode/", _explode),
    path("en/test-errors/explode/", _explode),
    path("en/test-errors/deny/", _deny),
    *site_urls.urlpatterns,
]


@pytest.fixture
def client():
    return Client(raise_request_exception=False)


def _lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def _ways_back(response) -> list[str]:
    return [link["href"] for link in elements(response.content, css_class="error-page__way")]


def _status_shown(response) -> str:
    return re.search(r'class="error-page" data-status="(\d+)"', response.content.decode()).group(1)


def test_unknown_shop_url_gets_the_vietnamese_404_page_in_the_site_look(client):
    page = client.get("/shop/khong-co-trang-nay/")

    assert page.status_code == 404
    assert _lang(page) == "vi"
    assert _status_shown(page) == "404"
    html = page.content.decode()
    assert f"<h1 class=\"error-page__title\">{NOT_FOUND}</h1>" in html
    assert "Not Found" not in html
    assert elements(page.content, css_class="site-nav")  # the shared menu of every page
    assert _ways_back(page) == ["/", "/shop/catalogue/", "/ocop/verify/"]
    assert [form["action"] for form in elements(page.content, css_class="error-page__search")] == ["/shop/search/"]


def test_unknown_url_under_en_gets_the_english_404_page(client):
    page = client.get("/en/shop/no-such-page/")

    assert page.status_code == 404
    assert _lang(page) == "en"
    assert f"<h1 class=\"error-page__title\">{english(NOT_FOUND)}</h1>" in page.content.decode()
    assert _ways_back(page) == ["/en/", "/en/shop/catalogue/", "/en/ocop/verify/"]


def test_a_view_that_denies_gets_the_403_page():
    # given a signed-in shopper, when they open the staff dashboard (Oscar raises PermissionDenied)
    shopper = Client(raise_request_exception=False)
    shopper.force_login(UserFactory())

    page = shopper.get("/shop/dashboard/")

    assert page.status_code == 403
    assert _lang(page) == "vi"
    assert _status_shown(page) == "403"
    assert f"<h1 class=\"error-page__title\">{FORBIDDEN}</h1>" in page.content.decode()
    assert _ways_back(page) == ["/", "/shop/catalogue/", "/ocop/verify/"]


@pytest.mark.urls(__name__)
def test_403_in_english(client):
    page = client.get("/en/test-errors/deny/")

    assert page.status_code == 403
    assert _lang(page) == "en"
    assert f"<h1 class=\"error-page__title\">{english(FORBIDDEN)}</h1>" in page.content.decode()


def test_a_bad_request_gets_the_400_page_without_the_database(client, settings, django_db_blocker):
    # given a host name the site does not serve (Django refuses it: SuspiciousOperation)
    settings.ALLOWED_HOSTS = ["ocop.example.vn"]

    with django_db_blocker.block():
        page = client.get("/shop/catalogue/", HTTP_HOST="evil.example")

    assert page.status_code == 400
    assert _lang(page) == "vi"
    assert _status_shown(page) == "400"
    assert f"<h1 class=\"error-page__title\">{BAD_REQUEST}</h1>" in page.content.decode()
    assert _ways_back(page) == ["/", "/shop/catalogue/", "/ocop/verify/"]


@pytest.mark.urls(__name__)
def test_a_server_error_gets_the_500_page_without_the_database(client, django_db_blocker):
    # when a view fails, with every database access refused while the error page renders
    with django_db_blocker.block():
        page = client.get("/test-errors/explode/")

    # then the page is the site's, in Vietnamese, and says nothing of the error itself
    assert page.status_code == 500
    assert _lang(page) == "vi"
    assert _status_shown(page) == "500"
    html = page.content.decode()
    assert f"<h1 class=\"error-page__title\">{SERVER_ERROR}</h1>" in html
    assert "boom" not in html and "RuntimeError" not in html
    assert elements(html, rel="stylesheet", href="/static/css/ocop.css")
    assert _ways_back(page) == ["/", "/shop/catalogue/", "/ocop/verify/"]


@pytest.mark.urls(__name__)
def test_500_in_english(client, django_db_blocker):
    with django_db_blocker.block():
        page = client.get("/en/test-errors/explode/")

    assert page.status_code == 500
    assert _lang(page) == "en"
    assert f"<h1 class=\"error-page__title\">{english(SERVER_ERROR)}</h1>" in page.content.decode()
    assert _ways_back(page) == ["/en/", "/en/shop/catalogue/", "/en/ocop/verify/"]


def test_a_refused_form_gets_the_csrf_page_in_vietnamese(db):
    browser = Client(enforce_csrf_checks=True)

    page = browser.post("/i18n/setlang/", {"language": "en"})

    assert page.status_code == 403
    assert _lang(page) == "vi"
    assert "<h1 class=\"error-page__title\">Biểu mẫu đã hết hạn</h1>" in page.content.decode()
