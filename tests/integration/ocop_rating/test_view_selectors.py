"""Selectors the thin views read through, where they encode a rule: who chairs a round, who opens a dossier,
and the producer's part totals on a real sheet."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.db.models import Count

from ocop_rating import roles
from ocop_rating.council.selectors import rounds_chaired_by, user_chairs_round
from ocop_rating.council.services import council_member_add, round_open
from ocop_rating.dossiers.selectors import (
    dossier_evidence_file_or_none,
    dossier_for_commune_check_or_none,
    dossier_of_producer_staff_or_none,
    dossier_visible_to_or_none,
    self_assessments_by_criterion,
    sheet_leaves,
)
from ocop_rating.dossiers.services import dossier_sheet
from ocop_rating.results.scoring import part_totals
from tests.factories import THANH_HOA
from tests.rating import PLAN_83, dossier_draft, user_with_roles

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def two_rounds(people):
    """Round 1 chaired by ``people.chair`` with member 1; round 2 chaired by another chair."""
    rounds = []
    for name, chair in (("Đợt 1 năm 2026", people.chair),
                        ("Đợt 2 năm 2026", user_with_roles("chu-tich-2", roles.COUNCIL_CHAIR))):
        round_ = round_open(province_code=THANH_HOA, name=name, opens_on=datetime.date(2026, 11, 2),
                            actor=people.secretariat)
        council_member_add(evaluation_round=round_, user=chair, role="chair", actor=people.secretariat)
        rounds.append(round_)
    council_member_add(evaluation_round=rounds[0], user=people.members[0], role="member", actor=people.secretariat)
    return rounds


def test_the_chair_of_a_round_chairs_it_and_no_other(people, two_rounds, django_assert_num_queries):
    # Given two rounds, the first chaired by people.chair
    first, second = two_rounds
    # When asked about each round, then only the first is theirs, at one query each
    with django_assert_num_queries(1):
        assert user_chairs_round(user=people.chair, round_id=first.pk) is True
    with django_assert_num_queries(1):
        assert user_chairs_round(user=people.chair, round_id=second.pk) is False


@pytest.mark.parametrize("who", ["member", "secretariat", "signer", "outsider"])
def test_no_one_else_chairs_the_round(people, two_rounds, who):
    # Given round 1 with a member seated on its council, when a member, the secretariat, the signer or an
    # outsider is asked about, then none of them chairs it
    assert user_chairs_round(user=people.in_role(who), round_id=two_rounds[0].pk) is False


def test_an_anonymous_user_chairs_nothing_and_costs_no_query(two_rounds, django_assert_num_queries):
    # Given an anonymous visitor, when asked about a round, then False without a query
    with django_assert_num_queries(0):
        assert user_chairs_round(user=AnonymousUser(), round_id=two_rounds[0].pk) is False
        assert list(rounds_chaired_by(user=AnonymousUser())) == []


def test_a_chair_seat_without_the_chair_role_or_an_active_account_chairs_nothing(people, two_rounds):
    # Given the chair of round 1 whose council-chair role was taken away
    first = two_rounds[0]
    people.chair.groups.remove(Group.objects.get(name=roles.COUNCIL_CHAIR))
    # When asked, then the seat alone does not make them chair
    assert user_chairs_round(user=people.chair, round_id=first.pk) is False
    assert list(rounds_chaired_by(user=people.chair)) == []
    # Given the role back but the account deactivated, then still not
    people.chair.groups.add(Group.objects.get(name=roles.COUNCIL_CHAIR))
    people.chair.is_active = False
    assert user_chairs_round(user=people.chair, round_id=first.pk) is False
    # And no round at all is chaired by anyone
    people.chair.is_active = True
    assert user_chairs_round(user=people.chair, round_id=None) is False


def test_rounds_chaired_by_keeps_counts_over_the_whole_council(people, two_rounds):
    # Given round 1: chair + one member; round 2: its own chair
    first = two_rounds[0]
    # When the chair's rounds are counted with their council, then only round 1, with both seats counted
    # (the chair's seat is matched in a subquery, so it does not narrow the annotation's join)
    rounds = list(rounds_chaired_by(user=people.chair).annotate(seats=Count("council")))
    assert [(r.pk, r.seats) for r in rounds] == [(first.pk, 2)]


def test_a_dossier_opens_only_for_those_who_may_see_it(people, rating_product):
    # Given a draft dossier of people.producer's product with one evidence file
    dossier = dossier_draft(rating_product, people)
    evidence = dossier.evidence.get()
    # When each looks it up, then its producer's staff find it for reading and editing
    assert dossier_visible_to_or_none(user=people.producer, dossier_id=dossier.pk) == dossier
    assert dossier_of_producer_staff_or_none(user=people.producer, dossier_id=dossier.pk) == dossier
    assert dossier_evidence_file_or_none(dossier=dossier, file_id=evidence.pk) == evidence
    # And no one else, nor the officer before it is submitted, nor a missing id
    for user in (people.outsider, people.secretariat, people.officer, AnonymousUser()):
        assert dossier_visible_to_or_none(user=user, dossier_id=dossier.pk) is None
        assert dossier_of_producer_staff_or_none(user=user, dossier_id=dossier.pk) is None
    assert dossier_for_commune_check_or_none(user=people.officer, dossier_id=dossier.pk) is None
    assert dossier_visible_to_or_none(user=people.producer, dossier_id=dossier.pk + 1000) is None
    assert dossier_evidence_file_or_none(dossier=dossier, file_id=evidence.pk + 1000) is None


def test_part_totals_of_a_self_assessment_on_sheet_9(people, rating_product):
    # Given a dossier self-assessed with PLAN_83 on sheet #9 (nước mắm)
    dossier = dossier_draft(rating_product, people, plan=PLAN_83)
    leaves = sheet_leaves(sheet=dossier_sheet(dossier))
    saved = self_assessments_by_criterion(dossier=dossier)
    # When the points are added up per part, then A 36, B 18, C 29 (83 in all)
    totals = part_totals({leaf.code: saved[leaf.pk].points for leaf in leaves}, leaves)
    assert totals == {"A": D(36), "B": D(18), "C": D(29)}
    assert len(leaves) == 31
