"""The council minutes of a round (biên bản họp hội đồng): one read of the round, printed as PDF or XLSX.

Each member's column holds their submitted total, or why there is none (conflict of interest, not
submitted, not assigned). Scoring is blind: the totals come from council.selectors.scorecards_visible_to
for the person downloading, and a result's figures only once the council finalised it; the views hand the
minutes out only for a finished round. Call the renderers with the language to print in active.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from marketplace.core.divisions import province_name
from marketplace.core.pdf import (
    FONT_BOLD,
    FONT_REGULAR,
    fonts_register,
    pdf_paragraph,
)
from marketplace.core.spreadsheets import spreadsheet_row
from ocop_rating.council.selectors import REVEALED_RESULT_STATUSES, scorecards_visible_to
from ocop_rating.models import (
    Assignment,
    ConflictDeclaration,
    CouncilMember,
    Dossier,
    EvaluationRound,
    Result,
    Scorecard,
)
from ocop_rating.results.scoring import PerCriterion

COUNTED_SCORECARDS = (Scorecard.Status.SUBMITTED, Scorecard.Status.LOCKED)
SCORE_FORMAT = "0.00"
DATE_FORMAT = "DD/MM/YYYY"


@dataclass(frozen=True)
class MinutesMember:
    member_id: int
    name: str
    role: str
    role_label: str


@dataclass(frozen=True)
class MinutesDossier:
    dossier_id: int
    product: str
    producer: str
    product_set: str
    # member_id → the submitted total, or a Vietnamese reason why there is none
    member_totals: dict[int, Decimal | str]
    average: Decimal | None
    star: int | None
    eliminated: bool
    result_status: str
    result_status_label: str
    decision_number: str
    decision_date: datetime.date | None
    central_decision_number: str
    central_decision_date: datetime.date | None


@dataclass(frozen=True)
class RoundMinutes:
    round_id: int
    round_name: str
    province: str
    opens_on: datetime.date
    finalised_on: datetime.date | None
    members: list[MinutesMember]  # the seats that score (chair, members): one column each
    dossiers: list[MinutesDossier]
    secretary: MinutesMember | None = None  # keeps the minutes and signs them; never scores
    per_criterion: str = PerCriterion.MEAN  # the round's rule for the minimum-star markers (copied at opening)

    @property
    def chair(self) -> MinutesMember | None:
        return next((m for m in self.members if m.role == CouncilMember.Role.CHAIR), None)


def _user_name(user) -> str:
    return user.get_full_name() or user.get_username()


def _member_cell(
    assignment: Assignment | None, conflicted: set[int], visible: dict[int, Scorecard],
) -> Decimal | str:
    if assignment is None:
        return _("không được phân công")
    if assignment.member_id in conflicted:
        return _("xung đột lợi ích")
    card = visible.get(assignment.pk)
    if card is None and assignment.has_scorecard:
        return _("chưa công bố")
    if card is None or card.status not in COUNTED_SCORECARDS or card.total is None:
        return _("chưa nộp")
    return card.total


def round_minutes_data(*, evaluation_round: EvaluationRound, viewer) -> RoundMinutes:
    """Read everything the minutes show, as ``viewer`` may see it (blind scoring).

    Six queries whatever the number of dossiers: council, dossiers, assignments, conflicts, the
    viewer's roles and the scorecards they may see.
    """
    council = list(
        CouncilMember.objects.filter(round=evaluation_round).select_related("user").order_by("role", "pk")
    )
    seats = [
        MinutesMember(member_id=seat.pk, name=_user_name(seat.user), role=seat.role,
                      role_label=str(seat.get_role_display()))
        for seat in council
    ]
    members = [seat for seat in seats if seat.role in CouncilMember.SCORING_ROLES]
    secretary = next((seat for seat in seats if seat.role == CouncilMember.Role.SECRETARY), None)
    dossiers = (
        Dossier.objects.filter(round=evaluation_round)
        .select_related("product", "producer", "product_set", "result")
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.filter(round=evaluation_round).annotate(
                has_scorecard=Exists(Scorecard.objects.filter(assignment=OuterRef("pk"))),
            )),
            Prefetch("conflicts", queryset=ConflictDeclaration.objects.filter(has_conflict=True)),
        )
        .order_by("pk")
    )
    visible = {card.assignment_id: card for card in scorecards_visible_to(user=viewer, evaluation_round=evaluation_round)}
    rows = []
    finalised_on = None
    for dossier in dossiers:
        by_member = {a.member_id: a for a in dossier.assignments.all()}
        conflicted = {c.member_id for c in dossier.conflicts.all()}
        result: Result | None = getattr(dossier, "result", None)
        # A result computed but not finalised gives members' totals away (two sheets: average and spread).
        revealed = result is not None and result.status in REVEALED_RESULT_STATUSES
        if result is not None and result.finalised_at is not None:
            day = timezone.localdate(result.finalised_at)
            finalised_on = max(finalised_on, day) if finalised_on else day
        rows.append(MinutesDossier(
            dossier_id=dossier.pk,
            product=dossier.product.get_title(),
            producer=dossier.producer.name,
            product_set=str(dossier.product_set),
            member_totals={
                m.member_id: _member_cell(by_member.get(m.member_id), conflicted, visible) for m in members
            },
            average=result.average if revealed else None,
            star=result.star if revealed else None,
            eliminated=bool(revealed and result.eliminated),
            result_status=result.status if result else "",
            result_status_label=str(result.get_status_display()) if result else _("chưa có kết quả"),
            decision_number=result.decision_number if result else "",
            decision_date=result.decision_date if result else None,
            central_decision_number=result.central_decision_number if result else "",
            central_decision_date=result.central_decision_date if result else None,
        ))
    return RoundMinutes(
        round_id=evaluation_round.pk, round_name=evaluation_round.name, province=province_name(evaluation_round.province_code),
        opens_on=evaluation_round.opens_on, finalised_on=finalised_on, members=members, dossiers=rows,
        secretary=secretary, per_criterion=evaluation_round.per_criterion,
    )


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _number(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def _star_text(row: MinutesDossier) -> str:
    if row.eliminated:
        return _("bị loại")
    if row.star is None:
        return ""
    return _("%(stars)s sao") % {"stars": row.star}


def _decision_text(row: MinutesDossier) -> str:
    parts = []
    if row.decision_number:
        parts.append(_("Số %(number)s ngày %(date)s") % {"number": row.decision_number,
                                                         "date": _date(row.decision_date)})
    if row.central_decision_number:
        parts.append(_("Trung ương: số %(number)s ngày %(date)s") % {
            "number": row.central_decision_number, "date": _date(row.central_decision_date)})
    return "; ".join(parts) or str(row.result_status_label)


def _no_secretary() -> str:
    return _("Hội đồng không có thư ký (chưa cử thư ký hội đồng cho đợt này).")


def _per_criterion_text(minutes: RoundMinutes) -> str:
    return _("Mức sao tối thiểu theo từng tiêu chí: %(rule)s.") % {"rule": PerCriterion(minutes.per_criterion).label}


def _title() -> str:
    return _("BIÊN BẢN HỌP HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP")


def _headers(minutes: RoundMinutes) -> tuple[list[str], list[str]]:
    before = [_("STT"), _("Sản phẩm"), _("Chủ thể")]
    after = [_("Điểm trung bình"), _("Hạng sao")]
    return before + [m.name for m in minutes.members], after


def round_minutes_pdf(*, evaluation_round: EvaluationRound, viewer) -> bytes:
    """Render the minutes as an A4 landscape PDF (Vietnamese, Noto Sans embedded)."""
    minutes = round_minutes_data(evaluation_round=evaluation_round, viewer=viewer)
    fonts_register()
    normal = ParagraphStyle("minutes", fontName=FONT_REGULAR, fontSize=9, leading=11)
    bold = ParagraphStyle("minutes-bold", parent=normal, fontName=FONT_BOLD)
    centred = ParagraphStyle("minutes-centred", parent=normal, alignment=1)
    heading = ParagraphStyle("minutes-title", parent=bold, fontSize=15, leading=19, alignment=1)
    centred_bold = ParagraphStyle("minutes-centred-bold", parent=bold, alignment=1)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm, topMargin=12 * mm,
        bottomMargin=12 * mm, title=f"{_title()} — {minutes.round_name}",
        author=_("Chương trình OCOP tỉnh Thanh Hóa"),
    )
    story = [
        pdf_paragraph(_("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), centred_bold),
        pdf_paragraph(_("Độc lập - Tự do - Hạnh phúc"), centred),
        Spacer(1, 5 * mm),
        pdf_paragraph(_title(), heading),
        Spacer(1, 3 * mm),
        pdf_paragraph(_("Đợt đánh giá: %(name)s — %(province)s") % {
            "name": minutes.round_name, "province": minutes.province}, centred),
        pdf_paragraph(_("Ngày mở đợt: %(opens)s; ngày hội đồng chốt kết quả: %(closes)s") % {
            "opens": _date(minutes.opens_on), "closes": _date(minutes.finalised_on) or "—"}, centred),
        Spacer(1, 4 * mm),
        pdf_paragraph(_("Thành phần hội đồng:"), bold),
    ]
    for member in minutes.members:
        story.append(pdf_paragraph(f"– {member.name} ({member.role_label})", normal))
    secretary = minutes.secretary
    story.append(pdf_paragraph(
        f"– {secretary.name} ({secretary.role_label})" if secretary else f"– {_no_secretary()}", normal,
    ))
    story += [Spacer(1, 4 * mm), pdf_paragraph(_("Kết quả đánh giá, phân hạng:"), bold),
              pdf_paragraph(_per_criterion_text(minutes), normal), Spacer(1, 2 * mm)]

    before, after = _headers(minutes)
    header = [pdf_paragraph(text, centred_bold) for text in [*before, *after, _("Quyết định")]]
    body = []
    for index, row in enumerate(minutes.dossiers, start=1):
        cells = [str(index), pdf_paragraph(row.product, normal), pdf_paragraph(row.producer, normal)]
        for member in minutes.members:
            value = row.member_totals[member.member_id]
            cells.append(pdf_paragraph(_number(value) if isinstance(value, Decimal) else value, centred))
        cells += [
            _number(row.average) if row.average is not None else "",
            _star_text(row),
            pdf_paragraph(_decision_text(row), normal),
        ]
        body.append(cells)

    page_width = landscape(A4)[0] - 24 * mm
    fixed = {"stt": 10 * mm, "product": 50 * mm, "producer": 42 * mm, "average": 24 * mm, "star": 18 * mm,
             "decision": 45 * mm}
    member_width = (page_width - sum(fixed.values())) / max(len(minutes.members), 1)
    widths = [fixed["stt"], fixed["product"], fixed["producer"], *[member_width] * len(minutes.members),
              fixed["average"], fixed["star"], fixed["decision"]]
    table = Table([header, *body], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (-3, 1), (-2, -1), "CENTER"),
    ]))
    story += [table, Spacer(1, 10 * mm)]

    chair = minutes.chair
    signatures = Table(
        [
            [pdf_paragraph(_("THƯ KÝ HỘI ĐỒNG"), centred_bold), pdf_paragraph(_("CHỦ TỊCH HỘI ĐỒNG"), centred_bold)],
            [pdf_paragraph(_("(Ký, ghi rõ họ tên)"), centred), pdf_paragraph(_("(Ký, ghi rõ họ tên)"), centred)],
            ["", ""],
            [pdf_paragraph(secretary.name, centred_bold) if secretary else pdf_paragraph(_no_secretary(), centred),
             pdf_paragraph(chair.name if chair else "", centred_bold)],
        ],
        colWidths=[page_width / 2, page_width / 2], rowHeights=[None, None, 22 * mm, None],
    )
    story.append(signatures)
    doc.build(story)
    return buffer.getvalue()


def round_minutes_xlsx(*, evaluation_round: EvaluationRound, viewer) -> bytes:
    """Write the minutes' table as an XLSX workbook: sheet "Biên bản" (numbers stay numbers) and "Thành viên"."""
    minutes = round_minutes_data(evaluation_round=evaluation_round, viewer=viewer)
    workbook = Workbook()
    workbook.properties.title = f"{_title()} — {minutes.round_name}"
    sheet = workbook.active
    sheet.title = _("Biên bản")
    before, after = _headers(minutes)
    sheet.append(spreadsheet_row([*before, *after, _("Kết quả"), _("Số quyết định"), _("Ngày quyết định")]))
    for index, row in enumerate(minutes.dossiers, start=1):
        sheet.append(spreadsheet_row([
            index, row.product, row.producer,
            *[row.member_totals[m.member_id] for m in minutes.members],
            row.average, _("bị loại") if row.eliminated else row.star, str(row.result_status_label),
            row.decision_number or None, row.decision_date,
        ]))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    score_columns = range(len(before) - len(minutes.members) + 1, len(before) + 2)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.column in score_columns and isinstance(cell.value, (int, float, Decimal)):
                cell.number_format = SCORE_FORMAT
            elif isinstance(cell.value, datetime.date):
                cell.number_format = DATE_FORMAT
    sheet.append([])
    sheet.append(spreadsheet_row([_per_criterion_text(minutes)]))
    widths = [6, 36, 30, *[14] * len(minutes.members), 14, 10, 20, 20, 16]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"

    people = workbook.create_sheet(_("Thành viên"))
    people.append(spreadsheet_row([_("STT"), _("Họ và tên"), _("Vai trò")]))
    for cell in people[1]:
        cell.font = bold
    seated = [*minutes.members, *([minutes.secretary] if minutes.secretary else [])]
    for index, member in enumerate(seated, start=1):
        people.append(spreadsheet_row([index, member.name, member.role_label]))
    if minutes.secretary is None:
        people.append(spreadsheet_row([None, _no_secretary(), str(CouncilMember.Role.SECRETARY.label)]))
    people.column_dimensions["B"].width = 30
    people.column_dimensions["C"].width = 24

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
