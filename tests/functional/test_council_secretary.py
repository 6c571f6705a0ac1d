"""The council's secretary (thư ký hội đồng): seated by the secretariat, never scores, signs the minutes.

The secretary is an officer of the provincial OCOP secretariat; at most one per round (a database
constraint, like the chair's). The seat is not assignable, so it never counts in a dossier's council
size or quorum, and the minutes (PDF, XLSX) print the secretary's name on the secretary's line.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.crypto import get_random_string
from openpyxl import load_workbook
from pypdf import PdfReader

from ocop_rating import roles
from ocop_rating.council.services import (
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
)
from ocop_rating.models import Assignment, AuditEvent, CouncilMember, Dossier, EvaluationRound
from ocop_rating.results.services import result_compute, result_finalise, round_finalise
from tests.factories import THANH_HOA
from tests.rating import (
    PLAN_81,
    PLAN_83,
    assert_refused,
    dossier_forwarded,
    sheet_score,
    user_with_roles,
)

from .portal import post_form
from .shop import elements, message_texts

pytestmark = pytest.mark.django_db

SECRETARY_NAME = "Phạm Thị Thu Hà"
ONE_SECRETARY = "Hội đồng đã có thư ký; mỗi đợt đánh giá chỉ có một thư ký hội đồng."
NOT_ASSIGNABLE = "Thư ký hội đồng không chấm điểm nên không được phân công chấm hồ sơ."


@pytest.fixture
def secretary():
    """An officer of the provincial OCOP secretariat, named as the minutes print her."""
    user = user_with_roles("thu-ky", roles.SECRETARIAT)
    user.first_name, user.last_name = "Phạm Thị", "Thu Hà"
    user.save()
    return user


@pytest.fixture
def open_round(people):
    """An open round with its chair and three members seated, no secretary yet."""
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    for member in people.members:
        council_member_add(evaluation_round=round_, user=member, role="member", actor=people.secretariat)
    return round_


def _detail(round_) -> str:
    return reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk})


def _add_url(round_) -> str:
    return reverse("ocop_rating:round_council_add", kwargs={"round_id": round_.pk})


def _seats(round_) -> list[tuple[str, str]]:
    return list(round_.council.order_by("role", "pk").values_list("user__username", "role"))


def _seat_secretary(round_, people, secretary) -> CouncilMember:
    return council_member_add(evaluation_round=round_, user=secretary, role="secretary", actor=people.secretariat)


def _options(page, select_id: str) -> list[str]:
    """The values offered by one <select> of the page (the empty choice left out)."""
    block = re.search(rf'<select[^>]*id="{select_id}"[^>]*>(.*?)</select>', page.content.decode(), re.S)
    assert block, f"no select {select_id}"
    return [value for value in re.findall(r'<option value="([^"]*)"', block.group(1)) if value]


def _csrf_post(client, url: str, data: dict, **kwargs):
    """POST with a token set as the CSRF cookie (for users who can open no page with the form)."""
    token = get_random_string(32)
    client.cookies[settings.CSRF_COOKIE_NAME] = token
    return client.post(url, {"csrfmiddlewaretoken": token, **data}, **kwargs)


# ---------------------------------------------------------------------------------------------
# Seating
# ---------------------------------------------------------------------------------------------


def test_secretariat_seats_the_secretary_on_the_round_page(people, open_round, secretary, client_for):
    client = client_for(people.secretariat)

    # Given the open round's page offers a secretary form listing only secretariat officers
    page = client.get(_detail(open_round))
    assert len(elements(page.content, css_class="ocop-seat-form", data_role="secretary")) == 1
    assert _options(page, "id_seat_secretary_user") == [str(secretary.pk), str(people.secretariat.pk)]

    # When the secretariat seats her as secretary
    page = post_form(client, _detail(open_round), {"role": "secretary", "user": secretary.pk},
                     action_url=_add_url(open_round))

    # Then she holds the round's secretary seat, shown in the council list, and the form is gone
    assert message_texts(page) == [f"Đã thêm {SECRETARY_NAME} vào hội đồng (Thư ký hội đồng)."]
    assert _seats(open_round) == [
        ("chu-tich", "chair"), ("thanh-vien-1", "member"), ("thanh-vien-2", "member"), ("thanh-vien-3", "member"),
        ("thu-ky", "secretary"),
    ]
    seat = CouncilMember.objects.get(round=open_round, role="secretary")
    listed = elements(page.content, css_class="ocop-council__seat", data_role="secretary")
    assert [item["data-seat"] for item in listed] == [str(seat.pk)]
    assert f"{SECRETARY_NAME} — Thư ký hội đồng" in page.content.decode()
    assert elements(page.content, css_class="ocop-seat-form", data_role="secretary") == []
    assert AuditEvent.objects.filter(action="council_member_add", refused=False).count() == 5


def test_a_second_secretary_is_refused_and_nothing_is_written(people, open_round, secretary, client_for):
    # Given the round has its secretary
    _seat_secretary(open_round, people, secretary)
    seats = _seats(open_round)

    # When the secretariat tries to seat another secretariat officer as secretary, then it is refused
    assert_refused(
        lambda: council_member_add(evaluation_round=open_round, user=people.secretariat, role="secretary",
                                   actor=people.secretariat),
        message=ONE_SECRETARY, actor=people.secretariat, action="council_member_add",
    )
    # and over HTTP (a form from a page opened before the first secretary was seated) the page says why
    page = post_form(client_for(people.secretariat), _detail(open_round),
                     {"role": "secretary", "user": people.secretariat.pk}, action_url=_add_url(open_round))
    assert message_texts(page) == [ONE_SECRETARY]
    # and no seat was written
    assert _seats(open_round) == seats


def test_the_database_holds_one_secretary_per_round(people, open_round, secretary):
    # Given a round with its secretary
    _seat_secretary(open_round, people, secretary)

    # When a second secretary row is written past the service, then the database refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        CouncilMember.objects.create(round=open_round, user=people.secretariat, role="secretary")
    assert CouncilMember.objects.filter(round=open_round, role="secretary").count() == 1


def test_only_a_secretariat_officer_may_be_secretary(people, open_round):
    # When a council member is proposed as secretary, then it is refused and nothing is written
    seats = _seats(open_round)
    assert_refused(
        lambda: council_member_add(evaluation_round=open_round, user=people.spare_member, role="secretary",
                                   actor=people.secretariat),
        message="Thư ký hội đồng phải là cán bộ của cơ quan tham mưu OCOP cấp tỉnh.",
        actor=people.secretariat, action="council_member_add",
    )
    assert _seats(open_round) == seats


@pytest.mark.parametrize("who", ["outsider", "producer", "officer", "member", "signer"])
def test_people_outside_the_secretariat_and_the_chair_do_not_see_the_round(people, open_round, secretary,
                                                                          client_for, who):
    # Given a user of another role, when they post a secretary seat
    response = _csrf_post(client_for(people.in_role(who)), _add_url(open_round),
                          {"role": "secretary", "user": secretary.pk})

    # Then the round does not exist for them and no seat is written
    assert response.status_code == 404
    assert CouncilMember.objects.filter(role="secretary").exists() is False


def test_the_rounds_chair_may_not_seat_the_secretary(people, open_round, secretary, client_for):
    # Given the round's chair, who may open the round's page but is offered no seat form
    client = client_for(people.chair)
    page = client.get(_detail(open_round))
    assert elements(page.content, css_class="ocop-seat-form") == []
    seats = _seats(open_round)

    # When the chair posts a secretary seat anyway
    page = _csrf_post(client, _add_url(open_round), {"role": "secretary", "user": secretary.pk}, follow=True)

    # Then the service refuses it with the reason, audits the refusal and writes no seat
    message = "Chỉ cơ quan tham mưu OCOP cấp tỉnh được lập hội đồng."
    assert message_texts(page) == [message]
    assert _seats(open_round) == seats
    refusal = AuditEvent.objects.get(refused=True)
    assert (refusal.actor, refusal.action, refusal.note) == (people.chair, "council_member_add", f"từ chối: {message}")


# ---------------------------------------------------------------------------------------------
# Never scores: not assignable, not in quorum
# ---------------------------------------------------------------------------------------------


def test_the_secretary_cannot_be_assigned_a_dossier(people, open_round, secretary, rating_product, client_for):
    # Given a round with its secretary and a forwarded dossier
    seat = _seat_secretary(open_round, people, secretary)
    dossier = dossier_forwarded(rating_product, people)

    # Then the assignment form offers the chair and members, not the secretary
    page = client_for(people.secretariat).get(_detail(open_round))
    offered = [box["value"] for box in elements(page.content, name="assign-members")]
    assert offered == [str(pk) for pk in CouncilMember.objects.filter(
        round=open_round, role__in=["chair", "member"]).order_by("role", "pk").values_list("pk", flat=True)]

    # When the secretariat assigns the dossier to the secretary, then it is refused and nothing is written
    assert_refused(
        lambda: dossier_assign(evaluation_round=open_round, dossier=dossier, members=[seat], actor=people.secretariat),
        message=NOT_ASSIGNABLE, actor=people.secretariat, action="dossier_assign",
    )
    assert Assignment.objects.exists() is False

    # When it is assigned to the whole council, then everyone who scores gets it and the secretary does not
    dossier_assign(evaluation_round=open_round, dossier=dossier, actor=people.secretariat)
    assert sorted(Assignment.objects.values_list("member__user__username", flat=True)) == [
        "chu-tich", "thanh-vien-1", "thanh-vien-2", "thanh-vien-3",
    ]


def test_the_secretary_counts_neither_in_quorum_nor_in_council_size(people, open_round, secretary, rating_product,
                                                                    client_for):
    # Given a round of chair + 3 members + the secretary, a dossier assigned to the council and scoring started
    _seat_secretary(open_round, people, secretary)
    dossier = dossier_forwarded(rating_product, people)
    dossier_assign(evaluation_round=open_round, dossier=dossier, actor=people.secretariat)
    round_scoring_start(evaluation_round=open_round, actor=people.secretariat)
    dossier = Dossier.objects.get(pk=dossier.pk)

    # When three of the four scorers submit (3/4 = the quorum; 3/5 would not be)
    for user, plan in ((people.chair, PLAN_83), (people.members[0], PLAN_83), (people.members[1], PLAN_81)):
        sheet_score(dossier, user, plan)
    result = result_compute(dossier=dossier, actor=people.secretariat)

    # Then the council counted for the dossier is four and the result may be finalised
    assert (result.council_size, result.can_finalise, result.average, result.star) == (4, True, Decimal("82.33"), 4)
    # and the round list counts four council members, the progress table has no column for the secretary
    client = client_for(people.secretariat)
    listed = client.get(reverse("ocop_rating:round_list"))
    assert [d["data-value"] for d in elements(listed.content, css_class="ocop-round-list__council")] == ["4"]
    page = client.get(_detail(open_round))
    secretary_seat = CouncilMember.objects.get(round=open_round, role="secretary")
    cells = elements(page.content, css_class="ocop-progress__cell")
    assert len(cells) == 4
    assert [c for c in cells if c["data-seat"] == str(secretary_seat.pk)] == []


# ---------------------------------------------------------------------------------------------
# The minutes
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def finished_round(people, open_round, secretary, rating_product):
    """The round with its secretary, one dossier scored by the four scorers and finalised, the round closed."""
    _seat_secretary(open_round, people, secretary)
    dossier = dossier_forwarded(rating_product, people)
    dossier_assign(evaluation_round=open_round, dossier=dossier, actor=people.secretariat)
    round_scoring_start(evaluation_round=open_round, actor=people.secretariat)
    dossier = Dossier.objects.get(pk=dossier.pk)
    for user, plan in ((people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_83),
                       (people.members[2], PLAN_81)):
        sheet_score(dossier, user, plan)
    result_finalise(dossier=dossier, actor=people.chair)
    return round_finalise(evaluation_round=open_round, actor=people.chair)


def _minutes(client, round_, kind: str):
    response = client.get(reverse(f"ocop_rating:minutes_{kind}", kwargs={"round_id": round_.pk}))
    assert response.status_code == 200
    return response.content


def test_the_minutes_pdf_names_the_secretary_in_the_council_and_on_the_signature_line(
    people, finished_round, client_for,
):
    # When the secretariat downloads the minutes of the finished round
    pdf = _minutes(client_for(people.secretariat), finished_round, "pdf")

    # Then the council lists the secretary with her role, and her name stands under "THƯ KÝ HỘI ĐỒNG"
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"– {SECRETARY_NAME} (Thư ký hội đồng)" in text
    signatures = text[text.index("THƯ KÝ HỘI ĐỒNG"):]
    assert signatures.count(SECRETARY_NAME) == 1
    assert "Hội đồng không có thư ký" not in text


def test_the_minutes_xlsx_lists_the_secretary_but_gives_her_no_score_column(people, finished_round, client_for):
    # When the chair downloads the minutes as XLSX
    workbook = load_workbook(io.BytesIO(_minutes(client_for(people.chair), finished_round, "xlsx")))

    # Then the score table has one column per scorer only
    header = next(workbook["Biên bản"].iter_rows(values_only=True))
    assert header[:8] == (
        "STT", "Sản phẩm", "Chủ thể", "chu-tich", "thanh-vien-1", "thanh-vien-2", "thanh-vien-3", "Điểm trung bình",
    )
    assert SECRETARY_NAME not in header
    # and the council sheet lists the secretary after the scorers
    assert list(workbook["Thành viên"].iter_rows(values_only=True)) == [
        ("STT", "Họ và tên", "Vai trò"),
        (1, "chu-tich", "Chủ tịch hội đồng"),
        (2, "thanh-vien-1", "Thành viên"),
        (3, "thanh-vien-2", "Thành viên"),
        (4, "thanh-vien-3", "Thành viên"),
        (5, SECRETARY_NAME, "Thư ký hội đồng"),
    ]


def test_minutes_without_a_secretary_say_so(people, open_round, rating_product, client_for):
    # Given a round closed without a secretary
    dossier = dossier_forwarded(rating_product, people)
    dossier_assign(evaluation_round=open_round, dossier=dossier, actor=people.secretariat)
    round_scoring_start(evaluation_round=open_round, actor=people.secretariat)
    dossier = Dossier.objects.get(pk=dossier.pk)
    for user in (people.chair, *people.members):
        sheet_score(dossier, user, PLAN_83)
    result_finalise(dossier=dossier, actor=people.chair)
    round_finalise(evaluation_round=open_round, actor=people.chair)
    assert EvaluationRound.objects.get(pk=open_round.pk).status == "finalised"
    client = client_for(people.secretariat)

    # When the minutes are downloaded, then both say plainly that the council had no secretary
    no_secretary = "Hội đồng không có thư ký (chưa cử thư ký hội đồng cho đợt này)."
    pdf = _minutes(client, open_round, "pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)
    assert f"– {no_secretary}" in text
    assert no_secretary in text[text.index("THƯ KÝ HỘI ĐỒNG"):]
    workbook = load_workbook(io.BytesIO(_minutes(client, open_round, "xlsx")))
    assert list(workbook["Thành viên"].iter_rows(values_only=True))[-1] == (None, no_secretary, "Thư ký hội đồng")
