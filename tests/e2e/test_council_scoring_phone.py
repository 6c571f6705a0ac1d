"""A council member scores an assigned dossier on a phone, in a real browser, with live totals."""

from decimal import Decimal

import pytest
from django.urls import reverse

from ocop_rating.models import Assignment, Scorecard
from tests.rating import dossier_in_scoring, sheet_leaves

from .browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _score_on_phone(page, *, base_url: str, username: str, url: str) -> dict:
    """What the member does in the browser; returns the totals they saw."""
    # signs in and is sent on to the assignment
    sign_in(page, base_url=base_url, username=username, next_path=url)

    # declares no conflict of interest
    page.check('input[name="has_conflict"][value="no"]')
    page.locator('form.ocop-conflict__form [type=submit]').click()
    page.wait_for_selector("[data-leaf]")
    before = page.locator("#ocop-total").get_attribute("data-value")

    # picks the first answer of every leaf (full points on yes/no leaves) by tapping its label
    leaves = page.locator("[data-leaf]")
    for index in range(leaves.count()):
        leaves.nth(index).locator(".ocop-leaf__option label").first.click()
    live = page.locator("#ocop-total").get_attribute("data-value")
    live_parts = {code: page.locator(f'[data-total-part="{code}"]').get_attribute("data-value") for code in "ABC"}

    # saves, then submits
    page.locator('button[name="action"][value="save"]').click()
    page.wait_for_selector(".alert-success")
    saved = page.locator("#ocop-total").get_attribute("data-value")
    page.locator('button[name="action"][value="submit"]').click()
    page.wait_for_selector('.ocop-scoring__status[data-status="submitted"]')
    return {"before": before, "live": live, "live_parts": live_parts, "saved": saved,
            "width": page.evaluate("window.innerWidth"),
            "scroll_width": page.evaluate("document.documentElement.scrollWidth")}


def test_member_scores_and_submits_on_a_phone(live_server, in_phone_browser, people, rating_product):
    # given a dossier of sheet #9 in a round in scoring, assigned to the member
    dossier, _round = dossier_in_scoring(rating_product, people)
    member = people.members[0]
    assignment = Assignment.objects.get(dossier=dossier, member__user=member)
    parts = {"A": Decimal(0), "B": Decimal(0), "C": Decimal(0)}
    for leaf in sheet_leaves(dossier).values():
        parts[leaf.part] += leaf.max_points if leaf.is_binary else leaf.options.order_by("position").first().points
    total = sum(parts.values())

    # when they score every leaf on a 390 px phone and submit
    url = reverse("ocop_rating:score", kwargs={"assignment_id": assignment.pk})
    seen = in_phone_browser(lambda page: _score_on_phone(page, base_url=live_server.url, username=member.email,
                                                         url=url))

    # then the total updated live as they tapped, and the page fits the phone
    assert seen["width"] == 390
    assert seen["scroll_width"] <= 390
    assert seen["before"] == "0.00"
    assert seen["live"] == f"{total:.2f}"
    assert seen["live_parts"] == {code: f"{value:.2f}" for code, value in parts.items()}
    assert seen["saved"] == f"{total:.2f}"
    # and the scorecard is submitted with that total
    card = Scorecard.objects.get(assignment=assignment)
    assert card.status == Scorecard.Status.SUBMITTED
    assert card.total == total
