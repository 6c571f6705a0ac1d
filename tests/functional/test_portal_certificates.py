"""The secretariat's certificate screens over HTTP: search and filter the list, revoke a certificate.

Revoking goes through certificates.certificate_revoke; afterwards the shop shows no star for the product.
Today is Saturday 28 November 2026 in Hà Nội.
"""

import datetime

import pytest
from django.test import Client

from ocop_rating.certificates.models import Certificate, CertificateEvent
from tests.factories import PASSWORD, CertificateFactory, ProductFactory

from .shop import csrf_token, elements, message_texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("saturday_28_november_2026")]

D = datetime.date
Status = Certificate.Status
LIST = "/ocop/certificates/"
ISSUED_ON = D(2025, 3, 1)


def _revoke_url(certificate) -> str:
    return f"/ocop/certificates/{certificate.pk}/revoke/"


def _certificate(title: str, code: str, *, stars: int = 4, issued_on: datetime.date = ISSUED_ON, **extra):
    return CertificateFactory(
        product=ProductFactory(title=title), stars=stars, code=code, decision_date=issued_on, issued_on=issued_on,
        valid_until=D(issued_on.year + 3, issued_on.month, issued_on.day),
        issuing_level=(Certificate.IssuingLevel.CENTRAL if stars == 5
                       else Certificate.IssuingLevel.PROVINCE),
        **extra,
    )


@pytest.fixture
def certificate(db):
    """An active 4★ certificate of a fish sauce, issued 1 March 2025 by decision 125/QĐ-UBND."""
    return _certificate("Nước mắm Lê Gia", "38-16378-001-2025", decision_number="125/QĐ-UBND")


@pytest.fixture
def catalogue(certificate):
    """Five certificates: two active (4★, 5★), one expired, one past validity, one revoked."""
    return {
        "active": certificate,
        "five": _certificate("Mắm tôm Lê Gia", "38-16378-002-2025", stars=5, issued_on=D(2025, 6, 1)),
        "expired": _certificate("Nước mắm Vị Thanh", "38-16378-001-2022", stars=3, status=Status.EXPIRED,
                                issued_on=D(2022, 5, 1)),
        "lapsed": _certificate("Chè lam Phủ Quảng", "38-14812-001-2023", stars=3, issued_on=D(2023, 11, 1)),
        "revoked": _certificate("Nem chua Thanh Lan", "38-14812-002-2025", status=Status.REVOKED,
                                revocation_reason="Vi phạm an toàn thực phẩm", issued_on=D(2025, 4, 1)),
    }


def _rows(page) -> list[tuple[str, str, str]]:
    return [(e["data-code"], e["data-status"], e["data-stars"])
            for e in elements(page.content, css_class="ocop-certificate-row")]


def _state():
    return (
        list(Certificate.objects.order_by("pk").values_list(
            "pk", "status", "revocation_reason", "revocation_decision_number", "revoked_on")),
        CertificateEvent.objects.count(),
    )


# --- who may open them -------------------------------------------------------------------------------

ROLE_STATUSES = [
    ("outsider", 404), ("producer", 404), ("officer", 404), ("member", 404), ("chair", 404), ("signer", 404),
    ("secretariat", 200),
]


def test_anonymous_is_sent_to_the_login_page(certificate):
    for url in (LIST, _revoke_url(certificate)):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/shop/accounts/login/?next={url}"


@pytest.mark.parametrize(("role", "expected"), ROLE_STATUSES)
def test_only_the_secretariat_opens_the_list(people, certificate, role, expected, client_for):
    assert client_for(people.in_role(role)).get(LIST).status_code == expected


@pytest.mark.parametrize(("role", "expected"), ROLE_STATUSES)
def test_only_the_secretariat_opens_the_revocation_form(people, certificate, role, expected, client_for):
    assert client_for(people.in_role(role)).get(_revoke_url(certificate)).status_code == expected


@pytest.mark.parametrize("role", ["outsider", "producer", "officer", "member", "chair", "signer"])
def test_no_one_else_can_revoke(people, certificate, role):
    client = Client()
    assert client.login(username=people.in_role(role).username, password=PASSWORD)
    before = _state()

    response = client.post(_revoke_url(certificate), {
        "reason": "Vi phạm", "decision_number": "9/QĐ-UBND", "revoked_on": "2026-11-27",
    })

    assert response.status_code == 404
    assert _state() == before


def test_anonymous_post_changes_nothing(certificate):
    before = _state()

    response = Client().post(_revoke_url(certificate), {"reason": "x", "decision_number": "1", "revoked_on": "x"})

    assert response.status_code == 302
    assert _state() == before


def test_an_unknown_certificate_is_404(people, certificate, client_for):
    assert client_for(people.secretariat).get(f"/ocop/certificates/{certificate.pk + 100}/revoke/").status_code == 404


# --- the list ----------------------------------------------------------------------------------------


