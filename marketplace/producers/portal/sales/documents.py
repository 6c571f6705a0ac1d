"""The marketplace's sales statement of one product (bảng kê bán hàng trên sàn), a PDF for the OCOP dossier.

Fonts and escaped paragraphs come from ``marketplace.core.pdf``. Call it with the language to print in active.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from marketplace.core.money import format_vnd
from marketplace.core.pdf import FONT_BOLD, FONT_REGULAR, fonts_register, pdf_paragraph

from .selectors import MonthSales, Period


@dataclass(frozen=True)
class SalesStatement:
    """What the statement prints: the listing, and the product's sales month by month."""

    producer_name: str
    product_title: str
    listing_url: str
    listed_on: datetime.date
    period: Period
    months: list[MonthSales]
    generated_at: datetime.datetime  # local time

    @property
    def total_units(self) -> int:
        return sum(month.units for month in self.months)

    @property
    def total_revenue(self) -> int:
        return sum(month.revenue for month in self.months)


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def statement_title() -> str:
    return _("BẢNG KÊ BÁN HÀNG TRÊN SÀN")


def statement_generated_by() -> str:
    return _("Do %(shop)s lập tự động") % {"shop": settings.OSCAR_SHOP_NAME}


def sales_statement_pdf(statement: SalesStatement) -> bytes:
    """Render the statement as an A4 portrait PDF (Vietnamese, Noto Sans embedded)."""
    fonts_register()
    normal = ParagraphStyle("statement", fontName=FONT_REGULAR, fontSize=10, leading=13)
    bold = ParagraphStyle("statement-bold", parent=normal, fontName=FONT_BOLD)
    heading = ParagraphStyle("statement-title", parent=bold, fontSize=15, leading=19, alignment=1)
    centred = ParagraphStyle("statement-centred", parent=normal, alignment=1)
    small = ParagraphStyle("statement-small", parent=normal, fontSize=8.5, leading=11)

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=16 * mm,
        title=f"{statement_title()} — {statement.product_title}", author=statement_generated_by(),
    )
    story = [
        pdf_paragraph(statement_title(), heading),
        pdf_paragraph(statement_generated_by(), centred),
        Spacer(1, 6 * mm),
        pdf_paragraph(_("Chủ thể: %(name)s") % {"name": statement.producer_name}, normal),
        pdf_paragraph(_("Sản phẩm: %(title)s") % {"title": statement.product_title}, normal),
        pdf_paragraph(_("Trang sản phẩm trên sàn: %(url)s") % {"url": statement.listing_url}, normal),
        pdf_paragraph(_("Ngày đăng bán trên sàn: %(date)s") % {"date": _date(statement.listed_on)}, normal),
        pdf_paragraph(_("Kỳ thống kê: từ %(start)s đến %(end)s") % {
            "start": _date(statement.period.start), "end": _date(statement.period.end)}, normal),
        Spacer(1, 4 * mm),
    ]
    rows = [[pdf_paragraph(_("Tháng"), bold), pdf_paragraph(_("Số lượng bán"), bold),
             pdf_paragraph(_("Doanh thu (gồm thuế)"), bold)]]
    for month in statement.months:
        rows.append([month.month.strftime("%m/%Y"), str(month.units), format_vnd(month.revenue)])
    rows.append([pdf_paragraph(_("Tổng cộng 12 tháng"), bold), str(statement.total_units),
                 format_vnd(statement.total_revenue)])
    table = Table(rows, colWidths=[50 * mm, 45 * mm, 70 * mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT_REGULAR),
        ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
        ("FONTSIZE", (0, 0), (-1, -1), 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e5e7eb")),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story += [
        table,
        Spacer(1, 5 * mm),
        pdf_paragraph(_("Số liệu tính theo ngày đặt hàng (giờ Việt Nam), chỉ gồm các đơn không bị hủy hoặc hoàn trả; "
                        "doanh thu là tiền hàng gồm thuế, không gồm phí vận chuyển."), small),
        pdf_paragraph(_("Ngày lập: %(when)s") % {"when": statement.generated_at.strftime("%d/%m/%Y %H:%M")}, normal),
        pdf_paragraph(statement_generated_by(), bold),
    ]
    doc.build(story)
    return buffer.getvalue()
