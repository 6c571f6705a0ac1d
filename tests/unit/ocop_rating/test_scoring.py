"""The scoring engine on hand-worked cases: totals, star bands, minimum markers, knock-outs, quorum, spread."""

from decimal import Decimal
from fractions import Fraction

import pytest

from ocop_rating.results.scoring import (
    LeafSpec,
    MemberScore,
    OptionSpec,
    RatingPolicy,
    ScoringError,
    SheetSpec,
    compute_result,
    member_total,
    minimum_marker_cap,
    star_band,
)

D = Decimal


def _leaf(code, part, max_points, points=(), markers=None, *, binary=False, knockout=False):
    markers = markers or {}
    return LeafSpec(
        code=code, part=part, max_points=D(max_points),
        options=tuple(OptionSpec(points=D(p), min_star=markers.get(p)) for p in points),
        is_binary=binary, has_knockout=knockout,
    )


# A small sheet that sums to 100 (A 40, B 25, C 35), with free-range leaves to reach any whole total:
#   "1"  A 30  0..30          knock-out note ("Bị loại nếu …")
#   "2"  A 10  0, 5 (***), 10 (****)       → requirement 3★: 5, 4★: 10, 5★: 10
#   "3"  B 25  0..25
#   "4"  C 30  0..30
#   "5"  C  4  0, 1 (***), 2 (****), 4 (*****)
#   "6"  C  1  binary
SMALL = SheetSpec(
    key="TEST#1",
    part_maxima={"A": D(40), "B": D(25), "C": D(35)},
    leaves=(
        _leaf("1", "A", 30, range(31), knockout=True),
        _leaf("2", "A", 10, (0, 5, 10), {5: 3, 10: 4}),
        _leaf("3", "B", 25, range(26)),
        _leaf("4", "C", 30, range(31)),
        _leaf("5", "C", 4, (0, 1, 2, 4), {1: 3, 2: 4, 4: 5}),
        _leaf("6", "C", 1, binary=True),
    ),
)


def _score(member, total, *, knockouts=(), **marked):
    """Return a full sheet worth ``total``: marked leaves at their best unless overridden, the rest spread over 1, 3, 4."""
    points = {"2": 10, "5": 4, "6": 1} | {code.lstrip("_"): value for code, value in marked.items()}
    rest = total - sum(points.values())
    for code, cap in (("1", 30), ("3", 25), ("4", 30)):
        points[code] = min(rest, cap)
        rest -= points[code]
    assert rest == 0, "total out of reach"
    return MemberScore(member_id=member, points={k: D(v) for k, v in points.items()}, knockouts=frozenset(knockouts))


# --- member_total ---------------------------------------------------------------------------------


def test_member_total_adds_up_each_part_and_the_whole():
    # given a member choosing 22 + 5 (A), 17 (B), 9 + 2 + 1 (C)
    score = MemberScore(member_id=7, points={"1": 22, "2": 5, "3": 17, "4": 9, "5": 2, "6": 1})
    # when
    total = member_total(SMALL, score)
    # then
    assert total.parts == {"A": D(27), "B": D(17), "C": D(12)}
    assert total.total == D(56)
    assert total.member_id == 7


def test_points_that_are_not_an_option_are_refused():
    score = MemberScore(member_id=1, points={**_score(1, 80).points, "2": D(7)})
    with pytest.raises(ScoringError) as caught:
        member_total(SMALL, score)
    assert caught.value.message == "Điểm 7 không phải là một phương án của tiêu chí 2 (chỉ được chọn: 0, 5, 10)."


def test_a_binary_leaf_scores_only_zero_or_its_maximum():
    score = MemberScore(member_id=1, points={**_score(1, 80).points, "6": D("0.5")})
    with pytest.raises(ScoringError) as caught:
        member_total(SMALL, score)
    assert caught.value.message == "Điểm 0.5 không phải là một phương án của tiêu chí 6 (chỉ được chọn: 0, 1)."


def test_a_leaf_of_another_sheet_is_refused():
    score = MemberScore(member_id=1, points={**_score(1, 80).points, "6.1.1": D(1)})
    with pytest.raises(ScoringError) as caught:
        member_total(SMALL, score)
    assert caught.value.message == "Tiêu chí 6.1.1 không thuộc phiếu TEST#1."


