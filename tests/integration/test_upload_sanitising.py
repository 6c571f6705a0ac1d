"""What users upload is stored clean: images without EXIF/GPS, PDFs without scripts, HTML without scripts,
and nothing left in storage by a transaction that rolls back."""

import hashlib
import io
import os
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, models, transaction
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_class, get_model
from PIL import Image, ImageCms
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from wagtail.images import get_image_model

from marketplace.core.files import stored_files_kept_on_commit
from marketplace.core.images import MAX_PIXELS, ImageRefused, image_field_is_upload, image_reencoded
from ocop_rating.dossiers.services import dossier_create, evidence_file_add
from ocop_rating.models import EvidenceFile
from ocop_rating.workflow.events import WorkflowError
from tests.factories import CategoryFactory, ProductFactory, UserFactory

pytestmark = pytest.mark.django_db

ProductImage = get_model("catalogue", "ProductImage")
ProductImageForm = get_class("dashboard.catalogue.forms", "ProductImageForm")
WagtailImage = get_image_model()

GPS_IFD = 0x8825
ORIENTATION = 0x0112
RED, BLUE = (255, 0, 0), (0, 0, 255)


def photo_with_gps(*, size=(60, 40), orientation: int | None = None, image_format="JPEG", icc=None) -> bytes:
    """A photo as a phone writes it: camera, GPS position (Hạc Thành) and maybe an orientation.

    The left half is red and the right half blue, so turning it shows where the red went.
    """
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[0x010F] = "Samsung"
    if orientation:
        exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2], gps[3], gps[4] = "N", (19.0, 48.0, 26.0), "E", (105.0, 46.0, 35.0)
    buffer = io.BytesIO()
    options = {"exif": exif.tobytes()}
    if icc:
        options["icc_profile"] = icc
    image.save(buffer, format=image_format, **options)
    content = buffer.getvalue()
    with Image.open(io.BytesIO(content)) as check:  # the fixture really carries GPS
        assert check.getexif().get_ifd(GPS_IFD)[1] == "N"
    return content


def assert_no_metadata(content_or_path, *, size, image_format="JPEG") -> Image.Image:
    source = content_or_path if isinstance(content_or_path, (str, Path)) else io.BytesIO(content_or_path)
    with Image.open(source) as image:
        image.load()
        assert image.format == image_format
        assert dict(image.getexif()) == {}
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment"} & set(image.info)
        assert image.size == size
        return image.copy()


def colour_at(image: Image.Image, xy) -> tuple[int, int, int]:
    r, g, b = image.convert("RGB").getpixel(xy)[:3]
    return (round(r / 255) * 255, round(g / 255) * 255, round(b / 255) * 255)


def huge_png() -> bytes:
    """A tiny file that decodes to 8000 × 6000 pixels (48 million, over the 40 million cap)."""
    buffer = io.BytesIO()
    Image.new("1", (8000, 6000)).save(buffer, format="PNG")
    return buffer.getvalue()


def stored_names(storage) -> set[str]:
    root = Path(storage.location)
    return {str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()}


# --- the one re-encoding helper --------------------------------------------------------------------


def test_a_phone_photo_loses_its_exif_and_gps_and_keeps_its_size_and_format():
    reencoded = image_reencoded(photo_with_gps())

    assert (reencoded.format, reencoded.extension, reencoded.content_type) == ("JPEG", "jpg", "image/jpeg")
    assert (reencoded.width, reencoded.height) == (60, 40)
    assert_no_metadata(reencoded.content, size=(60, 40))


def test_a_photo_taken_sideways_comes_out_upright():
    # Orientation 6: the camera was turned, the viewer must turn the picture 90° clockwise.
    reencoded = image_reencoded(photo_with_gps(size=(60, 40), orientation=6))

    upright = assert_no_metadata(reencoded.content, size=(40, 60))
    assert (colour_at(upright, (20, 5)), colour_at(upright, (20, 55))) == (RED, BLUE)


@pytest.mark.parametrize("image_format", ["PNG", "WEBP"])
def test_png_and_webp_keep_their_format_and_lose_their_exif(image_format):
    reencoded = image_reencoded(photo_with_gps(image_format=image_format))

    assert reencoded.format == image_format
    assert_no_metadata(reencoded.content, size=(60, 40), image_format=image_format)


def test_the_colour_profile_is_kept():
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()

    reencoded = image_reencoded(photo_with_gps(icc=profile))

    with Image.open(io.BytesIO(reencoded.content)) as image:
        assert image.info["icc_profile"] == profile
        assert dict(image.getexif()) == {}


