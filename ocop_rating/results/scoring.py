"""The scoring engine: pure functions over plain dataclasses (no ORM; services map rows onto them).

Rules and how we read them (DOMAIN.md §3.4, §4.5; Decision 26/2026/QĐ-TTg Art. 3.3):

* **Member total.** Each council member chooses one option per leaf criterion; a binary leaf scores
  0 or its maximum. The total is the sum over the leaves, also reported per part (A/B/C).
* **Star band** on the exact average of the members' totals, following the decision's "từ … đến
  dưới …" wording: từ 90 đến 100 → 5★, từ 70 đến dưới 90 → 4★, từ 50 đến dưới 70 → 3★,
  từ 30 đến dưới 50 → 2★, dưới 30 → 1★. Nothing is rounded up before banding: 89.5 and 89.99 are 4★.
  The average shown to people is cut (not rounded) to 2 decimals, so it never reads "90.00" for a 4★.
* **Minimum markers** (our interpretation; the decision only says "Dấu sao là yêu cầu tối thiểu phải
  đạt theo các cấp độ sao"). For a level L in 3, 4, 5 a leaf's requirement is the highest points among
  its options marked with a minimum star ≤ L (no marked option: no requirement). Level L is met when
  the council's value on every leaf reaches (≥) the requirement; the cap is the highest level met, or
  2 when even the 3★ minimums are missed (such a product cannot be recognised). The star is
  min(band, cap). The council's value on a leaf is set by the province's policy
  (``RatingPolicy.per_criterion``, DOMAIN.md §4.5 leaves aggregation to each council's regulation):

  - ``mean`` (default): the members' average on the leaf, as the council's consolidated sheet reports
    it. The average usually falls between two options; it is credited with the highest option whose
    points it reaches, never rounded up to the next one. So a marked option's minimum star is met when
    the average is at least that option's points, and missed when it falls below them by any amount:
    members choosing 5, 2 and 5 on a leaf whose 4★ option is worth 5 average 4 (< 5), which caps the
    product at 3★; 5, 5 and 4 average 4.67, still below 5. The comparison is exact (sum of the points
    ≥ requirement × members), with no rounding of the average.
  - ``median``: the lower median of the members' chosen points (for an even number of members the lower
    of the two middle choices, so a split council does not lift a product), i.e. the highest points a
    majority of the members reached. 5, 2, 5 → 5, keeping 4★. Every result computed before the rule
    became a policy used this reading.

  Both readings count a leaf a member left unscored (after flagging a knock-out) as 0 points. The two
  differ only on a leaf where the members chose different options; the band, knock-outs, quorum and
  spread do not depend on the rule.
* **Knock-outs.** A leaf whose sheet carries a knock-out note ("Bị loại nếu …", "… sẽ không đánh giá
  các bước tiếp theo") can be flagged by a member. The product is eliminated ("không đạt") when more
  than half of the members who scored flag the same leaf. A member who flags a knock-out may leave the
  remaining leaves unscored (the sheet says evaluation stops), so the spread rule is not applied to an
  eliminated product.
* **Finalising** needs a quorum (members who scored / council size ≥ policy quorum, default 3/4) and a
  spread (highest − lowest member total) of at most the policy's maximum (default 10 points). Both are
  per-province settings; outside them the result is computed but cannot be finalised, with reasons.
* Only 3★–5★ get a certificate; a 5★ result (average ≥ 90 and the 5★ minimums met) is proposed to the
  central level, because 5★ is recognised by the Ministry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal, InvalidOperation
from fractions import Fraction
from typing import Protocol

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ocop_rating.errors import RatingError

PARTS = ("A", "B", "C")
STAR_LEVELS = (3, 4, 5)
CERTIFIED_STARS = (3, 4, 5)
CENTRAL_LEVEL_STAR = 5
TWO_PLACES = Decimal("0.01")


class ScoringError(RatingError):
    """A score that the sheet does not allow (unknown leaf, points not among the options, …)."""


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("points must be numbers")
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise TypeError(f"not a number: {value!r}") from exc


@dataclass(frozen=True)
class OptionSpec:
    points: Decimal
    min_star: int | None = None


@dataclass(frozen=True)
class LeafSpec:
    """A leaf criterion as the engine sees it."""

    code: str
    part: str
    max_points: Decimal
    options: tuple[OptionSpec, ...] = ()
    is_binary: bool = False
    has_knockout: bool = False

    @property
    def allowed_points(self) -> frozenset[Decimal]:
        if self.is_binary:
            return frozenset({Decimal(0), self.max_points})
        return frozenset(option.points for option in self.options)

    def requirement(self, level: int) -> Decimal | None:
        """Return the points needed on this leaf for ``level`` stars, or None if it sets no minimum."""
        marked = [o.points for o in self.options if o.min_star is not None and o.min_star <= level]
        return max(marked) if marked else None


@dataclass(frozen=True)
class SheetSpec:
    """One product set's sheet: part maxima and the leaves in sheet order."""

    key: str
    part_maxima: Mapping[str, Decimal]
    leaves: tuple[LeafSpec, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_code", {leaf.code: leaf for leaf in self.leaves})

    def leaf(self, code: str) -> LeafSpec | None:
        return self._by_code.get(code)

    @property
    def max_total(self) -> Decimal:
        return sum(self.part_maxima.values(), Decimal(0))


@dataclass(frozen=True)
class MemberScore:
    """One council member's sheet: chosen points per leaf code and the knock-out leaves they flagged."""

    member_id: int | str
    points: Mapping[str, Decimal]
    knockouts: frozenset[str] = field(default_factory=frozenset)


class PerCriterion(TextChoices):
    """How the members' points on a leaf are combined before its minimum-star markers apply."""

    MEAN = "mean", gettext_lazy("áp dụng trên điểm trung bình của các thành viên")
    MEDIAN = "median", gettext_lazy("áp dụng trên trung vị điểm của các thành viên")


@dataclass(frozen=True)
class RatingPolicy:
    """The council's operating rules (set per province): council size, quorum, maximum spread, per-criterion rule."""

    council_size: int
    quorum: Fraction = Fraction(3, 4)
    max_spread: Decimal = Decimal(10)
    per_criterion: str = PerCriterion.MEAN

    def __post_init__(self):
        object.__setattr__(self, "per_criterion", per_criterion_checked(self.per_criterion))


def per_criterion_checked(value: str) -> PerCriterion:
    """Return the PerCriterion rule named ``value``; raise ScoringError for any other value."""
    if value not in PerCriterion.values:
        raise ScoringError(
            _("Quy tắc áp dụng mức sao tối thiểu theo từng tiêu chí không hợp lệ: %(rule)s.") % {"rule": value}
        )
    return PerCriterion(value)


@dataclass(frozen=True)
class MemberTotal:
    member_id: int | str
    parts: Mapping[str, Decimal]
    total: Decimal


@dataclass(frozen=True)
class RatingResult:
    member_totals: tuple[MemberTotal, ...]
    average: Decimal  # exact (to Decimal precision); the band is computed on this
    average_display: Decimal  # cut to 2 decimals for people
    band: int
    cap: int
    star: int | None  # None when eliminated
    eliminated: bool
    knockout_leaf: str | None
    spread: Decimal
    can_finalise: bool
    reasons: tuple[str, ...]
    certificate_eligible: bool
    proposed_to_central: bool
    per_criterion: PerCriterion  # the rule the cap was computed with


def _checked_points(spec: SheetSpec, score: MemberScore, *, allow_incomplete: bool) -> dict[str, Decimal]:
    """Return the member's points per leaf code after checking each against the sheet."""
    checked: dict[str, Decimal] = {}
    for code, raw in score.points.items():
        leaf = spec.leaf(code)
        if leaf is None:
            raise ScoringError(
                _("Tiêu chí %(code)s không thuộc phiếu %(sheet)s.") % {"code": code, "sheet": spec.key}
            )
        points = _decimal(raw)
        if points not in leaf.allowed_points:
            allowed = ", ".join(_points_text(p) for p in sorted(leaf.allowed_points))
            raise ScoringError(
                _("Điểm %(points)s không phải là một phương án của tiêu chí %(code)s (chỉ được chọn: %(allowed)s).")
                % {"points": _points_text(points), "code": code, "allowed": allowed}
            )
        checked[code] = points
    for code in score.knockouts:
        leaf = spec.leaf(code)
        if leaf is None:
            raise ScoringError(
                _("Tiêu chí %(code)s không thuộc phiếu %(sheet)s.") % {"code": code, "sheet": spec.key}
            )
        if not leaf.has_knockout:
            raise ScoringError(_("Tiêu chí %(code)s không có điều kiện loại sản phẩm.") % {"code": code})
    if not allow_incomplete:
        missing = [leaf.code for leaf in spec.leaves if leaf.code not in checked]
        if missing:
            raise ScoringError(
                _("Phiếu của thành viên %(member)s chưa chấm các tiêu chí: %(codes)s.")
                % {"member": score.member_id, "codes": ", ".join(missing)}
            )
    return checked


class PartLeaf(Protocol):
    """A leaf as part_totals reads it: a LeafSpec, or a Criterion row."""

    code: str
    part: str


def part_totals(
    points: Mapping[str, Decimal | None], leaves: Iterable[PartLeaf], *, parts: Iterable[str] = PARTS,
) -> dict[str, Decimal]:
    """Add up ``points`` (keyed by leaf code) per part over ``leaves``: the one place A/B/C totals are summed.

    Every part of ``parts`` is in the result, 0 when none of its leaves is scored; a leaf without points
    (absent or None) adds nothing, and points of codes not among ``leaves`` are ignored. The sums are
    exact: quantize them only to show them.
    """
    totals = {part: Decimal(0) for part in parts}
    for leaf in leaves:
        value = points.get(leaf.code)
        if value is not None:
            totals[leaf.part] = totals.get(leaf.part, Decimal(0)) + value
    return totals


def member_total(spec: SheetSpec, score: MemberScore, *, allow_incomplete: bool = False) -> MemberTotal:
    """Add up one member's sheet per part and overall; raise ScoringError on points the sheet does not allow.

    Every leaf must be scored unless ``allow_incomplete`` (a running total while filling in the sheet).
    """
    checked = _checked_points(spec, score, allow_incomplete=allow_incomplete)
    parts = part_totals(checked, spec.leaves, parts=spec.part_maxima)
    return MemberTotal(member_id=score.member_id, parts=parts, total=sum(parts.values(), Decimal(0)))


def star_band(average: Decimal) -> int:
    """Return the star band of an exact average ("từ 90 đến 100" → 5 … "dưới 30" → 1; never rounded up)."""
    average = _decimal(average)
    if average >= 90:
        return 5
    if average >= 70:
        return 4
    if average >= 50:
        return 3
    if average >= 30:
        return 2
    return 1


def _lower_median(values: list[Decimal]) -> Decimal:
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def _leaf_meets(values: list[Decimal], needed: Decimal, per_criterion: str) -> bool:
    """Whether the members' points on one leaf reach ``needed`` under the per-criterion rule."""
    if per_criterion == PerCriterion.MEDIAN:
        return _lower_median(values) >= needed
    # The mean reaches ``needed`` exactly when the sum reaches needed × members: no division, no rounding.
    return sum(values, Decimal(0)) >= needed * len(values)


def minimum_marker_cap(
    spec: SheetSpec, scores: Iterable[MemberScore], *, per_criterion: str = PerCriterion.MEAN,
) -> int:
    """Return the highest star level (3–5) whose minimum options the council's value on each leaf meets, else 2.

    ``per_criterion`` is a PerCriterion value (members' mean or lower median per leaf). A leaf a member
    did not score counts as 0 points for them; with no sheet at all every leaf is 0. See the module
    docstring for the interpretation.
    """
    per_criterion = per_criterion_checked(per_criterion)
    chosen = [_checked_points(spec, score, allow_incomplete=True) for score in scores]
    values = {
        leaf.code: [c.get(leaf.code, Decimal(0)) for c in chosen] or [Decimal(0)] for leaf in spec.leaves
    }
    cap = 2
    for level in STAR_LEVELS:
        for leaf in spec.leaves:
            needed = leaf.requirement(level)
            if needed is not None and not _leaf_meets(values[leaf.code], needed, per_criterion):
                return cap
        cap = level
    return cap


def eliminating_leaf(spec: SheetSpec, scores: Iterable[MemberScore]) -> str | None:
    """Return the first leaf (in sheet order) flagged as a knock-out by more than half of the members."""
    scores = list(scores)
    for leaf in spec.leaves:
        flags = sum(1 for score in scores if leaf.code in score.knockouts)
        if flags * 2 > len(scores):
            return leaf.code
    return None


def compute_result(spec: SheetSpec, scores: Iterable[MemberScore], policy: RatingPolicy) -> RatingResult:
    """Compute the council's result for one dossier; ``can_finalise`` is False with reasons when it may not stand."""
    scores = list(scores)
    if not scores:
        raise ScoringError(_("Chưa có phiếu chấm nào."))
    if policy.council_size < 1:
        raise ScoringError(_("Hội đồng phải có ít nhất một thành viên."))
    member_ids = [score.member_id for score in scores]
    if len(set(member_ids)) != len(member_ids):
        raise ScoringError(_("Mỗi thành viên chỉ được nộp một phiếu chấm."))
    if len(scores) > policy.council_size:
        raise ScoringError(
            _("Có %(scored)d phiếu chấm nhưng hội đồng chỉ có %(size)d thành viên.")
            % {"scored": len(scores), "size": policy.council_size}
        )

    # A member who flags a knock-out may stop scoring there (the sheet says evaluation stops).
    totals = tuple(member_total(spec, score, allow_incomplete=bool(score.knockouts)) for score in scores)
    # Totals are multiples of 0.01 and the bands sit on integers, so Decimal's 28 digits never
    # carry an average below a band boundary up onto it.
    average = sum((t.total for t in totals), Decimal(0)) / len(totals)
    average_display = average.quantize(TWO_PLACES, rounding=ROUND_DOWN)
    band = star_band(average)
    cap = minimum_marker_cap(spec, scores, per_criterion=policy.per_criterion)
    knockout_leaf = eliminating_leaf(spec, scores)
    eliminated = knockout_leaf is not None
    star = None if eliminated else min(band, cap)
    spread = max(t.total for t in totals) - min(t.total for t in totals)

    reasons: list[str] = []
    if Fraction(len(scores), policy.council_size) < policy.quorum:
        reasons.append(
            _("Chưa đủ số thành viên chấm điểm: %(scored)d/%(size)d thành viên, cần tối thiểu %(quorum)s hội đồng.")
            % {"scored": len(scores), "size": policy.council_size, "quorum": _fraction_text(policy.quorum)}
        )
    if not eliminated and spread > policy.max_spread:
        reasons.append(
            _("Tổng điểm của các thành viên chênh lệch %(spread)s điểm, vượt quá %(max)s điểm cho phép: "
              "hội đồng cần thảo luận và chấm lại.")
            % {"spread": _points_text(spread), "max": _points_text(policy.max_spread)}
        )

    return RatingResult(
        member_totals=totals,
        average=average,
        average_display=average_display,
        band=band,
        cap=cap,
        star=star,
        eliminated=eliminated,
        knockout_leaf=knockout_leaf,
        spread=spread,
        can_finalise=not reasons,
        reasons=tuple(reasons),
        certificate_eligible=star in CERTIFIED_STARS,
        proposed_to_central=star == CENTRAL_LEVEL_STAR,
        per_criterion=policy.per_criterion,
    )


def _points_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _fraction_text(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"