def test_a_sheet_with_unscored_leaves_is_refused_unless_a_running_total_is_asked():
    score = MemberScore(member_id=3, points={"1": D(20), "3": D(10)})
    with pytest.raises(ScoringError) as caught:
        member_total(SMALL, score)
    assert caught.value.message == "Phiếu của thành viên 3 chưa chấm các tiêu chí: 2, 4, 5, 6."
    running = member_total(SMALL, score, allow_incomplete=True)
    assert (running.parts, running.total) == ({"A": D(20), "B": D(10), "C": D(0)}, D(30))


def test_a_knockout_flag_on_a_leaf_without_a_knockout_note_is_refused():
    score = _score(1, 80, knockouts=("3",))
    with pytest.raises(ScoringError) as caught:
        member_total(SMALL, score)
    assert caught.value.message == "Tiêu chí 3 không có điều kiện loại sản phẩm."


# --- star bands -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("average", "stars"),
    [
        ("100", 5), ("90", 5), ("90.00", 5),
        ("89.99", 4), ("89.5", 4), ("70", 4),
        ("69.99", 3), ("50", 3),
        ("49.99", 2), ("30", 2),
        ("29.99", 1), ("0", 1),
    ],
)
def test_star_band_uses_from_to_under_bands_without_rounding_up(average, stars):
    assert star_band(D(average)) == stars


@pytest.mark.parametrize(
    ("total", "stars", "certificate", "central"),
    [(95, 5, True, True), (75, 4, True, False), (55, 3, True, False), (35, 2, False, False), (20, 1, False, False)],
)
def test_one_result_per_star_band(total, stars, certificate, central):
    # given a single-member council whose sheet meets every minimum marker
    # when
    result = compute_result(SMALL, [_score(1, total)], RatingPolicy(council_size=1))
    # then
    assert (result.average, result.band, result.cap, result.star) == (D(total), stars, 5, stars)
    assert (result.certificate_eligible, result.proposed_to_central) == (certificate, central)
    assert result.can_finalise is True
    assert result.reasons == ()


def test_an_average_of_89_5_is_four_stars():
    # given two members scoring 89 and 90
    result = compute_result(SMALL, [_score("a", 89), _score("b", 90)], RatingPolicy(council_size=2))
    # then the average 89.5 sits "từ 70 đến dưới 90"
    assert (result.average, result.average_display, result.band, result.star) == (D("89.5"), D("89.50"), 4, 4)
    assert result.proposed_to_central is False
    assert result.certificate_eligible is True


def test_an_average_of_90_is_five_stars_proposed_to_the_central_level():
    result = compute_result(SMALL, [_score("a", 90), _score("b", 90)], RatingPolicy(council_size=2))
    assert (result.average, result.band, result.star) == (D(90), 5, 5)
    assert result.proposed_to_central is True


def test_the_displayed_average_is_cut_not_rounded_so_it_never_reads_90_for_four_stars():
    # given 89 + 90 + 90 = 269, average 89.666…
    result = compute_result(SMALL, [_score(1, 89), _score(2, 90), _score(3, 90)], RatingPolicy(council_size=3))
    assert result.average_display == D("89.66")
    assert result.band == 4


# --- minimum markers ------------------------------------------------------------------------------


def test_a_total_of_85_below_a_four_star_minimum_is_capped_at_three_stars():
    # given every member chooses 5 on leaf 2, its 3★ minimum but below its 4★ minimum (10)
    scores = [_score(m, 85, _2=5) for m in (1, 2, 3)]
    # when
    result = compute_result(SMALL, scores, RatingPolicy(council_size=3))
    # then the band is 4 but the cap is 3
    assert (result.average, result.band, result.cap, result.star) == (D(85), 4, 3, 3)
    assert result.certificate_eligible is True


def test_a_product_missing_a_three_star_minimum_is_capped_at_two_stars_without_certificate():
    # given leaf 5 at 0 points, below its 3★ minimum (1)
    result = compute_result(SMALL, [_score(1, 80, _5=0)], RatingPolicy(council_size=1))
    assert (result.band, result.cap, result.star, result.certificate_eligible) == (4, 2, 2, False)


def test_a_total_of_95_missing_only_the_five_star_minimum_is_four_stars_not_proposed():
    # given leaf 5 at 2 (the 4★ minimum, below the 5★ minimum 4)
    result = compute_result(SMALL, [_score(1, 95, _5=2)], RatingPolicy(council_size=1))
    assert (result.band, result.cap, result.star, result.proposed_to_central) == (5, 4, 4, False)


