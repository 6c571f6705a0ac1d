"""The secretariat runs an evaluation round and its chair finalises results, over HTTP.

Members score through the service helper (their own screen is tested in test_council_scoring.py).
Every POST carries a CSRF token: the token of the page the form came from, or, for users who can open
no page with a form (the permission matrix), a token set as the CSRF cookie.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from ocop_rating import roles
from ocop_rating.council.services import (
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
)
from ocop_rating.models import (
    AuditEvent,
    CouncilMember,
    Dossier,
    EvaluationRound,
    Result,
    Scorecard,
)
from ocop_rating.results.services import result_finalise, round_finalise
from tests.factories import THANH_HOA, ProductFactory
from tests.rating import (
    PLAN_81,
    PLAN_83,
    PLAN_LOWEST,
    dossier_forwarded,
    dossier_in_scoring,
    sheet_score,
    user_with_roles,
    workflow_state,
)

from .portal import post_form
from .shop import csrf_token, elements, message_texts

pytestmark = pytest.mark.django_db

MEMBER_POINTS = ("83.00", "83,00", "81.00", "81,00")


def _post_from(client, page_url: str, action_url: str, data: dict):
    """GET the page, then POST one of its forms with the page's token, following the redirect."""
    return post_form(client, page_url, data, action_url=action_url)


def _detail(round_) -> str:
    return reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk})


def _result_url(round_, dossier) -> str:
    return reverse("ocop_rating:round_result", kwargs={"round_id": round_.pk, "dossier_id": dossier.pk})


def _round_action(name: str, round_, **kwargs) -> str:
    return reverse(f"ocop_rating:{name}", kwargs={"round_id": round_.pk, **kwargs})


def _cells(page) -> dict[str, str]:
    return {cell["data-seat"]: cell["data-status"] for cell in elements(page.content, css_class="ocop-progress__cell")}


def _options(page, select_id: str) -> list[str]:
    """The values offered by one <select> of the page (the empty choice left out)."""
    block = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', page.content.decode(), re.S)
    assert block, f"no select {select_id}"
    return [value for value in re.findall(r'<option value="([^"]*)"', block.group(1)) if value]


def _seat(round_, user) -> CouncilMember:
    return CouncilMember.objects.get(round=round_, user=user)


def _other_chair():
    """A chair seated on another round (Đợt 1)."""
    chair = user_with_roles("chu-tich-khac", roles.COUNCIL_CHAIR)
    secretariat = user_with_roles("van-phong-khac", roles.SECRETARIAT)
    other = round_open(province_code=THANH_HOA, name="Đợt 1 năm 2026", opens_on=datetime.date(2026, 5, 4),
                       actor=secretariat)
    council_member_add(evaluation_round=other, user=chair, role="chair", actor=secretariat)
    return chair


# ---------------------------------------------------------------------------------------------
# The journey: open, seat, assign, start, score (blind), finalise, close
# ---------------------------------------------------------------------------------------------


