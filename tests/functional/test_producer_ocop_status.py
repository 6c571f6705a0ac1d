"""A product's OCOP status in the producer's listings, and the button that opens its re-evaluation dossier.

Given a producer's product with a certificate (or none), when its edit page opens on Saturday 28 November
2026, then it shows the stars, the code (linked to the public check), the expiry, the days left and the
re-evaluation window; the button opens exactly one re-evaluation dossier of that certificate in the
rating portal, a second click opens none, and staff doing assisted listing, another producer and a
revoked certificate are refused with nothing written. The list shows a star badge per product in a
fixed number of queries.
"""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from marketplace.producers.models import ProducerAction
from marketplace.producers.portal.access import SESSION_ASSISTED
from ocop_rating.certificates.models import Certificate
from ocop_rating.models import AuditEvent, Dossier, DossierEvent
from tests.factories import (
    CertificateFactory,
    ProducerFactory,
    ProductFactory,
    UserFactory,
    producer_user,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_28_november_2026")]

TODAY = datetime.date(2026, 11, 28)
LIST = reverse("producer_portal:listing_list")
CODE = "38-16003-007-2026"
CARD = re.compile(r'<section class="card mb-4 producer-ocop".*?</section>', re.S)
LIST_QUERIES = 15


def _edit_url(product) -> str:
    return reverse("producer_portal:listing_edit", kwargs={"product_id": product.pk})


def _reevaluation_url(product) -> str:
    return reverse("producer_portal:listing_reevaluation", kwargs={"product_id": product.pk})


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def _card(response) -> str:
    assert response.status_code == 200
    found = CARD.search(response.content.decode())
    assert found, "no OCOP card on the page"
    return found.group(0)


class Browser:
    """A signed-in browser that posts with the CSRF token the portal's pages set."""

    def __init__(self, client_for, user, *, assist=None):
        self.user = user
        self.client = client_for(user)
        if assist is not None:
            session = self.client.session
            session[SESSION_ASSISTED] = assist.pk
            session.save()
        self.token = self.client.get(LIST).cookies["csrftoken"].value

    def get(self, url):
        return self.client.get(url)

    def post(self, url, **kwargs):
        return self.client.post(url, {"csrfmiddlewaretoken": self.token}, **kwargs)


@pytest.fixture
def producer():
    return ProducerFactory(name="HTX Nước mắm Ba Làng")


@pytest.fixture
def product(producer):
    return ProductFactory(title="Nước mắm cá cơm Ba Làng", producer=producer)


@pytest.fixture
def seller(client_for, producer):
    return Browser(client_for, producer_user(producer))


@pytest.fixture
def assistant(client_for, producer):
    staff = UserFactory(is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
    return Browser(client_for, staff, assist=producer)


def _certificate(product, *, days: int, **changes) -> Certificate:
    return CertificateFactory(product=product, code=CODE, stars=4, issued_on=datetime.date(2024, 6, 1),
                              decision_date=datetime.date(2024, 6, 1),
                              valid_until=TODAY + datetime.timedelta(days=days), **changes)


def _nothing_written():
    return (Dossier.objects.count(), DossierEvent.objects.count(), ProducerAction.objects.count())


CERTIFIED = "Chứng nhận OCOP Hạng sao ★★★★ 4 sao Mã số chứng nhận 38-16003-007-2026 Có giá trị đến "


@pytest.mark.parametrize(("certificate", "expected"), [
    ({"days": 200}, CERTIFIED + "16/06/2027 Thời hạn còn 200 ngày "
     "Cửa sổ đánh giá lại: từ 18/12/2026 đến 16/02/2027 Chưa mở Còn 20 ngày nữa mới đến thời hạn nộp hồ sơ. "
     "Đăng ký đánh giá, phân hạng OCOP"),
    ({"days": 150}, CERTIFIED + "27/04/2027 Thời hạn còn 150 ngày "
     "Cửa sổ đánh giá lại: từ 29/10/2026 đến 28/12/2026 Đang mở Còn 30 ngày để nộp hồ sơ đúng hạn. "
     "Lập hồ sơ đánh giá lại"),
    ({"days": 100}, CERTIFIED + "08/03/2027 Thời hạn còn 100 ngày "
     "Cửa sổ đánh giá lại: từ 09/09/2026 đến 08/11/2026 Đã qua Hồ sơ nộp muộn giữ hiệu lực chứng nhận đến khi "
     "có quyết định, tối đa 180 ngày sau ngày hết hạn. Lập hồ sơ đánh giá lại"),
    ({"days": 0}, CERTIFIED + "28/11/2026 Thời hạn hết hạn sau hôm nay "
     "Cửa sổ đánh giá lại: từ 01/06/2026 đến 31/07/2026 Đã qua Hồ sơ nộp muộn giữ hiệu lực chứng nhận đến khi "
     "có quyết định, tối đa 180 ngày sau ngày hết hạn. Lập hồ sơ đánh giá lại"),
    ({"days": -1}, CERTIFIED + "27/11/2026 Thời hạn đã hết hạn Sản phẩm không còn hiện sao OCOP trên sàn. "
     "Lập hồ sơ đánh giá lại"),
    ({"days": -40, "status": Certificate.Status.EXPIRED}, CERTIFIED + "19/10/2026 Thời hạn đã hết hạn "
     "Sản phẩm không còn hiện sao OCOP trên sàn. Lập hồ sơ đánh giá lại"),
    ({"days": 400, "revoked": True, "revoked_on": datetime.date(2026, 11, 20)},
     CERTIFIED + "02/01/2028 Thời hạn đã bị thu hồi ngày 20/11/2026 Sản phẩm không còn hiện sao OCOP trên sàn. "
     "Lý do thu hồi: Vi phạm an toàn thực phẩm Đăng ký đánh giá, phân hạng OCOP"),
    (None, "Chứng nhận OCOP Sản phẩm chưa có chứng nhận OCOP. Đăng ký đánh giá, phân hạng OCOP"),
], ids=["200-days-window-upcoming", "150-days-window-open", "100-days-window-past", "last-day", "expired-yesterday",
        "expired", "revoked", "none"])
def test_the_edit_page_shows_the_certificate_today_in_exact_words(seller, product, certificate, expected):
    # Given a certificate in each state (or none), when the producer opens the product's edit page
    if certificate is not None:
        _certificate(product, **certificate)
    card = _card(seller.get(_edit_url(product)))
    # then the card says exactly this, the code links to the public check and the stars are read as "4 sao"
    assert _text(card) == expected
    if certificate is not None:
        assert f'<a href="/ocop/verify/{CODE}/">{CODE}</a>' in card
        assert '<span class="sr-only">4 sao</span>' in card
    else:
        assert f'href="{reverse("ocop_rating:dossier_create")}"' in card
    assert (f'action="{_reevaluation_url(product)}"' in card) == ("Lập hồ sơ đánh giá lại" in expected)


def test_a_late_reevaluation_pending_keeps_the_certificate_and_links_to_its_dossier(seller, product):
    # Given a certificate past its expiry but kept valid while a late re-evaluation dossier is pending
    certificate = _certificate(product, days=-10, extended_until=TODAY + datetime.timedelta(days=170))
    dossier = Dossier.objects.create(
        product=product, producer=product.producer, kind=Dossier.Kind.RE_EVALUATION, product_set=product.ocop_set,
        criteria_version=certificate.criteria_version, province_code=product.producer.province_code,
        ward_code=product.producer.ward_code, previous_certificate=certificate, status=Dossier.Status.SUBMITTED,
        submitted_at=datetime.datetime(2026, 11, 19, 9, tzinfo=datetime.UTC), commune_deadline=datetime.date(2026, 12, 10),
    )
    card = _card(seller.get(_edit_url(product)))
    # then it shows its stars until the extension ends and links to the dossier instead of offering another
    assert _text(card) == (CERTIFIED + "18/11/2026 Thời hạn đã hết hạn, được giữ hiệu lực đến 17/05/2027 trong "
                           "khi chờ kết quả đánh giá lại Đã có hồ sơ đánh giá lại (đã nộp, chờ xã kiểm tra). "
                           "Mở hồ sơ đánh giá lại")
    assert f'href="{reverse("ocop_rating:dossier_detail", kwargs={"dossier_id": dossier.pk})}"' in card


def test_the_button_opens_one_reevaluation_dossier_of_the_certificate_and_a_second_click_opens_none(seller, product):
    # Given a 4★ certificate whose window is open
    certificate = _certificate(product, days=150)
    # when the producer presses the button
    response = seller.post(_reevaluation_url(product))
    # then exactly one draft re-evaluation dossier of that certificate exists, opened by the producer's user
    dossier = Dossier.objects.get()
    assert (dossier.product, dossier.kind, dossier.status, dossier.previous_certificate, dossier.created_by) == (
        product, Dossier.Kind.RE_EVALUATION, Dossier.Status.DRAFT, certificate, seller.user)
    assert list(DossierEvent.objects.values_list("dossier", "actor", "to_status")) == [
        (dossier.pk, seller.user.pk, Dossier.Status.DRAFT)]
    assert list(ProducerAction.objects.values_list("actor", "assisted", "action", "target_id", "detail")) == [
        (seller.user.pk, False, "reevaluation_dossier_opened", str(product.pk),
         {"dossier_id": dossier.pk, "certificate": CODE})]
    detail = reverse("ocop_rating:dossier_detail", kwargs={"dossier_id": dossier.pk})
    assert (response.status_code, response["Location"]) == (302, detail)
    assert seller.get(detail).status_code == 200
    # and the edit page now links to it instead of offering the button
    card = _card(seller.get(_edit_url(product)))
    assert _text(card).endswith("Đã có hồ sơ đánh giá lại (đang soạn). Mở hồ sơ đánh giá lại")
    assert "listing_reevaluation" not in card and _reevaluation_url(product) not in card

    # when the button is pressed again (an old tab), then no second dossier: the same one opens
    again = seller.post(_reevaluation_url(product), follow=True)
    assert Dossier.objects.count() == 1 and ProducerAction.objects.count() == 1
    assert again.redirect_chain == [(detail, 302)]
    assert "Sản phẩm đã có hồ sơ đánh giá lại: đây là hồ sơ đó." in again.content.decode()


def test_assisted_listing_staff_see_the_status_but_may_not_open_a_dossier(assistant, product):
    # Given staff doing assisted listing for the producer and a certificate whose window is open
    _certificate(product, days=150)
    # when they open the edit page, then they read the status, without the button or links to the dossier pages
    card = _card(assistant.get(_edit_url(product)))
    assert _text(card) == (CERTIFIED + "27/04/2027 Thời hạn còn 150 ngày Cửa sổ đánh giá lại: từ 29/10/2026 đến "
                           "28/12/2026 Đang mở Còn 30 ngày để nộp hồ sơ đúng hạn. "
                           "Hồ sơ đánh giá OCOP do chính chủ thể lập trong cổng đánh giá OCOP.")
    assert "<form" not in card
    # and when they POST anyway, then they are refused with the reason and nothing is written
    before = _nothing_written()
    response = assistant.post(_reevaluation_url(product))
    assert response.status_code == 403
    assert "nhân viên hỗ trợ đăng bán không được lập thay" in response.content.decode()
    assert _nothing_written() == before == (0, 0, 0)


def test_another_producers_product_is_404_and_nothing_is_written(client_for, product):
    # Given another producer's user, when they POST the button of this producer's product
    _certificate(product, days=150)
    other = Browser(client_for, producer_user(ProducerFactory(name="HTX Chè lam Phủ Quảng")))
    # then 404 on both pages and nothing is written
    assert other.get(_edit_url(product)).status_code == 404
    assert other.post(_reevaluation_url(product)).status_code == 404
    assert _nothing_written() == (0, 0, 0)


def test_the_button_needs_a_post(seller, product):
    _certificate(product, days=150)
    assert seller.get(_reevaluation_url(product)).status_code == 405
    assert Dossier.objects.count() == 0


@pytest.mark.parametrize(("certificate", "message"), [
    ({"days": 400, "revoked": True, "revoked_on": datetime.date(2026, 11, 20)},
     "Chứng nhận 38-16003-007-2026 đã bị thu hồi nên không thể đánh giá lại."),
    (None, "Sản phẩm chưa có chứng nhận OCOP nên chưa thể đánh giá lại."),
    ({"days": 181}, "Chưa đến thời hạn nộp hồ sơ đánh giá lại: cửa sổ mở từ 29/11/2026 đến 28/01/2027."),
    ({"days": 900}, "Chưa đến thời hạn nộp hồ sơ đánh giá lại: cửa sổ mở từ 17/11/2028 đến 16/01/2029."),
])
def test_a_revoked_certificate_none_or_a_window_not_yet_open_is_refused_with_the_reason_and_nothing_is_written(
        seller, product, certificate, message):
    if certificate is not None:
        _certificate(product, **certificate)
    response = seller.post(_reevaluation_url(product), follow=True)
    assert response.redirect_chain == [(_edit_url(product), 302)]
    assert message in html.unescape(response.content.decode())
    assert _nothing_written() == (0, 0, 0)


def test_another_open_dossier_is_the_rating_apps_refusal_and_nothing_is_written(seller, product):
    # Given an upgrade dossier of the product still being prepared (an earlier tab showed the button)
    certificate = _certificate(product, days=150)
    Dossier.objects.create(
        product=product, producer=product.producer, kind=Dossier.Kind.UPGRADE, product_set=product.ocop_set,
        criteria_version=certificate.criteria_version, province_code=product.producer.province_code,
        ward_code=product.producer.ward_code, previous_certificate=certificate,
    )
    assert _text(_card(seller.get(_edit_url(product)))).endswith(
        "Sản phẩm đang có hồ sơ “Nâng hạng” (đang soạn). Mở hồ sơ")
    # when the button is pressed, then the rating app's reason is shown, its refusal audited, nothing else written
    response = seller.post(_reevaluation_url(product), follow=True)
    assert "Sản phẩm này đã có một hồ sơ đang xử lý." in html.unescape(response.content.decode())
    assert (Dossier.objects.count(), ProducerAction.objects.count()) == (1, 0)
    assert AuditEvent.objects.filter(action="dossier_create", refused=True, actor=seller.user).count() == 1


def _list_rows(response) -> list[str]:
    page = response.content.decode()
    return [_text(item) for item in re.findall(r'<li class="producer-listings__item.*?</li>', page, re.S)]


def test_the_list_shows_each_products_stars_in_a_fixed_number_of_queries(seller, producer):
    # Given one product with a valid 4★ certificate
    first = ProductFactory(title="Sản phẩm 1", producer=producer, stockrecord__price=98000)
    _certificate(first, days=150)
    with CaptureQueriesContext(connection) as one:
        assert seller.get(LIST).status_code == 200
    # when four more are listed: expired, revoked, 5★ and none
    expired = ProductFactory(title="Sản phẩm 2", producer=producer, stockrecord__price=98000)
    CertificateFactory(product=expired, expired=True)
    revoked = ProductFactory(title="Sản phẩm 3", producer=producer, stockrecord__price=98000)
    CertificateFactory(product=revoked, revoked=True, revoked_on=datetime.date(2026, 11, 20))
    five = ProductFactory(title="Sản phẩm 4", producer=producer, stockrecord__price=98000)
    CertificateFactory(product=five, stars=5)
    ProductFactory(title="Sản phẩm 5", producer=producer, stockrecord__price=98000)
    with CaptureQueriesContext(connection) as many:
        response = seller.get(LIST)
    # then the page costs the same queries and each row carries its badge
    assert len(one.captured_queries) == len(many.captured_queries) == LIST_QUERIES
    assert _list_rows(response) == [
        "Sản phẩm 5 98.000 ₫ · Còn 10 · Đang bán Sửa : Sản phẩm 5 · Ảnh : Sản phẩm 5 · Xem trên sàn",
        "Sản phẩm 4 98.000 ₫ · Còn 10 · 5★ OCOP 5 sao · Đang bán Sửa : Sản phẩm 4 · Ảnh : Sản phẩm 4 · Xem trên sàn",
        "Sản phẩm 3 98.000 ₫ · Còn 10 · OCOP đã thu hồi · Đang bán Sửa : Sản phẩm 3 · Ảnh : Sản phẩm 3 · Xem trên sàn",
        "Sản phẩm 2 98.000 ₫ · Còn 10 · OCOP hết hạn · Đang bán Sửa : Sản phẩm 2 · Ảnh : Sản phẩm 2 · Xem trên sàn",
        "Sản phẩm 1 98.000 ₫ · Còn 10 · 4★ OCOP 4 sao · Đang bán Sửa : Sản phẩm 1 · Ảnh : Sản phẩm 1 · Xem trên sàn",
    ]
