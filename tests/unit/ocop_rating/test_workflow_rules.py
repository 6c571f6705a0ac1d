"""Pure rules of the workflow: the commune's 15-working-day deadline and evidence-file checks.

The deadline is computed on the public calendar alone (no staff-entered days: they need the database,
see tests/integration/test_working_days.py).
"""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject

from marketplace.core.working_days import WorkingCalendar
from ocop_rating.dossiers.services import (
    COMMUNE_WORKING_DAYS,
    evidence_file_validate,
)
from ocop_rating.workflow.events import WorkflowError

D = datetime.date


@pytest.mark.parametrize(
    ("submitted", "deadline"),
    [
        (D(2026, 11, 27), D(2026, 12, 18)),  # Friday: 3 full weeks later
        (D(2026, 11, 30), D(2026, 12, 21)),  # Monday → Monday three weeks on
        (D(2026, 11, 28), D(2026, 12, 18)),  # Saturday: counting starts on Monday
        (D(2026, 11, 29), D(2026, 12, 18)),  # Sunday: same
        (D(2026, 12, 31), D(2027, 1, 22)),  # over New Year: Fri 1 Jan 2027 is a public holiday
    ],
)
def test_commune_deadline_is_15_working_days_after_submission(submitted, deadline):
    # Given a submission date, when the deadline is computed, then weekends and holidays are skipped and the
    # day itself is not counted.
    assert COMMUNE_WORKING_DAYS == 15
    assert WorkingCalendar().add(submitted, COMMUNE_WORKING_DAYS) == deadline


def test_working_days_add_zero_returns_the_start():
    assert WorkingCalendar().add(D(2026, 11, 28), 0) == D(2026, 11, 28)


def _png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return buffer.getvalue()


def _jpeg_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="JPEG")
    return buffer.getvalue()


ONLY_PDF_JPEG_PNG = "Chỉ nhận tệp PDF, JPEG hoặc PNG: nội dung tệp này không phải một trong các loại đó."


def test_real_png_is_accepted_with_its_type_and_digest():
    content = _png_bytes()
    checked = evidence_file_validate(uploaded_file=SimpleUploadedFile("anh.png", content))
    assert (checked.content_type, checked.extension) == ("image/png", "png")
    assert checked.content == content
    assert len(checked.sha256) == 64


def test_jpeg_named_pdf_is_recognised_by_content():
    checked = evidence_file_validate(uploaded_file=SimpleUploadedFile("giay-phep.pdf", _jpeg_bytes()))
    assert (checked.content_type, checked.extension) == ("image/jpeg", "jpg")


def pdf_of_size(size: int | None = None) -> bytes:
    """A real one-page PDF; with ``size``, padded to exactly that many bytes by an unused stream."""

    def build(padding: int) -> bytes:
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
        if padding:
            stream = DecodedStreamObject()
            stream.set_data(b"0" * padding)
            writer._add_object(stream)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()

    content = build(0)
    padding = 0
    while size is not None and len(content) != size:
        padding += size - len(content)
        content = build(padding)
    return content


def test_a_real_pdf_is_accepted():
    checked = evidence_file_validate(uploaded_file=SimpleUploadedFile("dkkd.pdf", pdf_of_size()))
    assert checked.content_type == "application/pdf"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("gia-mao.pdf", b"MZ\x90\x00 this is an executable, not a PDF"),
        ("anh-hong.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # PNG signature, broken image
        ("tai-lieu.docx", b"PK\x03\x04 a zip archive"),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
    ],
)
def test_files_that_are_not_pdf_jpeg_or_png_by_content_are_refused(name, content):
    with pytest.raises(WorkflowError) as refused:
        evidence_file_validate(uploaded_file=SimpleUploadedFile(name, content))
    assert refused.value.message == ONLY_PDF_JPEG_PNG


def test_file_over_10_mb_is_refused():
    content = b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024)
    with pytest.raises(WorkflowError) as refused:
        evidence_file_validate(uploaded_file=SimpleUploadedFile("lon.pdf", content))
    assert refused.value.message == "Tệp quá lớn: tối đa 10 MB."


def test_file_of_exactly_10_mb_is_accepted():
    content = pdf_of_size(10 * 1024 * 1024)
    assert evidence_file_validate(uploaded_file=SimpleUploadedFile("vua.pdf", content)).content_type == (
        "application/pdf"
    )


def test_empty_file_is_refused():
    with pytest.raises(WorkflowError) as refused:
        evidence_file_validate(uploaded_file=SimpleUploadedFile("rong.pdf", b""))
    assert refused.value.message == "Tệp rỗng."
