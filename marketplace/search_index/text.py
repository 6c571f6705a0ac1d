"""Vietnamese text as the index holds it: lower-case words, with tones (unfolded) and without (folded)."""

import re
import unicodedata

import nh3

_WORD = re.compile(r"\w+")
# Not decomposed by NFD: the stroke is part of the letter.
_STROKES = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Remove Vietnamese diacritics (tones and vowel marks) and map đ/Đ to d/D; keep case and everything else.

    "Nước mắm Đông Hải" -> "Nuoc mam Dong Hai": what a shopper types on a keyboard without a Vietnamese layout.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKES))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def words(text: str) -> list[str]:
    """The lower-case words of ``text`` (NFC, punctuation dropped), tones kept."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def unfolded_text(text: str) -> str:
    """``text`` as indexed with tones: its words joined by single spaces, padded with one space on each side.

    The padding lets a plain ``LIKE '% mắm %'`` match whole words and ``'% mắ%'`` word prefixes.
    """
    found = words(text)
    return f" {' '.join(found)} " if found else ""


def folded_text(text: str) -> str:
    """``unfolded_text`` without diacritics."""
    return fold(unfolded_text(text))


def html_text(html: str) -> str:
    """The words of an HTML fragment (a product description), tags dropped."""
    cleaned = nh3.clean(html or "", tags=set(), attributes={})
    return re.sub(r"&[a-z]+;|&#\d+;", " ", cleaned)
