"""The printable certificate (PDF, Vietnamese) and the QR code of its public check URL.

Fonts and escaped paragraphs come from ``marketplace.core.pdf``.
"""

from __future__ import annotations

import datetime
import io
import math

import segno
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from marketplace.core.pdf import FONT_BOLD, FONT_REGULAR, fonts_register
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_status_text

QR_PNG_SCALE = 10
QR_BORDER = 4

_TEXT = colors.HexColor("#1f2933")
_ACCENT = colors.HexColor("#b91c1c")
_STAR = colors.HexColor("#d97706")


def certificate_qr(*, url: str) -> segno.QRCode:
    """The QR code of the public check URL (error correction M, enough for a printed label)."""
    return segno.make(url, error="m", micro=False)


def certificate_qr_png(*, url: str, scale: int = QR_PNG_SCALE, border: int = QR_BORDER) -> bytes:
    """A PNG of the QR code for packaging (segno writes PNG itself, no Pillow)."""
    buffer = io.BytesIO()
    certificate_qr(url=url).save(buffer, kind="png", scale=scale, border=border)
    return buffer.getvalue()


def _draw_qr(canvas: Canvas, *, url: str, x: float, y: float, size: float) -> None:
    """Draw the QR as vector squares (sharp at any print size) with its quiet zone, bottom-left at x, y."""
    rows = list(certificate_qr(url=url).matrix_iter(scale=1, border=QR_BORDER))
    module = size / len(rows)
    canvas.setFillColor(colors.white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    for r, row in enumerate(rows):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(x + c * module, y + size - (r + 1) * module, module, module, stroke=0, fill=1)


def _draw_star(canvas: Canvas, *, cx: float, cy: float, radius: float) -> None:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.setFillColor(_STAR)
    canvas.drawPath(path, stroke=0, fill=1)


def _fitted(text: str, *, font: str, size: float, width: float) -> str:
    """``text`` as it fits on one line of ``width`` points, shortened with an ellipsis when it does not."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _date(value: datetime.date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def certificate_pdf_render(
    *, certificate: Certificate, verify_url: str, today: datetime.date, compress: bool = True,
) -> bytes:
    """Render the certificate as a one-page A4 landscape PDF; no star unless it is valid ``today``.

    Call it with the language to print in active (the views use Vietnamese).
    """
    fonts_register()
    buffer = io.BytesIO()
    width, height = landscape(A4)
    canvas = Canvas(buffer, pagesize=(width, height), pageCompression=1 if compress else 0)
    product = certificate.product
    producer = product.producer
    title = _("GIẤY CHỨNG NHẬN SẢN PHẨM OCOP")
    canvas.setTitle(f"{title} {certificate.code}")
    canvas.setAuthor(_("Chương trình OCOP tỉnh Thanh Hóa"))

    # Frame
    canvas.setStrokeColor(_ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(12 * mm, 12 * mm, width - 24 * mm, height - 24 * mm)
    canvas.setLineWidth(0.8)
    canvas.rect(15 * mm, 15 * mm, width - 30 * mm, height - 30 * mm)

    canvas.setFillColor(_TEXT)
    canvas.setFont(FONT_BOLD, 12)
    canvas.drawCentredString(width / 2, height - 30 * mm, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
    canvas.setFont(FONT_REGULAR, 11)
    canvas.drawCentredString(width / 2, height - 36 * mm, _("Độc lập - Tự do - Hạnh phúc"))

    canvas.setFillColor(_ACCENT)
    canvas.setFont(FONT_BOLD, 24)
    canvas.drawCentredString(width / 2, height - 52 * mm, title)

    valid = certificate.is_valid(on=today)
    if valid:
        star_y = height - 64 * mm
        radius = 5 * mm
        start = width / 2 - (certificate.stars - 1) * radius * 1.25
        for i in range(certificate.stars):
            _draw_star(canvas, cx=start + i * radius * 2.5, cy=star_y, radius=radius)

    location = ", ".join(
        part for part in (product.origin_ward_name, product.origin_province_name) if part
    )
    rows = [
        (_("Tên sản phẩm"), product.get_title()),
        (_("Chủ thể OCOP"), producer.name if producer else ""),
        (_("Địa chỉ (xã/phường, tỉnh/thành phố)"), location),
        (_("Hạng sao"), _("%(stars)s sao") % {"stars": certificate.stars} if valid else "—"),
        (_("Tổng điểm"), f"{certificate.score_total:.2f}".replace(".", ",") if certificate.score_total is not None else ""),
        (_("Quyết định công nhận"), _("Số %(number)s ngày %(date)s")
         % {"number": certificate.decision_number, "date": _date(certificate.decision_date)}),
        (_("Cấp công nhận"), str(certificate.get_issuing_level_display()).capitalize()),
        (_("Bộ tiêu chí"), certificate.criteria_version.code),
        (_("Ngày cấp"), _date(certificate.issued_on)),
        (_("Có giá trị đến"), _date(certificate.valid_until)),
        (_("Mã số chứng nhận"), certificate.code),
        (_("Tình trạng"), certificate_status_text(certificate=certificate, today=today)),
    ]
    if certificate.extended_until and certificate.status == Certificate.Status.ACTIVE:
        rows.insert(10, (_("Gia hạn hiệu lực đến"), _date(certificate.extended_until)))
    label_x, value_x = 30 * mm, 100 * mm
    y = height - 78 * mm
    for label, value in rows:
        canvas.setFillColor(_TEXT)
        canvas.setFont(FONT_REGULAR, 11)
        canvas.drawString(label_x, y, f"{label}:")
        canvas.setFont(FONT_BOLD, 11)
        canvas.drawString(value_x, y, _fitted(str(value), font=FONT_BOLD, size=11, width=width - value_x - 30 * mm))
        y -= 7.5 * mm

    qr_size = 48 * mm
    qr_x, qr_y = width - 30 * mm - qr_size, 28 * mm
    _draw_qr(canvas, url=verify_url, x=qr_x, y=qr_y, size=qr_size)
    canvas.setFont(FONT_REGULAR, 8)
    canvas.setFillColor(_TEXT)
    canvas.drawCentredString(qr_x + qr_size / 2, qr_y - 4 * mm, _("Quét mã để kiểm tra hiệu lực"))

    canvas.setFont(FONT_REGULAR, 8)
    canvas.drawString(30 * mm, 22 * mm, _("Bản in từ hệ thống tra cứu chứng nhận OCOP: %(url)s") % {"url": verify_url})

    if not valid:
        canvas.saveState()
        canvas.setFillColor(_ACCENT)
        canvas.setFillAlpha(0.25)
        canvas.setFont(FONT_BOLD, 60)
        canvas.translate(width / 2, height / 2 - 10 * mm)
        canvas.rotate(20)
        canvas.drawCentredString(0, 0, certificate_status_text(certificate=certificate, today=today).upper())
        canvas.restoreState()

    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
