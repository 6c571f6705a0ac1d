"""The whole rating path over HTTP, one person per role, each in their own browser session.

A producer files a dossier for their fish sauce, the commune forwards it, the secretariat opens a
round and seats a council, four members score blind on the portal, the chair finalises, the signer
records the decision, and a shopper then sees four stars on the product page and can check the
certificate at its public address. No step calls a service directly: every change is a form post.
"""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from ocop_rating.certificates.models import Certificate
from ocop_rating.models import (
    Assignment,
    AuditEvent,
    Dossier,
    DossierEvent,
    EvaluationRound,
    Result,
)
from tests.rating import PLAN_81, PLAN_83, png_upload

from .portal import post_form, sheet_data
from .shop import elements, message_texts

pytestmark = pytest.mark.django_db

COMMUNE_ITEMS_PASS = {
    "local_raw_materials_ok": "pass", "local_labour_ok": "pass", "idea_origin_ok": "pass", "local_identity_ok": "pass",
}


def _url(name: str, **kwargs) -> str:
    return reverse(f"ocop_rating:{name}", kwargs=kwargs or None)


def _post(client: Client, page_url: str, data: dict, *, action_url: str | None = None):
    """Open the page, then send its form (with the page's CSRF token) and follow the redirect."""
    response = post_form(client, page_url, data, action_url=action_url)
    assert response.status_code == 200, f"POST {action_url or page_url} → {response.status_code}"
    return response


