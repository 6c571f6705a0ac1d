"""The scoring engine on the real sheets of Decision 26/2026/QĐ-TTg (parsed from the fixture, no database)."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ocop_rating
from ocop_rating.criteria.loader import criteria_file_parse
from ocop_rating.results.scoring import (
    MemberScore,
    RatingPolicy,
    ScoringError,
    compute_result,
    member_total,
)

D = Decimal
FIXTURE = Path(ocop_rating.__file__).parent / "fixtures" / "criteria_qd26_2026.json"
SHEETS = criteria_file_parse(json.loads(FIXTURE.read_text(encoding="utf-8")), known_set_numbers=range(1, 27))
SPECS = {sheet.set_number: sheet.to_sheet_spec(f"QD26-2026#{sheet.set_number}") for sheet in SHEETS}
NEM_CHUA = SPECS[8]  # "Chế biến từ thịt, thủy sản, trứng, sữa, …" (DOMAIN.md §3.3)


def _best(spec):
    return {leaf.code: max(leaf.allowed_points) for leaf in spec.leaves}


def test_sheet_8_has_the_leaves_of_the_decision():
    assert [leaf.code for leaf in NEM_CHUA.leaves] == [
        "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1", "2.2", "2.3", "2.4",
        "3.1", "3.2", "3.3", "3.4", "3.5", "4.1", "4.2", "4.3", "5.1", "5.2", "5.3",
        "6.1", "6.2", "6.3", "6.4", "6.5", "7", "8", "9", "10", "11",
    ]
    assert NEM_CHUA.part_maxima == {"A": D(40), "B": D(25), "C": D(35)}
    assert [leaf.code for leaf in NEM_CHUA.leaves if leaf.has_knockout] == ["1.1", "2.1", "6.1"]
    assert [leaf.code for leaf in NEM_CHUA.leaves if leaf.is_binary] == ["2.4"]


def test_all_best_options_on_sheet_8_make_100_and_five_stars():
    score = MemberScore(member_id=1, points=_best(NEM_CHUA))
    total = member_total(NEM_CHUA, score)
    assert (total.parts, total.total) == ({"A": D(40), "B": D(25), "C": D(35)}, D(100))
    result = compute_result(NEM_CHUA, [score], RatingPolicy(council_size=1))
    assert (result.band, result.cap, result.star, result.proposed_to_central) == (5, 5, 5, True)


# A nem chua producer as a council member might see it (points per leaf, worked by hand):
#   A: 1.1=3 1.2=1 1.3=2 1.4=2 1.5=2 1.6=1 1.7=1 (12) · 2.1=2 2.2=2 2.3=2 2.4=1 (7) · 3.1=3 3.2=1 3.3=2 3.4=2 3.5=2 (10) → 29
#   B: 4.1=3 4.2=2 4.3=3 (8) · 5.1=3 5.2=1 5.3=3 (7) → 15
#   C: 6.1=2 6.2=3 6.3=2 6.4=3 6.5=2 (12) · 7=3 · 8=4 · 9=3 · 10=2 · 11=1 → 25
#   total 69 → 3★; the 3★ minimums (1.1≥1, 2.2≥2, 2.3≥1, 3.5≥1, 4.1≥2, 5.3≥1, 8≥2, 9≥1) are met,
#   the 4★ minimum of 2.1 (3 points) is not → cap 3.
NEM_CHUA_PRODUCER = {
    "1.1": 3, "1.2": 1, "1.3": 2, "1.4": 2, "1.5": 2, "1.6": 1, "1.7": 1,
    "2.1": 2, "2.2": 2, "2.3": 2, "2.4": 1,
    "3.1": 3, "3.2": 1, "3.3": 2, "3.4": 2, "3.5": 2,
    "4.1": 3, "4.2": 2, "4.3": 3, "5.1": 3, "5.2": 1, "5.3": 3,
    "6.1": 2, "6.2": 3, "6.3": 2, "6.4": 3, "6.5": 2, "7": 3, "8": 4, "9": 3, "10": 2, "11": 1,
}


def test_a_hand_worked_nem_chua_sheet_totals_69_and_three_stars():
    score = MemberScore(member_id=1, points=NEM_CHUA_PRODUCER)
    total = member_total(NEM_CHUA, score)
    assert (total.parts, total.total) == ({"A": D(29), "B": D(15), "C": D(25)}, D(69))
    result = compute_result(NEM_CHUA, [score], RatingPolicy(council_size=1))
    assert (result.band, result.cap, result.star) == (3, 3, 3)


def test_sheet_8_at_85_points_with_chain_linkage_below_its_four_star_minimum_is_three_stars():
    # given all best except 1.5=1 (4★ minimum is 2), 1.2=0, 1.3=1, 1.4=1, 4.2=0, 4.3=1: 100-2-2-2-2-3-4 = 85
    points = _best(NEM_CHUA) | {"1.5": 1, "1.2": 0, "1.3": 1, "1.4": 1, "4.2": 0, "4.3": 1}
    scores = [MemberScore(member_id=m, points=points) for m in (1, 2, 3, 4)]
    result = compute_result(NEM_CHUA, scores, RatingPolicy(council_size=5))
    assert (result.average, result.band, result.cap, result.star, result.can_finalise) == (D(85), 4, 3, 3, True)


def test_the_lowest_option_everywhere_on_sheet_8_is_16_points_and_one_star():
    points = {leaf.code: min(leaf.allowed_points) for leaf in NEM_CHUA.leaves}
    total = member_total(NEM_CHUA, MemberScore(member_id=1, points=points))
    assert (total.parts, total.total) == ({"A": D(10), "B": D(1), "C": D(5)}, D(16))


def test_a_leaf_of_the_tea_sheet_is_refused_on_sheet_8():
    points = _best(NEM_CHUA) | {"6.1.1": 1}
    with pytest.raises(ScoringError) as caught:
        member_total(NEM_CHUA, MemberScore(member_id=1, points=points))
    assert caught.value.message == "Tiêu chí 6.1.1 không thuộc phiếu QD26-2026#8."


@st.composite
def sheet_and_choice(draw):
    spec = SPECS[draw(st.sampled_from(sorted(SPECS)))]
    points = {leaf.code: draw(st.sampled_from(sorted(leaf.allowed_points))) for leaf in spec.leaves}
    return spec, MemberScore(member_id=1, points=points)


@given(sheet_and_choice())
def test_any_valid_choice_on_any_sheet_totals_0_to_100_and_the_sum_of_its_parts(case):
    spec, score = case
    total = member_total(spec, score)
    assert D(0) <= total.total <= D(100)
    assert total.total == sum(total.parts.values())
    assert set(total.parts) == {"A", "B", "C"}
    for part, points in total.parts.items():
        assert D(0) <= points <= spec.part_maxima[part]


def test_every_sheet_has_26_sets_and_sums_to_100():
    assert sorted(SPECS) == list(range(1, 27))
    assert {spec.max_total for spec in SPECS.values()} == {D(100)}
