"""The per-criterion rule of the minimum-star markers: the members' mean (default) or their lower median.

Hand-worked on a small sheet (A 40, B 25, C 35) and on the real sheet #8 of Decision 26/2026/QĐ-TTg.
"""

import json
from decimal import Decimal
from pathlib import Path

import pytest

import ocop_rating
from ocop_rating.criteria.loader import criteria_file_parse
from ocop_rating.results.scoring import (
    LeafSpec,
    MemberScore,
    OptionSpec,
    PerCriterion,
    RatingPolicy,
    ScoringError,
    SheetSpec,
    compute_result,
    minimum_marker_cap,
)

D = Decimal
MEAN, MEDIAN = "mean", "median"


def _leaf(code, part, max_points, points, markers=None, *, knockout=False):
    markers = markers or {}
    return LeafSpec(
        code=code, part=part, max_points=D(max_points),
        options=tuple(OptionSpec(points=D(p), min_star=markers.get(p)) for p in points), has_knockout=knockout,
    )


# "1"  A 40  0..40                              knock-out note
# "2"  B  5  0, 2 (***), 5 (****)               → requirement 3★: 2, 4★: 5, 5★: 5 (the brief's 5, 2, 5 leaf)
# "3"  B 20  0..20
# "4"  C  4  0, 1 (***), 2 (****), 3, 4 (*****) → requirement 3★: 1, 4★: 2, 5★: 4
# "5"  C 31  0..31
SPLIT = SheetSpec(
    key="TEST#2",
    part_maxima={"A": D(40), "B": D(25), "C": D(35)},
    leaves=(
        _leaf("1", "A", 40, range(41), knockout=True),
        _leaf("2", "B", 5, (0, 2, 5), {2: 3, 5: 4}),
        _leaf("3", "B", 20, range(21)),
        _leaf("4", "C", 4, (0, 1, 2, 3, 4), {1: 3, 2: 4, 4: 5}),
        _leaf("5", "C", 31, range(32)),
    ),
)


def _sheet(member, total, *, marked2=5, marked4=4, knockouts=()):
    """A full sheet worth ``total``: leaves 2 and 4 as given, the rest filled from leaf 5, then 1, then 3."""
    points = {"2": marked2, "4": marked4}
    rest = total - marked2 - marked4
    for code, cap in (("5", 31), ("1", 40), ("3", 20)):
        points[code] = min(rest, cap)
        rest -= points[code]
    assert rest == 0, "total out of reach"
    return MemberScore(member_id=member, points={k: D(v) for k, v in points.items()},
                       knockouts=frozenset(knockouts))


def _figures(result):
    return (result.average, result.band, result.cap, result.star, result.per_criterion)


def test_five_two_five_keeps_four_stars_on_the_median_and_caps_at_three_on_the_mean():
    # given three members at 80 points each who chose 5, 2 and 5 on leaf 2, whose 4★ option is 5
    scores = [_sheet(1, 80), _sheet(2, 80, marked2=2), _sheet(3, 80)]
    # when the council's value on each leaf is the median, then the mean
    median = compute_result(SPLIT, scores, RatingPolicy(council_size=3, per_criterion=MEDIAN))
    mean = compute_result(SPLIT, scores, RatingPolicy(council_size=3, per_criterion=MEAN))
    # then the median 5 meets every minimum: the 4★ band stands
    assert _figures(median) == (D(80), 4, 5, 4, PerCriterion.MEDIAN)
    # and the mean 4 reaches the 3★ option (2) but falls below the 4★ option (5): capped at 3★
    assert _figures(mean) == (D(80), 4, 3, 3, PerCriterion.MEAN)
    assert (median.certificate_eligible, mean.certificate_eligible) == (True, True)


def test_the_mean_is_the_default_rule():
    # given the 5, 2, 5 council and a policy that names no rule
    scores = [_sheet(1, 80), _sheet(2, 80, marked2=2), _sheet(3, 80)]
    # when
    result = compute_result(SPLIT, scores, RatingPolicy(council_size=3))
    # then it is read on the mean
    assert _figures(result) == (D(80), 4, 3, 3, "mean")


def test_a_two_member_even_split_reaches_the_option_between_on_the_mean_and_the_lower_choice_on_the_median():
    # given two members at 95 points: one chose 4 on leaf 4 (its 5★ option), the other 0 (below its 3★ option 1)
    scores = [_sheet("a", 95), _sheet("b", 95, marked4=0)]
    # when
    median = compute_result(SPLIT, scores, RatingPolicy(council_size=2, per_criterion=MEDIAN))
    mean = compute_result(SPLIT, scores, RatingPolicy(council_size=2, per_criterion=MEAN))
    # then the lower median (0) misses even the 3★ minimum: 2★, no certificate
    assert _figures(median) == (D(95), 5, 2, 2, "median")
    assert (median.certificate_eligible, median.proposed_to_central) == (False, False)
    # and the mean (2) exactly reaches the 4★ option 2 but not the 5★ option 4: 4★, not proposed to the centre
    assert _figures(mean) == (D(95), 5, 4, 4, "mean")
    assert (mean.certificate_eligible, mean.proposed_to_central) == (True, False)