def test_secretariat_opens_a_round_seats_the_council_assigns_and_the_chair_finalises(people, rating_product,
                                                                                     client_for):
    dossier = dossier_forwarded(rating_product, people)
    secretariat = client_for(people.secretariat)
    create_url = reverse("ocop_rating:round_create")

    # Given the creation form proposes today as the opening date
    form = secretariat.get(create_url)
    assert elements(form.content, name="opens_on", value=timezone.localdate().isoformat())

    # When the secretariat opens a round
    page = _post_from(secretariat, create_url, create_url, {"name": "Đợt 2 năm 2026", "opens_on": "2026-11-02"})

    # Then it is a Thanh Hóa round with the default policy, and its page is shown
    round_ = EvaluationRound.objects.get()
    assert (round_.name, round_.province_code, round_.opens_on, round_.status) == (
        "Đợt 2 năm 2026", THANH_HOA, datetime.date(2026, 11, 2), "open",
    )
    assert page.redirect_chain == [(_detail(round_), 302)]
    assert message_texts(page) == ["Đã mở đợt đánh giá “Đợt 2 năm 2026”."]
    assert elements(page.content, id="ocop-round-quorum", data_value="3/4")
    assert elements(page.content, id="ocop-round-spread", data_value="10.00")
    # an open round has no minutes yet: no download links, a note instead
    assert not elements(page.content, href=reverse("ocop_rating:minutes_pdf", kwargs={"round_id": round_.pk}))
    assert not elements(page.content, href=reverse("ocop_rating:minutes_xlsx", kwargs={"round_id": round_.pk}))
    assert elements(page.content, id="ocop-round-minutes")
    assert "có sau khi đợt đánh giá kết thúc." in page.content.decode()
    # only the chair-role holder is offered as chair; members among council-role holders only
    assert _options(page, "id_seat_chair_user") == [str(people.chair.pk)]
    assert _options(page, "id_seat_member_user") == [
        str(u.pk) for u in (people.chair, *people.members, people.spare_member)
    ]

    # When the chair and three members are seated
    add_url = _round_action("round_council_add", round_)
    page = _post_from(secretariat, _detail(round_), add_url, {"role": "chair", "user": people.chair.pk})
    assert message_texts(page) == ["Đã thêm chu-tich vào hội đồng (Chủ tịch hội đồng)."]
    assert not elements(page.content, id="id_seat_chair_user")
    for member in people.members:
        page = _post_from(secretariat, _detail(round_), add_url, {"role": "member", "user": member.pk})
    assert message_texts(page) == ["Đã thêm thanh-vien-3 vào hội đồng (Thành viên)."]
    assert _options(page, "id_seat_member_user") == [str(people.spare_member.pk)]
    assert [(s.user, s.role) for s in round_.council.order_by("role", "pk")] == [
        (people.chair, "chair"), *[(m, "member") for m in people.members],
    ]

    # and the forwarded dossier is assigned to the whole council
    assert elements(page.content, name="assign-dossier")
    page = _post_from(secretariat, _detail(round_), _round_action("round_dossier_assign", round_),
                      {"assign-dossier": dossier.pk})
    assert message_texts(page) == [f"Đã phân công hồ sơ #{dossier.pk} cho 4 thành viên."]
    assert Dossier.objects.get(pk=dossier.pk).round == round_

    # and scoring starts
    page = _post_from(secretariat, _detail(round_), _round_action("round_scoring_start", round_), {})
    assert message_texts(page) == ["Đợt đánh giá đã bắt đầu chấm điểm."]
    assert EvaluationRound.objects.get(pk=round_.pk).status == "scoring"
    assert not elements(page.content, id="id_seat_chair_user")

    # When all four score (blind), the progress shows statuses only, never points, to both
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
                       (people.members[2], PLAN_83)]:
        sheet_score(dossier, user, plan)
    chair = client_for(people.chair)
    for client in (secretariat, chair):
        progress = client.get(_detail(round_))
        assert set(_cells(progress).values()) == {"submitted"}
        html = progress.content.decode()
        assert not any(points in html for points in MEMBER_POINTS)
    secretariat_result = secretariat.get(_result_url(round_, dossier))
    assert not any(points in secretariat_result.content.decode() for points in MEMBER_POINTS)
    assert not elements(secretariat_result.content, css_class="ocop-result__total")

    # When the chair finalises over HTTP
    page = _post_from(chair, _detail(round_), _round_action("round_result_finalise", round_, dossier_id=dossier.pk),
                      {})

    # Then the result is finalised at 4★ and the sheets are locked
    assert message_texts(page) == [f"Đã chốt kết quả hồ sơ #{dossier.pk}: 82.00 điểm, 4 sao."]
    result = Result.objects.get(dossier=dossier)
    assert (result.status, result.average, result.star) == ("finalised", Decimal("82.00"), 4)
    assert set(Scorecard.objects.values_list("status", flat=True)) == {"locked"}
    assert elements(page.content, css_class="ocop-progress__result", data_result="finalised", data_star="4")

    # and the result page now shows every member's total to the secretariat
    revealed = secretariat.get(_result_url(round_, dossier))
    assert elements(revealed.content, id="ocop-result-average", data_value="82.00")
    assert [row["data-value"] for row in elements(revealed.content, **{"<tag>": "td"}) if "data-value" in row] == [
        "83.00", "81.00", "81.00", "83.00",
    ]

    # When the chair closes the round
    page = _post_from(chair, _detail(round_), _round_action("round_finalise", round_), {})
    assert message_texts(page) == ["Đã kết thúc đợt đánh giá."]
    assert EvaluationRound.objects.get(pk=round_.pk).status == "finalised"
    assert not AuditEvent.objects.filter(refused=True).exists()