def test_from_a_producers_dossier_to_four_stars_on_the_shop_and_a_verifiable_certificate(people, rating_product,
                                                                                         client_for):
    producer, officer, secretariat = (client_for(u) for u in (people.producer, people.officer, people.secretariat))
    chair, signer = client_for(people.chair), client_for(people.signer)

    # 1. The producer creates a first-evaluation dossier, fills Mẫu 01, self-assesses, uploads and submits
    page = _post(producer, _url("dossier_create"), {"product": rating_product.pk, "kind": "first", "product_set": ""})
    dossier = Dossier.objects.get(product=rating_product)
    assert page.redirect_chain == [(_url("dossier_detail", dossier_id=dossier.pk), 302)]
    page = _post(producer, _url("dossier_registration", dossier_id=dossier.pk), {
        "legal_representative_name": "Lê Thị Hoa", "legal_representative_gender": "female",
        "legal_representative_ethnicity": "Kinh", "contact_phone": "0912345678",
        "business_registration_number": "2801234567", "product_name": "Nước mắm Hải Thanh", "sample_count": "5",
    })
    assert message_texts(page) == ["Đã lưu phiếu đăng ký."]
    page = _post(producer, _url("dossier_self_assessment", dossier_id=dossier.pk),
                 {"action": "save", **sheet_data(dossier, PLAN_83)})
    assert message_texts(page) == ["Đã lưu phần tự đánh giá."]
    page = _post(producer, _url("dossier_evidence", dossier_id=dossier.pk),
                 {"kind": "business_registration", "file": png_upload("giấy-đkkd.png")})
    assert message_texts(page) == ["Đã tải lên tệp minh chứng."]
    _post(producer, _url("dossier_detail", dossier_id=dossier.pk), {},
          action_url=_url("dossier_submit", dossier_id=dossier.pk))
    assert Dossier.objects.get(pk=dossier.pk).status == Dossier.Status.SUBMITTED

    # 2. The commune officer finds it in the queue and forwards it with the four local items met
    queue = officer.get(_url("commune_queue"))
    assert elements(queue.content, href=_url("commune_check", dossier_id=dossier.pk))
    page = _post(officer, _url("commune_check", dossier_id=dossier.pk), {"action": "forward", **COMMUNE_ITEMS_PASS})
    assert message_texts(page) == [f"Đã chuyển hồ sơ #{dossier.pk} lên tỉnh."]

    # 3. The secretariat opens a round, seats the chair and three members, assigns, starts scoring
    page = _post(secretariat, _url("round_create"), {"name": "Đợt 2 năm 2026", "opens_on": "2026-11-02"})
    round_ = EvaluationRound.objects.get()
    detail = _url("round_detail", round_id=round_.pk)
    _post(secretariat, detail, {"role": "chair", "user": people.chair.pk},
          action_url=_url("round_council_add", round_id=round_.pk))
    for member in people.members:
        _post(secretariat, detail, {"role": "member", "user": member.pk},
              action_url=_url("round_council_add", round_id=round_.pk))
    page = _post(secretariat, detail, {"assign-dossier": dossier.pk},
                 action_url=_url("round_dossier_assign", round_id=round_.pk))
    assert message_texts(page) == [f"Đã phân công hồ sơ #{dossier.pk} cho 4 thành viên."]
    page = _post(secretariat, detail, {}, action_url=_url("round_scoring_start", round_id=round_.pk))
    assert message_texts(page) == ["Đợt đánh giá đã bắt đầu chấm điểm."]

    # 4. Each council member declares no conflict and scores on the portal (83, 81, 81, 83)
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
                       (people.members[2], PLAN_83)]:
        client = chair if user == people.chair else client_for(user)
        assignment = Assignment.objects.get(dossier=dossier, member__user=user)
        home = client.get(_url("portal"))
        assert elements(home.content, href=_url("score", assignment_id=assignment.pk))
        score_url = _url("score", assignment_id=assignment.pk)
        _post(client, score_url, {"action": "conflict", "has_conflict": "no", "note": ""})
        page = _post(client, score_url, {"action": "submit", "comments": "", **sheet_data(dossier, plan, notes=False)})
        assert message_texts(page) == ["Đã nộp phiếu chấm. Phiếu đã khóa."]

    # 5. The chair finalises: average 82.00, 4★
    page = _post(chair, detail, {}, action_url=_url("round_result_finalise", round_id=round_.pk, dossier_id=dossier.pk))
    assert message_texts(page) == [f"Đã chốt kết quả hồ sơ #{dossier.pk}: 82.00 điểm, 4 sao."]

    # 6. The signer records decision 123/QĐ-UBND of 20/11/2026: the certificate is issued
    page = _post(signer, _url("decision_record", dossier_id=dossier.pk),
                 {"decision_number": "123/QĐ-UBND", "decision_date": "2026-11-20"})
    assert message_texts(page) == ["Đã ghi nhận quyết định. Mã số chứng nhận: 38-16378-001-2026."]
    certificate = Certificate.objects.get()
    assert (certificate.code, certificate.stars, certificate.status, certificate.valid_until,
            certificate.score_total, certificate.criteria_version.code) == (
        "38-16378-001-2026", 4, "active", datetime.date(2029, 11, 20), Decimal("82.00"), "QD26-2026",
    )
    result = Result.objects.get(dossier=dossier)
    assert (result.status, result.average, result.star, result.certificate) == ("decided", Decimal("82.00"), 4,
                                                                                  certificate)

    # Then every step is on the dossier's history, by the person who took it, and nothing was refused
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("to_status", "actor")) == [
        ("draft", people.producer.pk), ("submitted", people.producer.pk), ("forwarded", people.officer.pk),
        ("in_round", people.secretariat.pk), ("finalised", people.chair.pk), ("recognised", people.signer.pk),
    ]
    assert not AuditEvent.objects.filter(refused=True).exists()

    # and a shopper sees four stars on the product page, linked to the certificate's public check
    shopper = Client()
    product_page = shopper.get(rating_product.get_absolute_url())
    assert [badge["data-stars"] for badge in elements(product_page.content, css_class="ocop-badge")] == ["4"]
    verify_url = _url("verify", code="38-16378-001-2026")
    assert elements(product_page.content, href=verify_url)
    verify = shopper.get(verify_url)
    assert verify.status_code == 200
    assert [badge["data-stars"] for badge in elements(verify.content, css_class="ocop-badge")] == ["4"]
    text = verify.content.decode()
    for expected in ("Nước mắm Hải Thanh", "123/QĐ-UBND", "20/11/2029"):
        assert expected in text
    # and the producer's dossier page shows the recognition
    dossier_page = producer.get(_url("dossier_detail", dossier_id=dossier.pk))
    assert elements(dossier_page.content, href=verify_url)
