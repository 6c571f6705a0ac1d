"""The Vietnamese folding the search index matches with."""

import pytest

from marketplace.search_index.text import fold, folded_text, html_text, unfolded_text, words


@pytest.mark.parametrize(("text", "folded"), [
    ("Nước mắm Đông Hải", "Nuoc mam Dong Hai"),
    ("đ Đ đường ĐƯỜNG", "d D duong DUONG"),
    ("mắm mầm mâm mẩm", "mam mam mam mam"),
    ("Thanh Hóa Thanh Hoá", "Thanh Hoa Thanh Hoa"),  # both tone placements
    ("Ỷ ỹ Ữ ợ", "Y y U o"),
    ("1,6 m × 2 m", "1,6 m × 2 m"),
    ("", ""),
])
def test_fold_removes_every_diacritic_and_the_stroke_of_d(text, folded):
    assert fold(text) == folded


def test_decomposed_input_folds_like_composed():
    assert fold("Me\u0302\u0323t") == "Met"  # e + circumflex + dot below, as some keyboards send it


def test_indexed_texts_are_lower_case_words_padded_with_spaces():
    assert words("Nước-mắm, 40 ĐỘ!") == ["nước", "mắm", "40", "độ"]
    assert unfolded_text("Nước mắm  Đông Hải") == " nước mắm đông hải "
    assert folded_text("Nước mắm  Đông Hải") == " nuoc mam dong hai "
    assert unfolded_text("  ?! ") == ""


def test_html_text_keeps_the_words_and_drops_tags_and_scripts():
    assert html_text("<p>Cam <b>sấy</b> &amp; mật ong<script>x()</script></p>").split() == [
        "Cam", "sấy", "mật", "ong",
    ]