def test_the_list_shows_every_certificate_newest_first_linking_to_its_check_page(people, catalogue, client_for):
    page = client_for(people.secretariat).get(LIST)

    assert page.status_code == 200
    assert _rows(page) == [
        ("38-16378-002-2025", "active", "5"), ("38-14812-002-2025", "revoked", "4"),
        ("38-16378-001-2025", "active", "4"), ("38-14812-001-2023", "active", "3"),
        ("38-16378-001-2022", "expired", "3"),
    ]
    for code, _status, _stars in _rows(page):
        assert elements(page.content, href=f"/ocop/verify/{code}/")
    # only the certificates still in force can be revoked (the lapsed one is active until the nightly task)
    assert [e["href"] for e in elements(page.content, css_class="ocop-certificate-row__revoke")] == [
        _revoke_url(catalogue["five"]), _revoke_url(catalogue["active"]), _revoke_url(catalogue["lapsed"]),
    ]
    assert elements(page.content, css_class="ocop-certificates__count")[0]["data-count"] == "5"


@pytest.mark.parametrize(("query", "expected"), [
    ({"q": "16378-001"}, ["38-16378-001-2025", "38-16378-001-2022"]),
    ({"q": "lê gia"}, ["38-16378-002-2025", "38-16378-001-2025"]),
    ({"status": "active"}, ["38-16378-002-2025", "38-16378-001-2025"]),
    ({"status": "expired"}, ["38-14812-001-2023", "38-16378-001-2022"]),
    ({"status": "revoked"}, ["38-14812-002-2025"]),
    ({"stars": "3"}, ["38-14812-001-2023", "38-16378-001-2022"]),
    ({"stars": "4", "status": "active"}, ["38-16378-001-2025"]),
    ({"q": "nước mắm", "stars": "5"}, []),
    # values that do not parse are ignored, not an error
    ({"status": "deleted", "stars": "7"}, ["38-16378-002-2025", "38-14812-002-2025", "38-16378-001-2025",
                                          "38-14812-001-2023", "38-16378-001-2022"]),
])
def test_search_and_filters(people, catalogue, query, expected, client_for):
    page = client_for(people.secretariat).get(LIST, query)

    assert page.status_code == 200
    assert [code for code, _status, _stars in _rows(page)] == expected
    if not expected:
        assert "Không có giấy chứng nhận nào khớp với điều kiện tìm." in page.content.decode()


def test_the_list_has_20_a_page_and_keeps_the_filters(people, client_for):
    for i in range(25):
        _certificate(f"Nước mắm số {i}", f"38-16378-{i:03d}-2024", issued_on=D(2024, 1, 1) + datetime.timedelta(days=i))
    client = client_for(people.secretariat)

    first = client.get(LIST, {"q": "nước mắm", "stars": "4"})
    assert len(_rows(first)) == 20
    assert _rows(first)[0][0] == "38-16378-024-2024"
    assert [e["href"] for e in elements(first.content, rel="next")] == ["?q=n%C6%B0%E1%BB%9Bc+m%E1%BA%AFm&stars=4&page=2"]
    assert not elements(first.content, rel="prev")

    second = client.get(LIST, {"q": "nước mắm", "stars": "4", "page": "2"})
    assert [code for code, _s, _st in _rows(second)] == [f"38-16378-{i:03d}-2024" for i in (4, 3, 2, 1, 0)]
    assert elements(second.content, rel="prev")
    assert not elements(second.content, rel="next")
    assert "Trang 2/2" in second.content.decode()

    # a page past the end shows the last one
    assert len(_rows(client.get(LIST, {"page": "99"}))) == 5


@pytest.mark.parametrize("n", [2, 10])
def test_the_list_runs_a_fixed_number_of_queries(people, django_assert_num_queries, n, client_for):
    for i in range(n):
        _certificate(f"Nước mắm số {i}", f"38-16378-{i:03d}-2024")
    client = client_for(people.secretariat)

    # 3 for the session, the user and their roles; 2 for the page (count, rows with product and producer);
    # 15 for the site's chrome on a first visit (menu, notifications, permissions, basket, the footer's site and
    # settings)
    with django_assert_num_queries(20):
        page = client.get(LIST)

    assert len(_rows(page)) == n


# --- revoking ----------------------------------------------------------------------------------------


def _post_revoke(client, certificate, data):
    page = client.get(_revoke_url(certificate))
    assert page.status_code == 200
    return client.post(_revoke_url(certificate), {"csrfmiddlewaretoken": csrf_token(page), **data})


GOOD = {"reason": "Vi phạm quy định ghi nhãn", "decision_number": "215/QĐ-UBND", "revoked_on": "2026-11-27"}


