"""A council member scores an assigned dossier over HTTP: conflict declaration, sheet, totals, submission.

The round, council and dossier come from the workflow's integration helpers (sheet #9, 31 leaves).
Every POST carries the CSRF token of the page the form came from.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ocop_rating.models import (
    Assignment,
    AuditEvent,
    ConflictDeclaration,
    Criterion,
    Option,
    Scorecard,
    ScoreEntry,
)
from tests.factories import ProductFactory
from tests.rating import dossier_in_scoring, sheet_leaves

from .portal import post_form
from .shop import csrf_token, elements, message_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(people, rating_product):
    dossier, round_ = dossier_in_scoring(rating_product, people)
    return dossier


def _url(assignment) -> str:
    return reverse("ocop_rating:score", kwargs={"assignment_id": assignment.pk})


def _assignment(dossier, user) -> Assignment:
    return Assignment.objects.get(dossier=dossier, member__user=user)


def _first_choice(leaf: Criterion) -> tuple[str, Decimal]:
    """The form value and points of a leaf's first option ("yes" = full points on a binary leaf)."""
    if leaf.is_binary:
        return "yes", leaf.max_points
    option = leaf.options.order_by("position").first()
    return str(option.pk), option.points


def _sheet_data(dossier) -> tuple[dict, dict[str, Decimal]]:
    data, parts = {}, {"A": Decimal(0), "B": Decimal(0), "C": Decimal(0)}
    for leaf in sheet_leaves(dossier).values():
        value, points = _first_choice(leaf)
        data[f"leaf-{leaf.pk}"] = value
        parts[leaf.part] += points
    return data, parts


def _text_of(page, **attrs) -> list[str]:
    return [found.get("data-value") for found in elements(page.content, **attrs)]


