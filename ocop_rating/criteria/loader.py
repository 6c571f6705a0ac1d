"""Load a criteria file (the official sheets as JSON) into a criteria version, all or nothing.

The file holds ``sets[]`` → ``parts[]`` (A/B/C with their maxima) → ``criteria[]`` → ``sub[]`` (nested
to any depth; three levels in the tea/coffee sheets) → leaves with ``options[]`` ({points, min_star,
label_vi}) or ``binary: true``, plus ``notes_vi`` and a set-level ``disqualification_vi``.

Everything is validated before anything is written (:func:`criteria_file_parse` is pure); the writer
takes the model classes as parameters so the data migration runs the same code on historical models.

Knock-out notes are recognised by their wording: "Bị loại …", "Không đánh giá …" / "… sẽ không đánh giá
các bước tiếp theo", "Không xem xét các chỉ tiêu khác …". Other notes are kept as scoring guidance,
except the sheet-footer text the extraction attached to the last leaf (total row, signature line).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from django.db import transaction
from django.utils.translation import gettext as _

from ocop_rating.errors import RatingError
from ocop_rating.results.scoring import LeafSpec, OptionSpec, SheetSpec

PART_CODES = ("A", "B", "C")
SHEET_TOTAL = Decimal(100)
MIN_STAR_VALUES = (3, 4, 5)
KNOCKOUT_NOTE = re.compile(r"bị loại|không đánh giá|không xem xét", re.IGNORECASE)
FOOTER_NOTE = re.compile(r"^\s*(TỔNG CỘNG|100\s|\.\.\.,\s*ngày)", re.IGNORECASE)
MAX_POINTS_VALUE = Decimal("999.99")


class CriteriaFileError(RatingError):
    """The criteria file is malformed or conflicts with what is loaded; nothing was written."""


@dataclass(frozen=True)
class ParsedOption:
    position: int
    label: str
    points: Decimal
    min_star: int | None


@dataclass(frozen=True)
class ParsedCriterion:
    code: str
    name: str
    part: str
    max_points: Decimal
    position: int
    is_binary: bool
    knockout_note: str
    guidance_note: str
    options: tuple[ParsedOption, ...]
    children: tuple[ParsedCriterion, ...]

    @property
    def is_leaf(self) -> bool:
        return not self.children


@dataclass(frozen=True)
class ParsedPart:
    code: str
    title: str
    max_points: Decimal
    criteria: tuple[ParsedCriterion, ...]


@dataclass(frozen=True)
class ParsedSheet:
    set_number: int
    title: str
    disqualification: str
    parts: tuple[ParsedPart, ...]

    def nodes(self):
        """Yield every criterion in sheet order (parents before their children)."""

        def walk(node):
            yield node
            for child in node.children:
                yield from walk(child)

        for part in self.parts:
            for criterion in part.criteria:
                yield from walk(criterion)

    def leaves(self):
        return [node for node in self.nodes() if node.is_leaf]

    def to_sheet_spec(self, key: str) -> SheetSpec:
        return SheetSpec(
            key=key,
            part_maxima={part.code: part.max_points for part in self.parts},
            leaves=tuple(
                LeafSpec(
                    code=leaf.code,
                    part=leaf.part,
                    max_points=leaf.max_points,
                    options=tuple(OptionSpec(points=o.points, min_star=o.min_star) for o in leaf.options),
                    is_binary=leaf.is_binary,
                    has_knockout=bool(leaf.knockout_note),
                )
                for leaf in self.leaves()
            ),
        )


class CriteriaModels(NamedTuple):
    """The model classes the writer uses: the current ones, or a migration's historical ones."""

    CriteriaVersion: Any
    Sheet: Any
    Part: Any
    Criterion: Any
    Option: Any
    ProductSet: Any

    @classmethod
    def current(cls) -> CriteriaModels:
        from catalog.models import ProductSet
        from ocop_rating.models import CriteriaVersion, Criterion, Option, Part, Sheet

        return cls(CriteriaVersion, Sheet, Part, Criterion, Option, ProductSet)

    @classmethod
    def from_apps(cls, apps) -> CriteriaModels:
        return cls(*(apps.get_model("ocop_rating", name) for name in cls._fields[:-1]),
                   apps.get_model("catalogue", "ProductSet"))


# --- validation (pure) -------------------------------------------------------------------------