def test_an_image_over_the_pixel_cap_is_refused_with_a_clear_message():
    with pytest.raises(ImageRefused) as refused:
        image_reencoded(huge_png())

    assert refused.value.messages == ["Ảnh quá lớn: tối đa 40 triệu điểm ảnh."]


def test_a_file_that_is_not_an_image_is_refused():
    with pytest.raises(ImageRefused) as refused:
        image_reencoded(b"GIF89a nhung khong phai anh")

    assert refused.value.messages == ["Tệp không phải là ảnh hợp lệ hoặc ảnh bị hỏng."]


def test_the_pixel_cap_is_wagtails():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == MAX_PIXELS


def test_every_upload_image_field_of_every_model_reencodes():
    fields = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models() for field in model._meta.get_fields()
        if isinstance(field, models.ImageField) and image_field_is_upload(model, field)
        and field.attr_class.__name__.startswith("Reencoded")
    }
    unchanged = {
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models() for field in model._meta.get_fields()
        if isinstance(field, models.ImageField) and not field.attr_class.__name__.startswith("Reencoded")
    }

    assert fields == {"catalogue.ProductImage.original", "catalogue.Category.image",
                      "catalogue.ProductAttributeValue.value_image", "wagtailimages.Image.file",
                      "wagtailusers.UserProfile.avatar"}
    assert unchanged == {"wagtailimages.Rendition.file"}


# --- product images (Oscar) ------------------------------------------------------------------------


def test_a_product_image_saved_by_the_model_is_stored_without_exif():
    product = ProductFactory()

    image = ProductImage.objects.create(
        product=product, original=SimpleUploadedFile("anh-vi-tri.jpg", photo_with_gps(orientation=6)))

    assert_no_metadata(image.original.path, size=(40, 60))
    assert image.original.name.endswith(".jpg")


def test_a_product_image_written_through_its_file_field_is_stored_without_exif():
    image = ProductImage(product=ProductFactory())

    image.original.save("anh-vi-tri.jpg", SimpleUploadedFile("x", photo_with_gps()), save=False)
    image.save()

    assert_no_metadata(ProductImage.objects.get(pk=image.pk).original.path, size=(60, 40))


def test_the_dashboard_image_form_refuses_an_image_over_the_cap_and_stores_nothing():
    product = ProductFactory()
    before = stored_names(default_storage)
    form = ProductImageForm(data={"images-0-product": product.pk, "images-0-display_order": 0},
                            files={"images-0-original": SimpleUploadedFile("to.png", huge_png())},
                            prefix="images-0")

    assert not form.is_valid()

    assert form.errors["original"] == ["Ảnh quá lớn: tối đa 40 triệu điểm ảnh."]
    assert not ProductImage.objects.exists()
    assert stored_names(default_storage) == before


# --- Wagtail images ---------------------------------------------------------------------------------


def test_an_image_uploaded_in_the_wagtail_admin_is_stored_without_exif():
    editor = UserFactory(is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(editor)

    response = client.post(reverse("wagtailimages:add_multiple"),
                           {"files[]": SimpleUploadedFile("anh-hoi-cho.jpg", photo_with_gps(orientation=6))})

    assert response.status_code == 200
    assert response.json()["success"] is True
    image = WagtailImage.objects.get()
    stored = Path(image.file.path).read_bytes()
    assert_no_metadata(image.file.path, size=(40, 60))
    assert (image.width, image.height, image.file_size) == (40, 60, len(stored))
    assert image.file_hash == hashlib.sha1(stored).hexdigest()
    assert image.get_rendition("fill-20x30").file.size > 0


def test_a_wagtail_image_created_in_code_is_stored_without_exif():
    image = WagtailImage(title="Hội chợ OCOP",
                         file=ImageFile(io.BytesIO(photo_with_gps()), name="hoi-cho.jpg"))

    image.save()

    assert_no_metadata(image.file.path, size=(60, 40))
    assert (image.width, image.height) == (60, 40)


# --- evidence files of a dossier ---------------------------------------------------------------------


def test_an_evidence_photo_uploaded_in_the_portal_is_stored_without_exif(people, rating_product):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = Client()
    client.force_login(people.producer)
    upload = SimpleUploadedFile("nha-xuong.jpg", photo_with_gps(orientation=6), content_type="image/jpeg")

    client.post(reverse("ocop_rating:dossier_evidence", kwargs={"dossier_id": dossier.pk}),
                {"kind": "environment", "file": upload})

    evidence = EvidenceFile.objects.get(dossier=dossier)
    stored = Path(evidence.file.path).read_bytes()
    assert_no_metadata(evidence.file.path, size=(40, 60))
    assert (evidence.content_type, evidence.size, evidence.sha256) == (
        "image/jpeg", len(stored), hashlib.sha256(stored).hexdigest())


def test_an_evidence_photo_over_the_cap_is_refused_and_nothing_is_written(people, rating_product):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    before = stored_names(storages["private"])

    with pytest.raises(WorkflowError) as refused:
        evidence_file_add(dossier=dossier, kind="environment", actor=people.producer,
                          uploaded_file=SimpleUploadedFile("to.png", huge_png()))

    assert refused.value.message == "Ảnh quá lớn: tối đa 40 triệu điểm ảnh."
    assert not EvidenceFile.objects.exists()
    assert stored_names(storages["private"]) == before


# --- evidence PDFs -------------------------------------------------------------------------------


def pdf_bytes(writer: PdfWriter | None = None) -> bytes:
    if writer is None:
        writer = PdfWriter()
        writer.add_blank_page(200, 200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def pdf_with(change) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    change(writer)
    return pdf_bytes(writer)


def _javascript_on_open(writer):
    writer.add_open_action(JavaScript("app.alert('xin chao');"))


def _javascript_in_names_tree(writer):
    action = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1);"),
    }))
    writer._root_object[NameObject("/Names")] = DictionaryObject({
        NameObject("/JavaScript"): DictionaryObject({NameObject("/Names"): ArrayObject([
            TextStringObject("chao"), action])}),
    })