def test_round_list_shows_counts_and_the_chair_sees_only_their_rounds(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    other_chair = _other_chair()

    page = client_for(people.secretariat).get(reverse("ocop_rating:round_list"))
    assert [i["data-round"] for i in elements(page.content, css_class="ocop-round-list__item")] == [
        str(round_.pk), str(EvaluationRound.objects.get(name="Đợt 1 năm 2026").pk),
    ]
    assert [d["data-value"] for d in elements(page.content, css_class="ocop-round-list__dossiers")] == ["1", "0"]
    assert [d["data-value"] for d in elements(page.content, css_class="ocop-round-list__council")] == ["4", "1"]
    assert elements(page.content, href=reverse("ocop_rating:round_create"))

    page = client_for(other_chair).get(reverse("ocop_rating:round_list"))
    assert [i["data-round"] for i in elements(page.content, css_class="ocop-round-list__item")] == [
        str(EvaluationRound.objects.get(name="Đợt 1 năm 2026").pk),
    ]
    assert not elements(page.content, href=reverse("ocop_rating:round_create"))


def test_the_chair_sees_the_whole_council_of_their_round_not_only_their_own_seat(people, rating_product, client_for):
    # Given a round in scoring with a chair and three members, when its chair opens the round list, then
    # the council counts all four scorers, as the secretariat's list does (not only the chair's own seat).
    dossier_in_scoring(rating_product, people)

    page = client_for(people.chair).get(reverse("ocop_rating:round_list"))
    assert [d["data-value"] for d in elements(page.content, css_class="ocop-round-list__council")] == ["4"]


def test_portal_home_shows_rounds_to_the_secretariat_and_awaiting_dossiers_to_the_chair(people, rating_product,
                                                                                        client_for):
    _dossier, round_ = dossier_in_scoring(rating_product, people)

    page = client_for(people.secretariat).get(reverse("ocop_rating:portal"))
    assert [r["data-round"] for r in elements(page.content, css_class="ocop-home-rounds__round")] == [str(round_.pk)]
    assert "1 hồ sơ" in page.content.decode()

    page = client_for(people.chair).get(reverse("ocop_rating:portal"))
    assert [a["data-value"] for a in elements(page.content, css_class="ocop-home-rounds__awaiting")] == ["1"]

    page = client_for(people.members[0]).get(reverse("ocop_rating:portal"))
    assert not elements(page.content, css_class="ocop-home-rounds")


# ---------------------------------------------------------------------------------------------
# Refusals: the service's message, nothing changed
# ---------------------------------------------------------------------------------------------


def test_finalise_without_quorum_shows_the_reason_and_changes_nothing(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    sheet_score(dossier, people.chair, PLAN_83)
    sheet_score(dossier, people.members[0], PLAN_81)
    chair = client_for(people.chair)
    page = chair.get(_detail(round_))
    before = workflow_state()

    response = chair.post(_round_action("round_result_finalise", round_, dossier_id=dossier.pk),
                          {"csrfmiddlewaretoken": csrf_token(page)}, follow=True)

    assert message_texts(response) == [
        "Chưa thể chốt kết quả: Chưa đủ số thành viên chấm điểm: 2/4 thành viên, cần tối thiểu 3/4 hội đồng.",
    ]
    assert workflow_state() == before
    assert not Result.objects.exists()
    event = AuditEvent.objects.get(refused=True)
    assert (event.actor, event.action) == (people.chair, "result_finalise")
    # and the progress still shows no points to the chair
    html = response.content.decode()
    assert not any(points in html for points in MEMBER_POINTS)
    assert _cells(response) == {
        str(_seat(round_, people.chair).pk): "submitted", str(_seat(round_, people.members[0]).pk): "submitted",
        str(_seat(round_, people.members[1]).pk): "none", str(_seat(round_, people.members[2]).pk): "none",
    }


def test_computed_result_lists_the_reasons_on_the_result_page(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    sheet_score(dossier, people.chair, PLAN_83)
    secretariat = client_for(people.secretariat)

    page = _post_from(secretariat, _result_url(round_, dossier),
                      _round_action("round_result_compute", round_, dossier_id=dossier.pk), {"back": "result"})

    reason = "Chưa đủ số thành viên chấm điểm: 1/4 thành viên, cần tối thiểu 3/4 hội đồng."
    assert message_texts(page) == [f"Đã tính kết quả hồ sơ #{dossier.pk}; chưa thể chốt: {reason}"]
    assert page.redirect_chain == [(_result_url(round_, dossier), 302)]
    assert elements(page.content, id="ocop-result-status", data_value="computed")
    assert elements(page.content, id="ocop-result-can-finalise", data_value="no")
    assert reason in page.content.decode()
    # the secretariat may compute but not finalise: no button
    assert not elements(page.content, action=_round_action("round_result_finalise", round_, dossier_id=dossier.pk))


def test_reopen_needs_a_note_then_reopens_the_sheet(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    card = sheet_score(dossier, people.members[0], PLAN_81)
    chair = client_for(people.chair)
    reopen_url = _round_action("round_scorecard_reopen", round_, scorecard_id=card.pk)
    before = workflow_state()

    page = _post_from(chair, _detail(round_), reopen_url, {"note": "  "})

    assert message_texts(page) == ["Hãy ghi rõ lý do mở lại phiếu chấm."]
    assert workflow_state() == before
    assert Scorecard.objects.get(pk=card.pk).status == "submitted"

    page = _post_from(chair, _result_url(round_, dossier), reopen_url,
                      {"note": "Tiêu chí 4.2 chấm nhầm", "back": "result"})

    assert message_texts(page) == ["Đã mở lại phiếu chấm của thanh-vien-1 để chấm lại."]
    assert page.redirect_chain == [(_result_url(round_, dossier), 302)]
    assert Scorecard.objects.get(pk=card.pk).status == "reopened"
    event = AuditEvent.objects.filter(action="scorecard_transition").latest("pk")
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        people.chair, "submitted", "reopened", "Tiêu chí 4.2 chấm nhầm",
    )


def test_chair_of_another_round_gets_404_and_changes_nothing(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81)]:
        sheet_score(dossier, user, plan)
    client = client_for(_other_chair())
    before = workflow_state()

    assert client.get(_detail(round_)).status_code == 404
    assert client.get(_result_url(round_, dossier)).status_code == 404
    response = _csrf_post(client, _round_action("round_result_finalise", round_, dossier_id=dossier.pk))

    assert response.status_code == 404
    assert workflow_state() == before


def test_council_member_cannot_finalise(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81)]:
        sheet_score(dossier, user, plan)
    before = workflow_state()

    response = _csrf_post(client_for(people.members[0]),
                          _round_action("round_result_finalise", round_, dossier_id=dossier.pk))

    assert response.status_code == 404
    assert workflow_state() == before
    assert not Result.objects.exists()


def test_start_scoring_without_a_chair_is_refused(people, client_for):
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)
    council_member_add(evaluation_round=round_, user=people.members[0], role="member", actor=people.secretariat)
    before = workflow_state()

    page = _post_from(client_for(people.secretariat), _detail(round_),
                      _round_action("round_scoring_start", round_), {})

    assert message_texts(page) == ["Hội đồng chưa có chủ tịch."]
    assert workflow_state() == before
    assert elements(page.content, id="ocop-round-status", data_status="open")


