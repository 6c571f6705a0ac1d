"""Forms of the rating portal: the conflict-of-interest declaration and the member's scoring sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ocop_rating.models import Criterion, Option

BINARY_YES = "yes"
BINARY_NO = "no"


class ConflictForm(forms.Form):
    has_conflict = forms.TypedChoiceField(
        label=_("Bạn có xung đột lợi ích với hồ sơ này không?"),
        choices=[("no", _("Không có xung đột lợi ích")), ("yes", _("Có xung đột lợi ích"))],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Nội dung xung đột (bắt buộc nếu có)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


@dataclass(frozen=True)
class LeafChoice:
    """What the member picked on one leaf in a posted sheet (nothing picked: option and points None)."""

    criterion: Criterion
    option: Option | None
    points: Decimal | None
    knockout: bool

    @property
    def empty(self) -> bool:
        return self.option is None and self.points is None and not self.knockout


def leaf_field(criterion: Criterion) -> str:
    return f"leaf-{criterion.pk}"


def knockout_field(criterion: Criterion) -> str:
    return f"knockout-{criterion.pk}"


OPTION_ID = re.compile(r"[0-9]{1,9}")


def _option_id(value: str) -> int | None:
    """The option id in a posted value: ASCII digits only, short enough for any database integer."""
    return int(value) if OPTION_ID.fullmatch(value) else None


def sheet_choices_parse(data, leaves: list[Criterion]) -> tuple[list[LeafChoice], list[str]]:
    """Read the posted sheet: one option id (or yes/no for a binary leaf) and a knock-out flag per leaf.

    Option ids are looked up as given, so an option of another criterion reaches the service, which
    refuses it; only values that are not option ids at all are refused here.
    """
    raw = {leaf.pk: (data.get(leaf_field(leaf)) or "").strip() for leaf in leaves}
    wanted_ids = {option_id for value in raw.values() if (option_id := _option_id(value)) is not None}
    options = Option.objects.in_bulk(wanted_ids)
    choices, errors = [], []
    for leaf in leaves:
        value = raw[leaf.pk]
        knockout = bool(data.get(knockout_field(leaf)))
        option, points = None, None
        if leaf.is_binary and value in (BINARY_YES, BINARY_NO):
            points = leaf.max_points if value == BINARY_YES else Decimal(0)
        elif _option_id(value) in options:
            option = options[_option_id(value)]
        elif value:
            errors.append(gettext("Lựa chọn cho tiêu chí %(code)s không hợp lệ.") % {"code": leaf.code})
            continue
        choices.append(LeafChoice(criterion=leaf, option=option, points=points, knockout=knockout))
    return choices, errors