def _launch(writer):
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("cmd.exe"),
    })


def _link(writer):
    from pypdf.annotations import Link

    writer.add_annotation(0, Link(rect=(10, 10, 100, 30), url="https://ocop.thanhhoa.gov.vn/"))


SCRIPT = "Tệp PDF chứa mã JavaScript nên không được nhận: hãy in lại thành PDF thông thường (In → Lưu thành PDF) rồi tải lên."
OUTSIDE = ("Tệp PDF chứa lệnh mở chương trình hoặc tệp khác, hay gửi dữ liệu ra ngoài, nên không được nhận: "
           "hãy in lại thành PDF thông thường (In → Lưu thành PDF) rồi tải lên.")
BROKEN = "Tệp PDF bị hỏng hoặc không đọc được: hãy xuất lại tệp PDF rồi tải lên."

REFUSED_PDFS = {
    "javascript on open": (lambda: pdf_with(_javascript_on_open), SCRIPT),
    "javascript in the names tree": (lambda: pdf_with(_javascript_in_names_tree), SCRIPT),
    "launch on open": (lambda: pdf_with(_launch), OUTSIDE),
    "attached file": (lambda: pdf_with(lambda w: w.add_attachment("hoa-don.exe", b"MZ")),
                      "Tệp PDF có tệp đính kèm bên trong nên không được nhận: hãy tải từng tệp lên riêng."),
    "encrypted": (lambda: pdf_with(lambda w: w.encrypt("mat-khau")),
                  "Tệp PDF có mật khẩu hoặc được mã hóa: hãy tải lên bản không đặt mật khẩu."),
    "truncated": (lambda: pdf_bytes()[:-40], BROKEN),
    "not a pdf behind the header": (lambda: b"%PDF-1.7\nday la mot tep van ban\n", BROKEN),
}


@pytest.mark.parametrize("case", REFUSED_PDFS)
def test_an_unsafe_or_broken_pdf_is_refused_and_nothing_is_written(people, rating_product, case):
    make, message = REFUSED_PDFS[case]
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    before = stored_names(storages["private"])

    with pytest.raises(WorkflowError) as refused:
        evidence_file_add(dossier=dossier, kind="test_reports", actor=people.producer,
                          uploaded_file=SimpleUploadedFile("phieu-kiem-nghiem.pdf", make()))

    assert refused.value.message == message
    assert not EvidenceFile.objects.exists()
    assert stored_names(storages["private"]) == before


def test_a_pdf_with_javascript_is_refused_in_the_portal(people, rating_product):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = Client()
    client.force_login(people.producer)
    upload = SimpleUploadedFile("bao-cao.pdf", pdf_with(_javascript_on_open),
                                content_type="application/pdf")

    page = client.post(reverse("ocop_rating:dossier_evidence", kwargs={"dossier_id": dossier.pk}),
                       {"kind": "test_reports", "file": upload}, follow=True)

    assert SCRIPT in [str(message) for message in page.context["messages"]]
    assert not EvidenceFile.objects.exists()