def test_the_mean_is_never_rounded_up_to_the_next_option():
    # given leaf 4 chosen 4, 4, 3: the mean 3.67 lies between option 3 and the 5★ option 4
    scores = [_sheet(1, 95), _sheet(2, 95), _sheet(3, 95, marked4=3)]
    # when / then: the mean falls below 4 and misses the 5★ minimum; the median (4) meets it
    assert minimum_marker_cap(SPLIT, scores, per_criterion=MEAN) == 4
    assert minimum_marker_cap(SPLIT, scores, per_criterion=MEDIAN) == 5


@pytest.mark.parametrize(("chosen", "mean_cap", "median_cap"), [
    ((5, 5, 5, 5), 5, 5),  # unanimous: the two readings agree
    ((5, 5, 5, 2), 3, 5),  # 3-to-1 majority: median 5, mean 4.25
    ((5, 5, 2, 2), 3, 3),  # even split: lower median 2, mean 3.5
    ((5, 0, 0, 0), 2, 2),  # mean 1.25 and median 0 both below the 3★ option 2
    ((5, 5, 0, 0), 3, 2),  # mean 2.5 reaches the 3★ option, the lower median 0 does not
])
def test_four_member_councils_on_leaf_2(chosen, mean_cap, median_cap):
    scores = [_sheet(member, 80, marked2=points) for member, points in enumerate(chosen, start=1)]
    assert minimum_marker_cap(SPLIT, scores, per_criterion=MEAN) == mean_cap
    assert minimum_marker_cap(SPLIT, scores, per_criterion=MEDIAN) == median_cap


def test_a_knockout_eliminates_the_product_whatever_the_rule():
    # given 2 of 3 members flag leaf 1; one stopped scoring there (leaves 2 and 4 unscored count as 0)
    stopped = MemberScore(member_id=1, points={"1": D(0)}, knockouts=frozenset({"1"}))
    scores = [stopped, _sheet(2, 90, knockouts=("1",)), _sheet(3, 95)]
    # when
    median = compute_result(SPLIT, scores, RatingPolicy(council_size=3, per_criterion=MEDIAN))
    mean = compute_result(SPLIT, scores, RatingPolicy(council_size=3, per_criterion=MEAN))
    # then both eliminate, with no star, no certificate and no proposal; only the (unused) cap differs
    for result in (median, mean):
        assert (result.eliminated, result.knockout_leaf, result.star) == (True, "1", None)
        assert (result.certificate_eligible, result.proposed_to_central, result.can_finalise) == (False, False, True)
        assert (result.average, result.band) == (D("61.66666666666666666666666667"), 3)
    # leaf 2: 0, 5, 5 → median 5, mean 3.33 (< 5); leaf 4: 0, 4, 4 → median 4, mean 2.67 (≥ 2, < 4)
    assert (median.cap, mean.cap) == (5, 3)


@pytest.mark.parametrize("rule", ["m", "average", "Mean", "", None])
def test_an_unknown_rule_is_refused_with_a_clear_message(rule):
    with pytest.raises(ScoringError) as caught:
        RatingPolicy(council_size=3, per_criterion=rule)
    assert caught.value.message == f"Quy tắc áp dụng mức sao tối thiểu theo từng tiêu chí không hợp lệ: {rule}."
    with pytest.raises(ScoringError) as caught:
        minimum_marker_cap(SPLIT, [_sheet(1, 80)], per_criterion=rule)
    assert caught.value.message == f"Quy tắc áp dụng mức sao tối thiểu theo từng tiêu chí không hợp lệ: {rule}."


def test_the_rules_are_named_in_plain_vietnamese():
    assert PerCriterion.values == ["mean", "median"]
    assert [str(label) for label in PerCriterion.labels] == [
        "áp dụng trên điểm trung bình của các thành viên",
        "áp dụng trên trung vị điểm của các thành viên",
    ]


# --- the real sheet #8 (nem chua) -------------------------------------------------------------------

FIXTURE = Path(ocop_rating.__file__).parent / "fixtures" / "criteria_qd26_2026.json"
NEM_CHUA = next(
    sheet.to_sheet_spec("QD26-2026#8")
    for sheet in criteria_file_parse(json.loads(FIXTURE.read_text(encoding="utf-8")), known_set_numbers=range(1, 27))
    if sheet.set_number == 8
)


def test_sheet_8_distribution_area_5_2_5_is_five_stars_on_the_median_and_four_on_the_mean():
    # given 4.1 (main distribution area: 1; 2 ≥3★; 3 ≥4★; 5 ≥5★) chosen 5, 2, 5 and every other leaf at its best
    best = {leaf.code: max(leaf.allowed_points) for leaf in NEM_CHUA.leaves}
    scores = [MemberScore(member_id=m, points=best | {"4.1": D(p)}) for m, p in ((1, 5), (2, 2), (3, 5))]
    # when
    median = compute_result(NEM_CHUA, scores, RatingPolicy(council_size=3, per_criterion=MEDIAN))
    mean = compute_result(NEM_CHUA, scores, RatingPolicy(council_size=3, per_criterion=MEAN))
    # then totals 100, 97, 100 average 99: 5★ on the median (proposed to the centre), 4★ on the mean (4 < 5)
    assert _figures(median) == (D(99), 5, 5, 5, "median")
    assert _figures(mean) == (D(99), 5, 4, 4, "mean")
    assert (median.proposed_to_central, mean.proposed_to_central) == (True, False)