def test_anonymous_is_sent_to_the_login_page(scoring, people):
    client = Client()
    assignment = _assignment(scoring, people.members[0])

    for url in (reverse("ocop_rating:portal"), _url(assignment)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/shop/accounts/login/?next={url}"


def test_user_without_a_rating_role_gets_403_with_a_message(people, client_for):
    response = client_for(people.outsider).get(reverse("ocop_rating:portal"))

    assert response.status_code == 403
    assert "chưa được cấp vai trò nào" in response.content.decode()


def test_portal_lists_the_members_assignments(scoring, people, client_for):
    member = people.members[0]
    response = client_for(member).get(reverse("ocop_rating:portal"))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Thành viên hội đồng" in html
    assignment = _assignment(scoring, member)
    assert elements(response.content, href=_url(assignment))
    assert [e["data-status"] for e in elements(response.content, css_class="ocop-assignment__status")] == ["none"]


def test_non_member_and_other_member_get_404(scoring, people, client_for):
    assignment = _assignment(scoring, people.members[0])

    assert client_for(people.outsider).get(_url(assignment)).status_code == 404
    assert client_for(people.spare_member).get(_url(assignment)).status_code == 404
    assert client_for(people.members[1]).get(_url(assignment)).status_code == 404


def test_member_declares_scores_sees_totals_and_submits(scoring, people, client_for):
    member = people.members[0]
    client = client_for(member)
    url = _url(_assignment(scoring, member))

    # given the page asks for the conflict declaration first
    first = client.get(url)
    assert elements(first.content, name="has_conflict", value="no")
    assert not elements(first.content, name="action", value="submit")

    # when the member declares no conflict, then the sheet shows with all 31 leaves
    page = post_form(client, url, {"action": "conflict", "has_conflict": "no"})
    assert len(elements(page.content, css_class="ocop-leaf")) == 31
    assert elements(page.content, css_class="ocop-leaf__min-star")

    # when they choose the first option of every leaf and save
    data, parts = _sheet_data(scoring)
    page = post_form(client, url, {"action": "save", **data})
    assert message_texts(page) == ["Đã lưu điểm."]
    assert ScoreEntry.objects.filter(scorecard__assignment__member__user=member).count() == 31

    # then the page shows the exact saved totals per part and overall
    for code, value in parts.items():
        assert _text_of(page, data_total_part=code) == [f"{value:.2f}"]
    total = sum(parts.values())
    assert _text_of(page, id="ocop-total") == [f"{total:.2f}"]

    # when they submit
    page = post_form(client, url, {"action": "submit", **data})
    assert message_texts(page) == ["Đã nộp phiếu chấm. Phiếu đã khóa."]
    card = Scorecard.objects.get(assignment__member__user=member)
    assert card.status == Scorecard.Status.SUBMITTED
    assert card.total == total
    assert (card.part_a, card.part_b, card.part_c) == (parts["A"], parts["B"], parts["C"])
    # and the sheet is read-only
    assert not elements(page.content, name="action", value="submit")
    assert len(elements(page.content, css_class="ocop-leaf", disabled="")) == 31

    # when they submit again, it is refused with the message
    again = client.post(url, {"csrfmiddlewaretoken": csrf_token(first), "action": "submit"}, follow=True)
    assert message_texts(again) == ["Phiếu chấm đã được nộp, không thể nộp lại."]
    assert Scorecard.objects.get(pk=card.pk).submitted_at == card.submitted_at


def test_other_members_submitted_totals_show_after_own_submission(scoring, people, client_for):
    first, second = people.members[0], people.members[1]
    data, parts = _sheet_data(scoring)
    for user in (first, second):
        client = client_for(user)
        url = _url(_assignment(scoring, user))
        post_form(client, url, {"action": "conflict", "has_conflict": "no"})
        page = post_form(client, url, {"action": "submit", **data})

    # the second member, having submitted, sees the first member's total
    assert [e["data-other-total"] for e in elements(page.content)
            if "data-other-total" in e] == [f"{sum(parts.values()):.2f}"]


def test_option_of_another_criterion_is_refused_and_nothing_is_saved(scoring, people, client_for):
    member = people.members[0]
    client = client_for(member)
    url = _url(_assignment(scoring, member))
    post_form(client, url, {"action": "conflict", "has_conflict": "no"})
    data, _parts = _sheet_data(scoring)
    leaves = [leaf for leaf in sheet_leaves(scoring).values() if not leaf.is_binary]
    target, other = leaves[1], leaves[0]
    data[f"leaf-{target.pk}"] = str(Option.objects.filter(criterion=other).first().pk)

    page = post_form(client, url, {"action": "save", **data})

    assert page.status_code == 200
    assert message_texts(page) == [f"Phương án đã chọn không thuộc tiêu chí {target.code}."]
    assert not ScoreEntry.objects.exists()
    assert AuditEvent.objects.filter(action="scorecard_save_entry", refused=True, actor=member).count() == 1


@pytest.mark.parametrize("value", ["²", "9" * 30, "-3", "1.5"])
def test_a_value_that_is_no_option_id_is_refused_without_an_error_page(scoring, people, value, client_for):
    member = people.members[0]
    client = client_for(member)
    url = _url(_assignment(scoring, member))
    post_form(client, url, {"action": "conflict", "has_conflict": "no"})
    data, _parts = _sheet_data(scoring)
    target = next(leaf for leaf in sheet_leaves(scoring).values() if not leaf.is_binary)
    data[f"leaf-{target.pk}"] = value

    page = post_form(client, url, {"action": "save", **data})

    assert page.status_code == 200
    assert message_texts(page) == [f"Lựa chọn cho tiêu chí {target.code} không hợp lệ."]
    assert not ScoreEntry.objects.exists()


def test_conflicted_member_cannot_score(scoring, people, client_for):
    member = people.members[0]
    client = client_for(member)
    url = _url(_assignment(scoring, member))

    page = post_form(client, url, {"action": "conflict", "has_conflict": "yes", "note": "Là họ hàng của chủ thể"})

    assert elements(page.content, data_conflict="yes")
    assert "không được chấm điểm" in page.content.decode()
    assert not elements(page.content, css_class="ocop-leaf")
    # and a sheet posted anyway is refused by the service
    data, _parts = _sheet_data(scoring)
    refused = post_form(client, url, {"action": "save", **data})
    assert message_texts(refused) == ["Bạn đã khai báo xung đột lợi ích với hồ sơ này nên không được chấm."]
    assert not ScoreEntry.objects.exists()


def test_conflict_with_a_conflict_needs_a_note(scoring, people, client_for):
    member = people.members[0]
    client = client_for(member)
    url = _url(_assignment(scoring, member))

    page = post_form(client, url, {"action": "conflict", "has_conflict": "yes", "note": ""})

    assert message_texts(page) == ["Hãy ghi rõ nội dung xung đột lợi ích."]
    assert elements(page.content, name="has_conflict", value="no")
    assert not ConflictDeclaration.objects.exists()


def test_portal_home_costs_the_same_queries_for_one_or_three_assignments(people, rating_product, client_for):
    member = people.members[0]
    client = client_for(member)
    dossier_in_scoring(rating_product, people)
    client.get(reverse("ocop_rating:portal"))  # the session's first page creates its basket
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("ocop_rating:portal")).status_code == 200
    for title in ("Nước mắm Lạch Bạng", "Nước mắm Ba Làng"):
        product = ProductFactory(title=title, producer=rating_product.producer)
        dossier_in_scoring(product, people)
    with CaptureQueriesContext(connection) as three:
        page = client.get(reverse("ocop_rating:portal"))

    assert len(elements(page.content, css_class="ocop-assignment")) == 3
    assert len(three.captured_queries) == len(one.captured_queries)