def test_assigning_to_a_finalised_round_is_refused(people, rating_product, client_for):
    round_ = round_open(province_code=THANH_HOA, name="Đợt 1 năm 2026", opens_on=datetime.date(2026, 5, 4),
                        actor=people.secretariat)
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    round_scoring_start(evaluation_round=round_, actor=people.secretariat)
    secretariat = client_for(people.secretariat)
    token = csrf_token(secretariat.get(_detail(round_)))
    round_finalise(evaluation_round=round_, actor=people.chair)
    dossier = dossier_forwarded(rating_product, people)
    page = secretariat.get(_detail(round_))
    assert not elements(page.content, name="assign-dossier")
    before = workflow_state()

    response = secretariat.post(_round_action("round_dossier_assign", round_),
                                {"csrfmiddlewaretoken": token, "assign-dossier": dossier.pk}, follow=True)

    assert message_texts(response) == ["Đợt đánh giá đã kết thúc."]
    assert workflow_state() == before
    assert Dossier.objects.get(pk=dossier.pk).status == "forwarded"


def test_round_without_a_name_is_refused(people, client_for):
    create_url = reverse("ocop_rating:round_create")

    page = _post_from(client_for(people.secretariat), create_url, create_url, {"name": " ", "opens_on": "2026-11-02"})

    assert page.status_code == 200
    assert message_texts(page) == ["Hãy đặt tên cho đợt đánh giá."]
    assert not EvaluationRound.objects.exists()


