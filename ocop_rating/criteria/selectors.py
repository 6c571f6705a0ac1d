"""Reads of the rating workflow."""

from ocop_rating.models import CriteriaVersion, Criterion, Option, Part, Sheet
from ocop_rating.results.scoring import LeafSpec, OptionSpec, SheetSpec


def criteria_version_get(*, code: str) -> CriteriaVersion:
    return CriteriaVersion.objects.get(code=code)


def sheet_get(*, version: CriteriaVersion, product_set_number: int) -> Sheet:
    return Sheet.objects.select_related("version", "product_set").get(
        version=version, product_set__number=product_set_number,
    )


def sheet_spec_get(*, sheet: Sheet) -> SheetSpec:
    """Map a sheet's rows onto the scoring engine's SheetSpec (three queries)."""
    part_maxima = dict(Part.objects.filter(sheet=sheet).order_by("code").values_list("code", "max_points"))
    options: dict[int, list[OptionSpec]] = {}
    for criterion_id, points, min_star in (
        Option.objects.filter(criterion__sheet=sheet)
        .order_by("criterion_id", "position")
        .values_list("criterion_id", "points", "min_star")
    ):
        options.setdefault(criterion_id, []).append(OptionSpec(points=points, min_star=min_star))
    leaves = tuple(
        LeafSpec(
            code=leaf.code,
            part=leaf.part,
            max_points=leaf.max_points,
            options=tuple(options.get(leaf.pk, ())),
            is_binary=leaf.is_binary,
            has_knockout=bool(leaf.knockout_note),
        )
        for leaf in Criterion.objects.filter(sheet=sheet, is_leaf=True).order_by("position")
    )
    return SheetSpec(key=f"{sheet.version.code}#{sheet.product_set.number}", part_maxima=part_maxima,
                     leaves=leaves)
