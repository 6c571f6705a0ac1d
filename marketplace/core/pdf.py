"""What every PDF of the site shares: Vietnamese fonts and paragraphs that print text exactly as typed.

Fonts: Noto Sans (SIL OFL 1.1, see fonts/OFL.txt) is shipped in ``marketplace/core/fonts`` because
reportlab's bundled fonts have no Vietnamese glyphs; the file is subset into each PDF.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_REGULAR = "NotoSans"
FONT_BOLD = "NotoSans-Bold"


def fonts_register() -> None:
    """Register the Noto Sans fonts with reportlab once (shared by every PDF of the site)."""
    registered = pdfmetrics.getRegisteredFontNames()
    if FONT_REGULAR not in registered:
        pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(FONT_DIR / "NotoSans-Regular.ttf")))
    if FONT_BOLD not in registered:
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "NotoSans-Bold.ttf")))


def pdf_paragraph(text, style: ParagraphStyle) -> Paragraph:
    """A paragraph that prints ``text`` exactly as typed: reportlab's markup (``<b>``, ``<link>``, ``&...;``)
    in names, titles or numbers is escaped, never parsed, so it cannot break the document or add a link.

    Every paragraph of the site's PDFs is made here; text drawn on a canvas (drawString) is never parsed.
    """
    return Paragraph(escape(str(text)), style)