def _fmt(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _points(raw, *, where: str, field: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise CriteriaFileError(_("%(where)s: trường \"%(field)s\" thiếu hoặc không phải là số.")
                                % {"where": where, "field": field})
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise CriteriaFileError(_("%(where)s: trường \"%(field)s\" thiếu hoặc không phải là số.")
                                % {"where": where, "field": field}) from None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")) or abs(value) > MAX_POINTS_VALUE:
        raise CriteriaFileError(
            _("%(where)s: điểm %(value)s không hợp lệ (tối đa hai chữ số thập phân, nhỏ hơn 1000).")
            % {"where": where, "value": raw}
        )
    return value


def _text(raw, *, where: str, field: str, required: bool = True) -> str:
    if raw is None and not required:
        return ""
    if not isinstance(raw, str) or (required and not raw.strip()):
        raise CriteriaFileError(_("%(where)s: trường \"%(field)s\" thiếu hoặc không hợp lệ.")
                                % {"where": where, "field": field})
    return raw.strip()


def _notes(raw, *, where: str) -> tuple[str, str]:
    if raw is None:
        return "", ""
    if not isinstance(raw, list) or not all(isinstance(note, str) for note in raw):
        raise CriteriaFileError(_("%(where)s: trường \"notes_vi\" phải là danh sách ghi chú.") % {"where": where})
    knockout = [n.strip() for n in raw if KNOCKOUT_NOTE.search(n)]
    guidance = [n.strip() for n in raw if not KNOCKOUT_NOTE.search(n) and not FOOTER_NOTE.match(n)]
    return "\n".join(knockout), "\n".join(guidance)


class _SheetParser:
    def __init__(self, set_number: int):
        self.set_number = set_number
        self.position = 0
        self.codes: set[str] = set()

    def where(self, code: str | None = None) -> str:
        if code is None:
            return _("Bộ %(set)s") % {"set": self.set_number}
        return _("Bộ %(set)s, tiêu chí %(code)s") % {"set": self.set_number, "code": code}

    def criterion(self, raw, *, part: str) -> ParsedCriterion:
        if not isinstance(raw, dict):
            raise CriteriaFileError(_("%(where)s, phần %(part)s: tiêu chí phải là một đối tượng.")
                                    % {"where": self.where(), "part": part})
        code = _text(raw.get("code"), where=self.where(), field="code")
        where = self.where(code)
        if code in self.codes:
            raise CriteriaFileError(_("%(where)s: mã tiêu chí bị trùng trong phiếu.") % {"where": where})
        self.codes.add(code)
        self.position += 1
        position = self.position
        name = _text(raw.get("name_vi"), where=where, field="name_vi")
        max_points = _points(raw.get("max"), where=where, field="max")
        if max_points <= 0:
            raise CriteriaFileError(_("%(where)s: điểm tối đa phải lớn hơn 0.") % {"where": where})
        knockout_note, guidance_note = _notes(raw.get("notes_vi"), where=where)
        sub = raw.get("sub") or []
        raw_options = raw.get("options") or []
        is_binary = raw.get("binary") is True
        if not isinstance(sub, list) or not isinstance(raw_options, list):
            raise CriteriaFileError(_("%(where)s: \"sub\" và \"options\" phải là danh sách.") % {"where": where})

        if sub:
            if raw_options or is_binary:
                raise CriteriaFileError(
                    _("%(where)s: tiêu chí có tiêu chí con thì không được có phương án chấm.") % {"where": where}
                )
            if knockout_note:
                raise CriteriaFileError(
                    _("%(where)s: ghi chú loại sản phẩm chỉ được đặt ở tiêu chí chấm điểm.") % {"where": where}
                )
            children = tuple(self.criterion(child, part=part) for child in sub)
            total = sum((child.max_points for child in children), Decimal(0))
            if total != max_points:
                raise CriteriaFileError(
                    _("%(where)s: tổng điểm các tiêu chí con là %(total)s, khác điểm tối đa %(max)s.")
                    % {"where": where, "total": _fmt(total), "max": _fmt(max_points)}
                )
            return ParsedCriterion(code, name, part, max_points, position, False, knockout_note,
                                   guidance_note, (), children)

        if is_binary:
            if raw_options:
                raise CriteriaFileError(
                    _("%(where)s: tiêu chí đạt/không đạt không được có phương án chấm.") % {"where": where}
                )
            return ParsedCriterion(code, name, part, max_points, position, True, knockout_note,
                                   guidance_note, (), ())
        if not raw_options:
            raise CriteriaFileError(
                _("%(where)s: tiêu chí không có phương án chấm và không phải tiêu chí đạt/không đạt.")
                % {"where": where}
            )
        options = tuple(self.option(raw_option, index, where=where, max_points=max_points)
                        for index, raw_option in enumerate(raw_options, start=1))
        best = max(option.points for option in options)
        if best != max_points:
            raise CriteriaFileError(
                _("%(where)s: phương án cao nhất được %(best)s điểm, khác điểm tối đa %(max)s.")
                % {"where": where, "best": _fmt(best), "max": _fmt(max_points)}
            )
        return ParsedCriterion(code, name, part, max_points, position, False, knockout_note,
                               guidance_note, options, ())

    def option(self, raw, position: int, *, where: str, max_points: Decimal) -> ParsedOption:
        if not isinstance(raw, dict):
            raise CriteriaFileError(_("%(where)s: phương án chấm phải là một đối tượng.") % {"where": where})
        points = _points(raw.get("points"), where=where, field="points")
        if not Decimal(0) <= points <= max_points:
            raise CriteriaFileError(
                _("%(where)s: phương án %(points)s điểm nằm ngoài khoảng 0–%(max)s.")
                % {"where": where, "points": _fmt(points), "max": _fmt(max_points)}
            )
        min_star = raw.get("min_star")
        if min_star is not None and (isinstance(min_star, bool) or min_star not in MIN_STAR_VALUES):
            raise CriteriaFileError(
                _("%(where)s: mức sao tối thiểu %(min_star)s không hợp lệ (chỉ được 3, 4, 5 hoặc để trống).")
                % {"where": where, "min_star": min_star}
            )
        label = _text(raw.get("label_vi"), where=where, field="label_vi")
        return ParsedOption(position=position, label=label, points=points, min_star=min_star)

    def sheet(self, raw) -> ParsedSheet:
        where = self.where()
        title = _text(raw.get("set_name_vi"), where=where, field="set_name_vi")
        disqualification = _text(raw.get("disqualification_vi"), where=where, field="disqualification_vi",
                                 required=False)
        raw_parts = raw.get("parts")
        if not isinstance(raw_parts, list) or not all(isinstance(p, dict) for p in raw_parts):
            raise CriteriaFileError(_("%(where)s: thiếu danh sách các phần A, B, C.") % {"where": where})
        codes = [p.get("code") for p in raw_parts]
        if codes != list(PART_CODES):
            raise CriteriaFileError(
                _("%(where)s: phiếu phải có đúng ba phần A, B, C theo thứ tự; tệp có: %(codes)s.")
                % {"where": where, "codes": ", ".join(str(c) for c in codes) or "—"}
            )
        maxima = [_points(p.get("max"), where=where, field="max") for p in raw_parts]
        if sum(maxima, Decimal(0)) != SHEET_TOTAL:
            raise CriteriaFileError(
                _("%(where)s: tổng điểm tối đa các phần là %(total)s (%(parts)s), phải bằng 100.")
                % {"where": where, "total": _fmt(sum(maxima, Decimal(0))),
                   "parts": ", ".join(f"{c}={_fmt(m)}" for c, m in zip(codes, maxima, strict=True))}
            )
        parts = []
        for raw_part, code, part_max in zip(raw_parts, codes, maxima, strict=True):
            raw_criteria = raw_part.get("criteria")
            if not isinstance(raw_criteria, list) or not raw_criteria:
                raise CriteriaFileError(_("%(where)s, phần %(part)s: không có tiêu chí nào.")
                                        % {"where": where, "part": code})
            criteria = tuple(self.criterion(c, part=code) for c in raw_criteria)
            total = sum((c.max_points for c in criteria), Decimal(0))
            if total != part_max:
                raise CriteriaFileError(
                    _("%(where)s, phần %(part)s: tổng điểm các tiêu chí là %(total)s, khác điểm tối đa của phần (%(max)s).")
                    % {"where": where, "part": code, "total": _fmt(total), "max": _fmt(part_max)}
                )
            title_part = _text(raw_part.get("title_vi"), where=where, field="title_vi", required=False)
            parts.append(ParsedPart(code=code, title=title_part or code, max_points=part_max, criteria=criteria))
        return ParsedSheet(set_number=self.set_number, title=title, disqualification=disqualification,
                           parts=tuple(parts))


def criteria_file_parse(data, *, known_set_numbers) -> tuple[ParsedSheet, ...]:
    """Validate a criteria file and return its sheets; raise CriteriaFileError naming the set/criterion at fault."""
    if not isinstance(data, dict) or not isinstance(data.get("sets"), list) or not data["sets"]:
        raise CriteriaFileError(_("Tệp bộ tiêu chí không hợp lệ: thiếu danh sách các bộ sản phẩm (\"sets\")."))
    known = set(known_set_numbers)
    seen: set[int] = set()
    sheets = []
    for raw in data["sets"]:
        number = raw.get("set_no") if isinstance(raw, dict) else None
        if isinstance(number, bool) or not isinstance(number, int) or number not in known:
            raise CriteriaFileError(
                _("Bộ sản phẩm số %(set)s không có trong danh mục các bộ sản phẩm OCOP.") % {"set": number}
            )
        if number in seen:
            raise CriteriaFileError(_("Bộ sản phẩm số %(set)s xuất hiện nhiều lần trong tệp.") % {"set": number})
        seen.add(number)
        sheets.append(_SheetParser(number).sheet(raw))
    return tuple(sorted(sheets, key=lambda sheet: sheet.set_number))


def criteria_digest(sheets: tuple[ParsedSheet, ...]) -> str:
    """Return a SHA-256 of the sheets' content (independent of the file's formatting)."""
    canonical = json.dumps([asdict(sheet) for sheet in sheets], default=lambda d: _fmt(d),
                           ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


# --- writing -----------------------------------------------------------------------------------


def criteria_version_write(*, models: CriteriaModels, code: str, name: str, data,
                           effective_from: datetime.date, legal_basis: str = ""):
    """Validate ``data`` and write it as version ``code`` with ``models``; the caller holds the transaction.

    Loading the same content again changes nothing (not even the name or date); different content for
    an existing code is refused.
    """
    set_ids = dict(models.ProductSet.objects.values_list("number", "pk"))
    sheets = criteria_file_parse(data, known_set_numbers=set_ids)
    digest = criteria_digest(sheets)

    existing = models.CriteriaVersion.objects.filter(code=code).first()
    if existing is not None:
        if existing.content_digest != digest:
            raise CriteriaFileError(
                _("Phiên bản %(code)s đã được nạp với nội dung khác; không thể thay đổi các phiếu của "
                  "phiên bản đã có. Hãy nạp nội dung mới thành một phiên bản khác.") % {"code": code}
            )
        return existing

    version = models.CriteriaVersion.objects.create(
        code=code, name=name, legal_basis=legal_basis, effective_from=effective_from, content_digest=digest,
    )
    models.Sheet.objects.bulk_create(
        models.Sheet(version=version, product_set_id=set_ids[sheet.set_number], title=sheet.title,
                     disqualification=sheet.disqualification)
        for sheet in sheets
    )
    sheet_ids = dict(models.Sheet.objects.filter(version=version).values_list("product_set__number", "pk"))
    models.Part.objects.bulk_create(
        models.Part(sheet_id=sheet_ids[sheet.set_number], code=part.code, title=part.title,
                    max_points=part.max_points)
        for sheet in sheets for part in sheet.parts
    )

    # Insert the tree level by level, looking the parents' keys up by (sheet, code) in between.
    level = [(sheet.set_number, None, criterion) for sheet in sheets for part in sheet.parts
             for criterion in part.criteria]
    criterion_ids: dict[tuple[int, str], int] = {}
    while level:
        models.Criterion.objects.bulk_create(
            models.Criterion(
                sheet_id=sheet_ids[number],
                parent_id=criterion_ids[(sheet_ids[number], parent_code)] if parent_code else None,
                part=node.part, code=node.code, name=node.name, max_points=node.max_points,
                position=node.position, is_leaf=node.is_leaf, is_binary=node.is_binary,
                knockout_note=node.knockout_note, guidance_note=node.guidance_note,
            )
            for number, parent_code, node in level
        )
        criterion_ids = {
            (sheet_id, criterion_code): pk
            for sheet_id, criterion_code, pk in models.Criterion.objects.filter(
                sheet__version=version).values_list("sheet_id", "code", "pk")
        }
        level = [(number, node.code, child) for number, _parent, node in level for child in node.children]

    models.Option.objects.bulk_create(
        models.Option(criterion_id=criterion_ids[(sheet_ids[sheet.set_number], leaf.code)],
                      position=option.position, label=option.label, points=option.points,
                      min_star=option.min_star)
        for sheet in sheets for leaf in sheet.leaves() for option in leaf.options
    )
    return version


@transaction.atomic
def criteria_version_load(*, code: str, name: str, data: dict, effective_from: datetime.date,
                          legal_basis: str = ""):
    """Load a criteria file as version ``code`` in one transaction; raise CriteriaFileError and write nothing if it is malformed."""
    return criteria_version_write(models=CriteriaModels.current(), code=code, name=name, data=data,
                                  effective_from=effective_from, legal_basis=legal_basis)