def test_a_plain_pdf_with_a_web_link_is_accepted_unchanged(people, rating_product):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    content = pdf_with(_link)

    evidence = evidence_file_add(dossier=dossier, kind="promotion", actor=people.producer,
                                 uploaded_file=SimpleUploadedFile("website.pdf", content))

    assert (evidence.content_type, Path(evidence.file.path).read_bytes()) == ("application/pdf", content)


# --- category and product descriptions ---------------------------------------------------------------

PAYLOAD = ('<p>Nem chua <b>Thanh Hóa</b></p><script>alert(1)</script>'
           '<img src="x" onerror="alert(2)"><a href="javascript:alert(3)">xem</a>')
CLEAN = '<p>Nem chua <b>Thanh Hóa</b></p><a rel="noopener noreferrer nofollow">xem</a>'


def test_a_category_description_is_cleaned_on_save_and_the_page_shows_no_script():
    category = CategoryFactory(name="Thực phẩm", description=PAYLOAD, long_description=PAYLOAD)

    category.refresh_from_db()
    page = Client().get(category.get_absolute_url())

    assert (category.description, category.long_description) == (CLEAN, CLEAN)
    assert page.status_code == 200
    body = page.content.decode()
    assert "Nem chua <b>Thanh Hóa</b>" in body
    assert [text for text in ("<script>alert", "alert(", "onerror", "javascript:") if text in body] == []


def test_a_product_description_is_cleaned_on_save():
    product = ProductFactory(description=PAYLOAD)

    product.refresh_from_db()

    assert product.description == CLEAN


def test_the_data_migration_cleans_descriptions_stored_before():
    from importlib import import_module

    migration = import_module("catalog.migrations.0037_sanitise_category_and_product_descriptions")
    category, product = CategoryFactory(name="Đồ uống"), ProductFactory()
    Category = get_model("catalogue", "Category")
    Category.objects.filter(pk=category.pk).update(description=PAYLOAD)  # as rows written before the fix
    get_model("catalogue", "Product").objects.filter(pk=product.pk).update(description=PAYLOAD)

    migration.descriptions_sanitise(apps, None)

    category.refresh_from_db()
    product.refresh_from_db()
    assert (category.description, product.description) == (CLEAN, CLEAN)


# --- no orphan files --------------------------------------------------------------------------------


def _failing_save(*args, **kwargs):
    raise IntegrityError("the database refuses the row")


def test_a_file_written_by_a_rolled_back_transaction_is_deleted(people, rating_product, monkeypatch):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    before = stored_names(storages["private"])
    monkeypatch.setattr(EvidenceFile, "save", _failing_save)  # fails after the file is written

    with stored_files_kept_on_commit(), pytest.raises(IntegrityError):
        evidence_file_add(dossier=dossier, kind="environment", actor=people.producer,
                          uploaded_file=SimpleUploadedFile("anh.jpg", photo_with_gps()))

    assert stored_names(storages["private"]) == before
    assert not EvidenceFile.objects.exists()


def test_a_request_whose_upload_rolls_back_leaves_no_file(people, rating_product, monkeypatch):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    before = stored_names(storages["private"])
    monkeypatch.setattr(EvidenceFile, "save", _failing_save)
    client = Client(raise_request_exception=False)
    client.force_login(people.producer)

    response = client.post(reverse("ocop_rating:dossier_evidence", kwargs={"dossier_id": dossier.pk}),
                           {"kind": "environment", "file": SimpleUploadedFile("anh.jpg", photo_with_gps())})

    assert response.status_code == 500
    assert stored_names(storages["private"]) == before
    assert not EvidenceFile.objects.exists()


def test_a_file_written_by_a_committed_transaction_is_kept(django_capture_on_commit_callbacks):
    with stored_files_kept_on_commit(), django_capture_on_commit_callbacks(execute=True) as commit_callbacks:
        name = default_storage.save("kept/giu-lai.txt", io.BytesIO(b"ok"))

    assert len(commit_callbacks) == 1
    assert default_storage.exists(name)
    default_storage.delete(name)


def test_a_file_whose_transaction_is_still_open_is_left_alone():
    with stored_files_kept_on_commit(), transaction.atomic():
        name = default_storage.save("pending/cho.txt", io.BytesIO(b"ok"))
    # the block's savepoint is released, but the test's own transaction has not ended yet

    assert default_storage.exists(name)
    default_storage.delete(name)


def test_a_file_written_inside_a_rolled_back_savepoint_is_deleted():
    with stored_files_kept_on_commit(), pytest.raises(RuntimeError), transaction.atomic():
        name = default_storage.save("rolled-back/bo-di.txt", io.BytesIO(b"x"))
        raise RuntimeError("later in the same transaction")

    assert not default_storage.exists(name)
    assert not os.path.exists(default_storage.path(name))
