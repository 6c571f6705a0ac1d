"""The decision signer records recognition decisions over HTTP: 4★ certificate, 5★ via the Ministry, 1★ none.

The council's result is finalised by the chair over HTTP; members score through the service helper.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ocop_rating.certificates.models import Certificate
from ocop_rating.models import AuditEvent, Dossier, Result
from tests.rating import (
    PLAN_81,
    PLAN_83,
    PLAN_FULL,
    PLAN_LOWEST,
    dossier_in_scoring,
    sheet_score,
    workflow_state,
)

from .portal import post_form
from .shop import csrf_token, elements, message_texts

pytestmark = pytest.mark.django_db


def _record_url(dossier) -> str:
    return reverse("ocop_rating:decision_record", kwargs={"dossier_id": dossier.pk})


def _finalised_by_the_chair(client_for, people, product, plans):
    """Score with ``plans`` (chair first, then the three members) and let the chair finalise over HTTP."""
    dossier, round_ = dossier_in_scoring(product, people)
    for user, plan in zip([people.chair, *people.members], plans, strict=True):
        sheet_score(dossier, user, plan)
    chair = client_for(people.chair)
    detail = reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk})
    page = chair.get(detail)
    chair.post(reverse("ocop_rating:round_result_finalise", kwargs={"round_id": round_.pk, "dossier_id": dossier.pk}),
               {"csrfmiddlewaretoken": csrf_token(page)})
    assert Result.objects.get(dossier=dossier).status == "finalised"
    return dossier, round_


def test_signer_records_a_provincial_decision_and_the_4_star_certificate_is_issued(people, rating_product, client_for):
    dossier, round_ = _finalised_by_the_chair(client_for, people, rating_product, [PLAN_83, PLAN_81, PLAN_81, PLAN_83])
    signer = client_for(people.signer)

    # Given the result waits on the signer's desk under its round, and on the portal home
    home = signer.get(reverse("ocop_rating:portal"))
    assert [e["data-value"] for e in elements(home.content, css_class="ocop-home-decisions__awaiting")] == ["1"]
    desk = signer.get(reverse("ocop_rating:decision_list"))
    assert [(e["data-dossier"], e["data-status"]) for e in elements(desk.content, css_class="ocop-decision")] == [
        (str(dossier.pk), "finalised"),
    ]
    assert round_.name in desk.content.decode()
    assert elements(desk.content, href=_record_url(dossier))

    # When the signer records decision 123/QĐ-UBND of 20/11/2026
    page = post_form(signer, _record_url(dossier), {"decision_number": "123/QĐ-UBND", "decision_date": "2026-11-20"})

    # Then a provincial 4★ certificate with the commune's first number of 2026 is the product's badge
    assert message_texts(page) == ["Đã ghi nhận quyết định. Mã số chứng nhận: 38-16378-001-2026."]
    certificate = Certificate.objects.get()
    assert (certificate.code, certificate.stars, certificate.issuing_level, certificate.decision_number) == (
        "38-16378-001-2026", 4, "province", "123/QĐ-UBND",
    )
    assert (certificate.decision_date, certificate.issued_on, certificate.valid_until, certificate.score_total) == (
        datetime.date(2026, 11, 20), datetime.date(2026, 11, 20), datetime.date(2029, 11, 20), Decimal("82.00"),
    )
    rating_product.refresh_from_db()
    assert rating_product.certificate == certificate
    assert rating_product.certificate.stars == 4
    result = Result.objects.get(dossier=dossier)
    assert (result.status, result.decision_number, result.certificate) == ("decided", "123/QĐ-UBND", certificate)
    assert Dossier.objects.get(pk=dossier.pk).status == "recognised"
    # and the page shows the code with its verification link, without a form
    verify = reverse("ocop_rating:verify", kwargs={"code": "38-16378-001-2026"})
    assert elements(page.content, id="ocop-certificate-code", data_value="38-16378-001-2026")
    assert elements(page.content, href=verify)
    assert not elements(page.content, name="decision_number")
    assert signer.get(verify).status_code == 200

    # and the desk lists it among recent decisions
    desk = signer.get(reverse("ocop_rating:decision_list"))
    assert [(e["data-dossier"], e["data-status"]) for e in elements(desk.content, css_class="ocop-decision")] == [
        (str(dossier.pk), "decided"),
    ]
    assert elements(desk.content, css_class="ocop-certificate-link", href=verify)
    assert not AuditEvent.objects.filter(refused=True).exists()


def test_five_star_result_is_proposed_to_the_ministry_then_certified_centrally(people, rating_product, client_for):
    dossier, _round = _finalised_by_the_chair(client_for, people, rating_product,
                                              [{"4.3": 0}, PLAN_FULL, PLAN_FULL, PLAN_FULL])
    signer = client_for(people.signer)

    # When the province's decision is recorded
    page = post_form(signer, _record_url(dossier), {"decision_number": "88/QĐ-UBND", "decision_date": "2026-12-10"})

    # Then the dossier is proposed to the central level, without a certificate yet
    assert message_texts(page) == [
        "Đã ghi nhận quyết định của tỉnh; hồ sơ được đề nghị Bộ Nông nghiệp và Môi trường công nhận 5 sao.",
    ]
    result = Result.objects.get(dossier=dossier)
    assert (result.status, result.star, result.decision_number, result.certificate) == (
        "proposed_central", 5, "88/QĐ-UBND", None,
    )
    assert not Certificate.objects.exists()
    assert "Quyết định công nhận 5 sao của Bộ Nông nghiệp và Môi trường" in page.content.decode()
    desk = signer.get(reverse("ocop_rating:decision_list"))
    assert [(e["data-dossier"], e["data-status"]) for e in elements(desk.content, css_class="ocop-decision")] == [
        (str(dossier.pk), "proposed_central"),
    ]

    # When the Ministry's decision is recorded
    page = post_form(signer, _record_url(dossier), {"decision_number": "77/QĐ-BNNMT", "decision_date": "2027-02-01"})

    # Then a central 5★ certificate is issued
    assert message_texts(page) == ["Đã ghi nhận quyết định. Mã số chứng nhận: 38-16378-001-2027."]
    certificate = Certificate.objects.get()
    assert (certificate.code, certificate.stars, certificate.issuing_level, certificate.decision_number) == (
        "38-16378-001-2027", 5, "central", "77/QĐ-BNNMT",
    )
    result.refresh_from_db()
    assert (result.status, result.central_decision_number, result.central_decision_date) == (
        "decided", "77/QĐ-BNNMT", datetime.date(2027, 2, 1),
    )
    rating_product.refresh_from_db()
    assert rating_product.certificate == certificate
    assert Dossier.objects.get(pk=dossier.pk).status == "recognised"


@pytest.fixture
def proposed_to_central(people, rating_product, client_for):
    """A 5★ result the province has proposed to the Ministry (decision 88/QĐ-UBND)."""
    dossier, _round = _finalised_by_the_chair(client_for, people, rating_product,
                                              [{"4.3": 0}, PLAN_FULL, PLAN_FULL, PLAN_FULL])
    post_form(client_for(people.signer), _record_url(dossier), {"decision_number": "88/QĐ-UBND",
                                                                 "decision_date": "2026-12-10"})
    assert Result.objects.get(dossier=dossier).status == "proposed_central"
    return dossier


def test_central_score_below_90_lets_the_province_recognise_4_stars(people, rating_product, proposed_to_central,
                                                                    client_for):
    signer = client_for(people.signer)

    # When the central council scored 78.50 and the province recognises the product on that result
    page = post_form(signer, _record_url(proposed_to_central), {
        "action": "central_refusal", "refusal-central_score": "78.50", "refusal-decision_number": "15/QĐ-UBND",
        "refusal-decision_date": "2027-02-15", "refusal-issued_on": "",
    })

    # Then a provincial 4★ certificate is issued on the central score, and the result keeps both
    assert message_texts(page) == ["Đã ghi nhận quyết định. Mã số chứng nhận: 38-16378-001-2027."]
    certificate = Certificate.objects.get()
    assert (certificate.stars, certificate.issuing_level, certificate.decision_number, certificate.score_total,
            certificate.issued_on) == (4, "province", "15/QĐ-UBND", Decimal("78.50"), datetime.date(2027, 2, 15))
    result = Result.objects.get(dossier=proposed_to_central)
    assert (result.status, result.star, result.central_score, result.decision_number, result.certificate) == (
        "decided", 5, Decimal("78.50"), "15/QĐ-UBND", certificate,
    )
    assert Dossier.objects.get(pk=proposed_to_central.pk).status == "recognised"
    assert elements(page.content, id="ocop-decision-central-score", data_value="78.50")
    rating_product.refresh_from_db()
    assert rating_product.certificate == certificate


def test_central_score_below_50_ends_without_recognition(people, rating_product, proposed_to_central, client_for):
    page = post_form(client_for(people.signer), _record_url(proposed_to_central),
                     {"action": "central_refusal", "refusal-central_score": "45", "refusal-decision_number": ""})

    assert message_texts(page) == ["Đã ghi nhận quyết định; sản phẩm không được cấp giấy chứng nhận OCOP."]
    result = Result.objects.get(dossier=proposed_to_central)
    assert (result.status, result.central_score, result.certificate) == ("decided", Decimal("45.00"), None)
    assert Dossier.objects.get(pk=proposed_to_central.pk).status == "not_recognised"
    assert not Certificate.objects.exists()


@pytest.mark.parametrize(
    ("data", "field_error", "message"),
    [
        ({"refusal-central_score": "90", "refusal-decision_number": "15/QĐ-UBND",
          "refusal-decision_date": "2027-02-15"}, "Điểm phải dưới 90: từ 90 điểm trung ương công nhận 5 sao.", None),
        ({"refusal-central_score": "abc"}, "Hãy nhập điểm bằng số, ví dụ 78.50.", None),
        ({"refusal-central_score": "72", "refusal-decision_number": ""}, None,
         "Hãy nhập số và ngày của quyết định công nhận."),
    ],
)
def test_central_refusal_with_bad_input_changes_nothing(people, proposed_to_central, data, field_error, message,
                                                        client_for):
    before = workflow_state()

    page = post_form(client_for(people.signer), _record_url(proposed_to_central), {"action": "central_refusal", **data})

    assert workflow_state() == before
    assert not Certificate.objects.exists()
    text = page.content.decode()
    if field_error:
        assert field_error in text
    if message:
        assert message_texts(page) == [message]


def test_one_star_result_is_decided_without_number_and_without_certificate(people, rating_product, client_for):
    dossier, _round = _finalised_by_the_chair(client_for, people, rating_product, [PLAN_LOWEST] * 4)
    signer = client_for(people.signer)

    page = post_form(signer, _record_url(dossier), {"decision_number": "", "decision_date": ""})

    assert message_texts(page) == ["Đã ghi nhận quyết định; sản phẩm không được cấp giấy chứng nhận OCOP."]
    result = Result.objects.get(dossier=dossier)
    assert (result.status, result.star, result.decision_number, result.certificate) == ("decided", 1, "", None)
    assert Dossier.objects.get(pk=dossier.pk).status == "not_recognised"
    assert not Certificate.objects.exists()
    assert elements(page.content, id="ocop-no-certificate")


def test_decision_without_a_number_is_refused_and_nothing_changes(people, rating_product, client_for):
    dossier, _round = _finalised_by_the_chair(client_for, people, rating_product, [PLAN_83, PLAN_81, PLAN_81, PLAN_83])
    signer = client_for(people.signer)
    before = workflow_state()

    page = post_form(signer, _record_url(dossier), {"decision_number": "  ", "decision_date": "2026-11-20"})

    assert page.status_code == 200
    assert message_texts(page) == ["Hãy nhập số và ngày của quyết định công nhận."]
    assert workflow_state() == before
    assert Result.objects.get(dossier=dossier).status == "finalised"
    assert not Certificate.objects.exists()
    event = AuditEvent.objects.get(refused=True)
    assert (event.actor, event.action) == (people.signer, "result_record_decision")
    # the form is shown again with what was typed
    assert elements(page.content, name="decision_date", value="2026-11-20")


def test_decision_with_an_impossible_date_is_refused_by_the_form(people, rating_product, client_for):
    dossier, _round = _finalised_by_the_chair(client_for, people, rating_product, [PLAN_83, PLAN_81, PLAN_81, PLAN_83])
    before = workflow_state()

    page = post_form(client_for(people.signer), _record_url(dossier),
                     {"decision_number": "123/QĐ-UBND", "decision_date": "2026-02-30"})

    assert "Ngày không hợp lệ (định dạng ngày/tháng/năm)." in page.content.decode()
    assert workflow_state() == before


def test_a_result_not_finalised_is_not_on_the_signers_desk(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    sheet_score(dossier, people.chair, PLAN_83)
    secretariat = client_for(people.secretariat)
    page = secretariat.get(reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk}))
    secretariat.post(reverse("ocop_rating:round_result_compute", kwargs={"round_id": round_.pk,
                                                                         "dossier_id": dossier.pk}),
                     {"csrfmiddlewaretoken": csrf_token(page)})
    assert Result.objects.get(dossier=dossier).status == "computed"
    signer = client_for(people.signer)

    assert signer.get(_record_url(dossier)).status_code == 404
    assert not elements(signer.get(reverse("ocop_rating:decision_list")).content, css_class="ocop-decision")


def test_a_decided_result_cannot_be_decided_again(people, rating_product, client_for):
    dossier, _round = _finalised_by_the_chair(client_for, people, rating_product, [PLAN_83, PLAN_81, PLAN_81, PLAN_83])
    signer = client_for(people.signer)
    form_page = signer.get(_record_url(dossier))
    post_form(signer, _record_url(dossier), {"decision_number": "123/QĐ-UBND", "decision_date": "2026-11-20"})
    before = workflow_state()

    again = signer.post(_record_url(dossier), {"csrfmiddlewaretoken": csrf_token(form_page),
                                               "decision_number": "124/QĐ-UBND", "decision_date": "2026-11-21"},
                        follow=True)

    assert message_texts(again) == ["Kết quả này đã có quyết định."]
    assert workflow_state() == before
    assert Certificate.objects.get().decision_number == "123/QĐ-UBND"