def test_round_with_a_bad_date_is_refused_by_the_form(people, client_for):
    create_url = reverse("ocop_rating:round_create")

    page = _post_from(client_for(people.secretariat), create_url, create_url,
                      {"name": "Đợt 2", "opens_on": "31/02/2026"})

    assert "Ngày không hợp lệ (định dạng ngày/tháng/năm)." in page.content.decode()
    assert not EvaluationRound.objects.exists()


def test_seating_someone_without_the_role_is_refused(people, client_for):
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)

    page = _post_from(client_for(people.secretariat), _detail(round_), _round_action("round_council_add", round_),
                      {"role": "member", "user": people.outsider.pk})

    assert message_texts(page) == ["Người được chọn không thể thêm vào hội đồng."]
    assert not CouncilMember.objects.exists()


def test_assigning_to_chosen_members_only(people, rating_product, client_for):
    dossier = dossier_forwarded(rating_product, people)
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    for member in people.members:
        council_member_add(evaluation_round=round_, user=member, role="member", actor=people.secretariat)
    chosen = [_seat(round_, people.chair), _seat(round_, people.members[1])]

    page = _post_from(client_for(people.secretariat), _detail(round_), _round_action("round_dossier_assign", round_),
                      {"assign-dossier": dossier.pk, "assign-members": [s.pk for s in chosen]})

    assert message_texts(page) == [f"Đã phân công hồ sơ #{dossier.pk} cho 2 thành viên."]
    assert sorted(_cells(page).items()) == sorted({
        str(chosen[0].pk): "none", str(chosen[1].pk): "none",
        str(_seat(round_, people.members[0]).pk): "unassigned", str(_seat(round_, people.members[2]).pk): "unassigned",
    }.items())


# ---------------------------------------------------------------------------------------------
# Permissions: every URL × every kind of user
# ---------------------------------------------------------------------------------------------


def _csrf_post(client: Client, url: str, data: dict | None = None):
    """POST with a token set as the CSRF cookie (for users who can open no page with a form)."""
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return client.post(url, {"csrfmiddlewaretoken": token, **(data or {})})