def test_the_consensus_on_a_leaf_is_the_lower_median_of_the_members_choices():
    # given leaf 2 chosen as 10, 10, 5, 5 (lower median 5) and then 10, 10, 10, 5 (lower median 10)
    split = [_score(1, 85), _score(2, 85), _score(3, 85, _2=5), _score(4, 85, _2=5)]
    majority = [_score(1, 85), _score(2, 85), _score(3, 85), _score(4, 85, _2=5)]
    # then a split council does not lift the product above 3★; a 3-to-1 majority does (median reading)
    assert minimum_marker_cap(SMALL, split, per_criterion="median") == 3
    assert minimum_marker_cap(SMALL, majority, per_criterion="median") == 5


# --- knock-outs -----------------------------------------------------------------------------------


def test_a_knockout_flagged_by_more_than_half_of_the_members_eliminates_the_product():
    # given 2 of 3 members flag leaf 1 ("Bị loại nếu …"); one of them stopped scoring there
    stopped = MemberScore(member_id=1, points={"1": D(0)}, knockouts=frozenset({"1"}))
    scores = [stopped, _score(2, 80, knockouts=("1",)), _score(3, 95)]
    # when
    result = compute_result(SMALL, scores, RatingPolicy(council_size=3))
    # then
    assert (result.eliminated, result.knockout_leaf, result.star) == (True, "1", None)
    assert result.certificate_eligible is False
    assert result.proposed_to_central is False
    assert result.can_finalise is True  # the spread of partial sheets is not held against the council


@pytest.mark.parametrize("flags", [1, 2])
def test_a_knockout_flagged_by_half_of_the_members_or_fewer_does_not_eliminate(flags):
    scores = [_score(m, 80, knockouts=("1",) if m <= flags else ()) for m in (1, 2, 3, 4)]
    result = compute_result(SMALL, scores, RatingPolicy(council_size=4))
    assert (result.eliminated, result.knockout_leaf, result.star) == (False, None, 4)


# --- quorum and spread ----------------------------------------------------------------------------


def test_a_spread_beyond_ten_points_cannot_be_finalised():
    # given totals 80 and 91 (spread 11)
    result = compute_result(SMALL, [_score(1, 80), _score(2, 91)], RatingPolicy(council_size=2))
    # then the result is computed but the chair is told why it cannot stand
    assert (result.average, result.star, result.spread) == (D("85.5"), 4, D(11))
    assert result.can_finalise is False
    assert result.reasons == (
        "Tổng điểm của các thành viên chênh lệch 11 điểm, vượt quá 10 điểm cho phép: "
        "hội đồng cần thảo luận và chấm lại.",
    )


def test_a_spread_of_exactly_ten_points_can_be_finalised():
    result = compute_result(SMALL, [_score(1, 80), _score(2, 90)], RatingPolicy(council_size=2))
    assert (result.spread, result.can_finalise) == (D(10), True)


def test_missing_quorum_cannot_be_finalised():
    # given 3 of a 5-member council scored (3/5 < 3/4)
    scores = [_score(m, 80) for m in (1, 2, 3)]
    result = compute_result(SMALL, scores, RatingPolicy(council_size=5))
    assert result.star == 4
    assert result.can_finalise is False
    assert result.reasons == ("Chưa đủ số thành viên chấm điểm: 3/5 thành viên, cần tối thiểu 3/4 hội đồng.",)


def test_quorum_and_spread_are_the_policys_settings():
    # given a province that asks for 4/5 of the members and tolerates 12 points
    policy = RatingPolicy(council_size=5, quorum=Fraction(4, 5), max_spread=D(12))
    scores = [_score(1, 80), _score(2, 92), _score(3, 85), _score(4, 85)]
    assert compute_result(SMALL, scores, policy).can_finalise is True
    assert compute_result(SMALL, scores[:3], policy).can_finalise is False


def test_both_reasons_are_given_together():
    result = compute_result(SMALL, [_score(1, 60), _score(2, 90)], RatingPolicy(council_size=4))
    assert len(result.reasons) == 2


@pytest.mark.parametrize(
    ("scores", "policy", "message"),
    [
        ([], RatingPolicy(council_size=3), "Chưa có phiếu chấm nào."),
        ([_score(1, 80), _score(1, 85)], RatingPolicy(council_size=3), "Mỗi thành viên chỉ được nộp một phiếu chấm."),
        ([_score(1, 80), _score(2, 85)], RatingPolicy(council_size=1),
         "Có 2 phiếu chấm nhưng hội đồng chỉ có 1 thành viên."),
    ],
)
def test_impossible_councils_are_refused(scores, policy, message):
    with pytest.raises(ScoringError) as caught:
        compute_result(SMALL, scores, policy)
    assert caught.value.message == message