def test_revoking_removes_the_badge_from_the_shop(people, certificate, client_for):
    product_url = certificate.product.get_absolute_url()
    shop = Client()
    assert [b["data-stars"] for b in elements(shop.get(product_url).content, css_class="ocop-badge")] == ["4"]
    client = client_for(people.secretariat)

    response = _post_revoke(client, certificate, GOOD)

    assert response.status_code == 302
    assert response["Location"] == LIST
    assert message_texts(client.get(LIST)) == [
        "Đã thu hồi giấy chứng nhận 38-16378-001-2025. Sản phẩm không còn hiển thị sao OCOP.",
    ]
    certificate.refresh_from_db()
    assert (certificate.status, certificate.revocation_reason, certificate.revocation_decision_number,
            certificate.revoked_on) == (Status.REVOKED, "Vi phạm quy định ghi nhãn", "215/QĐ-UBND", D(2026, 11, 27))
    event = CertificateEvent.objects.filter(certificate=certificate).latest("pk")
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        people.secretariat, "active", "revoked", "Thu hồi theo quyết định 215/QĐ-UBND: Vi phạm quy định ghi nhãn",
    )
    product_page = shop.get(product_url)
    assert product_page.status_code == 200
    assert not elements(product_page.content, css_class="ocop-badge")
    assert "data-stars" not in product_page.content.decode()
    assert "Giấy chứng nhận OCOP của sản phẩm này đã bị thu hồi." in product_page.content.decode()
    assert "đã thu hồi" in shop.get(f"/ocop/verify/{certificate.code}/").content.decode().lower()


def test_the_form_shows_the_certificate_and_defaults_to_today(people, certificate, client_for):
    page = client_for(people.secretariat).get(_revoke_url(certificate))

    html = page.content.decode()
    assert "Nước mắm Lê Gia" in html and "125/QĐ-UBND" in html
    assert elements(page.content, name="revoked_on", value="2026-11-28", type="date")
    assert elements(page.content, href=f"/ocop/verify/{certificate.code}/")


@pytest.mark.parametrize(("data", "message"), [
    ({**GOOD, "reason": "   "}, "Chưa thu hồi: Cần ghi rõ lý do thu hồi giấy chứng nhận."),
    ({**GOOD, "decision_number": ""}, "Chưa thu hồi: Cần số quyết định thu hồi giấy chứng nhận."),
    ({**GOOD, "revoked_on": ""}, "Chưa thu hồi: Cần ngày thu hồi giấy chứng nhận."),
    ({**GOOD, "revoked_on": "31/02/2026"}, "Chưa thu hồi: Ngày thu hồi không hợp lệ (định dạng ngày/tháng/năm)."),
    ({**GOOD, "revoked_on": "2026-11-29"}, "Chưa thu hồi: Ngày thu hồi không được sau ngày hôm nay."),
    ({**GOOD, "revoked_on": "2025-02-28"},
     "Chưa thu hồi: Ngày thu hồi không được trước ngày cấp giấy chứng nhận (01/03/2025)."),
])
def test_bad_input_is_refused_with_a_message_and_nothing_changes(people, certificate, data, message, client_for):
    client = client_for(people.secretariat)
    before = _state()

    response = _post_revoke(client, certificate, data)

    assert response.status_code == 200
    assert message_texts(response) == [message]
    assert _state() == before
    # what was typed is kept
    if data["decision_number"]:
        assert elements(response.content, name="decision_number", value=data["decision_number"])


def test_a_second_revocation_is_refused(people, certificate, client_for):
    client = client_for(people.secretariat)
    page = client.get(_revoke_url(certificate))
    token = csrf_token(page)
    assert client.post(_revoke_url(certificate), {"csrfmiddlewaretoken": token, **GOOD}).status_code == 302
    before = _state()

    # the same form submitted again (a second tab, a double tap)
    response = client.post(_revoke_url(certificate), {"csrfmiddlewaretoken": token, **GOOD,
                                                      "reason": "Lý do khác"})

    assert response.status_code == 200
    assert message_texts(response) == [
        "Đã thu hồi giấy chứng nhận 38-16378-001-2025. Sản phẩm không còn hiển thị sao OCOP.",
        "Chứng nhận 38-16378-001-2025 đang ở trạng thái “đã thu hồi”, không thể chuyển sang “đã thu hồi”.",
    ]
    assert _state() == before
    assert not elements(response.content, name="reason")
    assert "Vi phạm quy định ghi nhãn" in response.content.decode()


def test_an_expired_certificate_cannot_be_revoked(people, catalogue, client_for):
    expired = catalogue["expired"]
    client = client_for(people.secretariat)
    token = csrf_token(client.get(_revoke_url(catalogue["active"])))
    page = client.get(_revoke_url(expired))
    assert not elements(page.content, name="reason")
    assert "không thể thu hồi" in page.content.decode()
    before = _state()

    response = client.post(_revoke_url(expired), {"csrfmiddlewaretoken": token, **GOOD})

    assert response.status_code == 200
    assert message_texts(response) == [
        "Chứng nhận 38-16378-001-2022 đang ở trạng thái “hết hiệu lực”, không thể chuyển sang “đã thu hồi”.",
    ]
    assert _state() == before