@pytest.fixture
def finalised(people, rating_product):
    """A round in scoring whose dossier the chair finalised (4★), and a chair of another round."""
    dossier, round_ = dossier_in_scoring(rating_product, people)
    cards = [sheet_score(dossier, user, plan) for user, plan in [
        (people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
        (people.members[2], PLAN_83)]]
    result_finalise(dossier=dossier, actor=people.chair)
    return dossier, round_, cards[1], _other_chair()


GET_NAMES = ("round_list", "round_create", "round_detail", "round_result", "decision_list", "decision_record")
# user → expected status per GET_NAMES
EXPECTED_GET = {
    "outsider": (403, 403, 404, 404, 403, 404),
    "producer": (403, 403, 404, 404, 403, 404),
    "officer": (403, 403, 404, 404, 403, 404),
    "member": (403, 403, 404, 404, 403, 404),
    "other_chair": (200, 403, 404, 404, 403, 404),
    "chair": (200, 403, 200, 200, 403, 404),
    "secretariat": (200, 200, 200, 200, 403, 404),
    "signer": (403, 403, 404, 404, 200, 200),
}
POST_NAMES = ("round_council_add", "round_dossier_assign", "round_scoring_start", "round_finalise",
              "round_result_compute", "round_result_finalise", "round_scorecard_reopen")


def _users(people, other_chair) -> dict:
    return {
        "outsider": people.outsider, "producer": people.producer, "officer": people.officer,
        "member": people.members[0], "other_chair": other_chair, "chair": people.chair,
        "secretariat": people.secretariat, "signer": people.signer,
    }


def _get_urls(dossier, round_) -> dict[str, str]:
    return {
        "round_list": reverse("ocop_rating:round_list"),
        "round_create": reverse("ocop_rating:round_create"),
        "round_detail": _detail(round_),
        "round_result": _result_url(round_, dossier),
        "decision_list": reverse("ocop_rating:decision_list"),
        "decision_record": reverse("ocop_rating:decision_record", kwargs={"dossier_id": dossier.pk}),
    }


def _post_urls(dossier, round_, card) -> dict[str, str]:
    return {
        "round_council_add": _round_action("round_council_add", round_),
        "round_dossier_assign": _round_action("round_dossier_assign", round_),
        "round_scoring_start": _round_action("round_scoring_start", round_),
        "round_finalise": _round_action("round_finalise", round_),
        "round_result_compute": _round_action("round_result_compute", round_, dossier_id=dossier.pk),
        "round_result_finalise": _round_action("round_result_finalise", round_, dossier_id=dossier.pk),
        "round_scorecard_reopen": _round_action("round_scorecard_reopen", round_, scorecard_id=card.pk),
    }


def test_permissions_of_every_page(people, finalised, client_for):
    dossier, round_, _card, other_chair = finalised
    urls = _get_urls(dossier, round_)
    users = _users(people, other_chair)
    anonymous = Client(enforce_csrf_checks=True)
    for url in urls.values():
        response = anonymous.get(url)
        assert (response.status_code, response["Location"]) == (302, f"/shop/accounts/login/?next={url}")

    seen = {}
    for key, user in users.items():
        client = client_for(user)
        seen[key] = tuple(client.get(urls[name]).status_code for name in GET_NAMES)
    assert seen == EXPECTED_GET


def test_permissions_of_every_action(people, finalised, client_for):
    dossier, round_, card, other_chair = finalised
    urls = _post_urls(dossier, round_, card)
    before = workflow_state()
    seats = CouncilMember.objects.count()

    anonymous = Client(enforce_csrf_checks=True)
    for url in urls.values():
        response = _csrf_post(anonymous, url)
        assert (response.status_code, response["Location"]) == (302, f"/shop/accounts/login/?next={url}")

    users = _users(people, other_chair)
    refused = {key: users[key] for key in ("outsider", "producer", "officer", "member", "other_chair", "signer")}
    data = {"role": "member", "user": people.spare_member.pk, "note": "thử", "assign-dossier": dossier.pk}
    seen = {key: tuple(_csrf_post(client_for(user), urls[name], data).status_code for name in POST_NAMES)
            for key, user in refused.items()}
    assert seen == {key: (404,) * len(POST_NAMES) for key in refused}

    # the secretariat and the chair reach the actions (the services then decide); GET is not allowed
    for user in (people.secretariat, people.chair):
        client = client_for(user)
        assert {client.get(url).status_code for url in urls.values()} == {405}
    assert workflow_state() == before
    assert CouncilMember.objects.count() == seats
    assert not AuditEvent.objects.filter(refused=True).exists()


# ---------------------------------------------------------------------------------------------
# Query count
# ---------------------------------------------------------------------------------------------


# session, user, roles, round, chair check, council, dossiers, assignments, conflicts, the forms' choices, ...
ROUND_DETAIL_QUERIES = 17


def _round_with_dossiers(people, count: int) -> EvaluationRound:
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    for member in people.members:
        council_member_add(evaluation_round=round_, user=member, role="member", actor=people.secretariat)
    for number in range(count):
        product = ProductFactory(title=f"Nước mắm số {number + 1}")
        product.producer.partner.users.add(people.producer)
        dossier_assign(evaluation_round=round_, dossier=dossier_forwarded(product, people), actor=people.secretariat)
    round_scoring_start(evaluation_round=round_, actor=people.secretariat)
    for dossier in round_.dossiers.all():
        sheet_score(dossier, people.members[0], PLAN_81)
    return round_


def _queries(client, round_) -> int:
    client.get(_detail(round_))  # warm the session and caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(_detail(round_))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["secretariat", "chair"])
def test_round_detail_query_count_does_not_grow_with_dossiers(people, viewer, client_for):
    user = getattr(people, viewer)
    one = _round_with_dossiers(people, 1)
    one_count = _queries(client_for(user), one)

    four = _round_with_dossiers(people, 4)
    assert len(elements(client_for(user).get(_detail(four)).content, css_class="ocop-progress__row")) == 4

    assert _queries(client_for(user), four) == one_count == ROUND_DETAIL_QUERIES


def test_the_chair_sees_no_result_figure_before_submitting_their_own_sheet(people, rating_product, client_for):
    # Given two members have submitted very different sheets (83 and 15) and the chair has not scored yet
    dossier, round_ = dossier_in_scoring(rating_product, people)
    sheet_score(dossier, people.members[0], PLAN_83)
    sheet_score(dossier, people.members[1], PLAN_LOWEST)
    chair, secretariat = client_for(people.chair), client_for(people.secretariat)
    before = workflow_state()

    # When the chair tries to compute the result
    page = _post_from(chair, _result_url(round_, dossier), _round_action("round_result_compute", round_,
                                                                           dossier_id=dossier.pk), {"back": "result"})

    # Then it is refused and nothing is computed
    assert message_texts(page) == ["Hãy nộp phiếu chấm của bạn cho hồ sơ này trước khi tính hoặc chốt kết quả."]
    assert workflow_state() == before

    # When the secretariat computes it (average 49, spread 68), the secretariat sees the figures
    _post_from(secretariat, _result_url(round_, dossier), _round_action("round_result_compute", round_,
                                                                         dossier_id=dossier.pk), {"back": "result"})
    assert elements(secretariat.get(_result_url(round_, dossier)).content, id="ocop-result-spread", data_value="68.00")

    # but the chair, still to score, sees neither on the result page nor in the progress table
    for page in (chair.get(_result_url(round_, dossier)), chair.get(_detail(round_))):
        html = page.content.decode()
        assert not any(figure in html for figure in ("49.00", "49,00", "68.00", "68,00", "chênh lệch 68"))
    assert elements(chair.get(_result_url(round_, dossier)).content, id="ocop-result-status", data_value="hidden")
    progress = chair.get(_detail(round_))
    assert elements(progress.content, css_class="ocop-progress__result", data_result="none")
    assert not elements(progress.content, **{"<tag>": "form", "action": _round_action(
        "round_result_compute", round_, dossier_id=dossier.pk)})

    # When the chair submits their own sheet, the result shows to them too
    sheet_score(dossier, people.chair, PLAN_83)
    assert elements(chair.get(_result_url(round_, dossier)).content, id="ocop-result-status", data_value="computed")


def test_the_producer_reads_no_council_figure_in_the_history_before_the_decision(people, rating_product, client_for):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
                       (people.members[2], PLAN_83)]:
        sheet_score(dossier, user, plan)
    _post_from(client_for(people.chair), _detail(round_),
               _round_action("round_result_finalise", round_, dossier_id=dossier.pk), {})

    page = client_for(people.producer).get(reverse("ocop_rating:dossier_detail", kwargs={"dossier_id": dossier.pk}))

    html = page.content.decode()
    assert "hội đồng đã chốt kết quả" in html
    assert not any(figure in html for figure in ("82.00", "82,00", "4 sao"))
