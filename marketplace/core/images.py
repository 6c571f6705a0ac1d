"""Every stored image is re-encoded: upright, same format, no EXIF/GPS or other metadata, bounded size.

Phones write the place a photo was taken into its EXIF; an uploaded original is served at a
guessable public path (product images, CMS images) or handed to officials (evidence photos), so
no stored image keeps any metadata but its colour profile. One function does the work,
`image_reencoded`; `image_fields_reencode_on_save` makes every model image field use it, so the
Oscar dashboard, the Wagtail admin, the Django admin and code that saves a file all go through it.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.db.models.fields.files import ImageFieldFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError
from wagtail.images.models import AbstractRendition, WagtailImageFieldFile

# The same cap as WAGTAILIMAGES_MAX_IMAGE_PIXELS (a test keeps them equal); frames count.
MAX_PIXELS = 40_000_000
JPEG_QUALITY = 90
WEBP_QUALITY = 90

# Pillow's format → (format written, file extension, content type). MPO is a phone's JPEG with
# extra pictures (depth maps, previews): only the main picture is kept, as a plain JPEG.
FORMATS: dict[str, tuple[str, str, str]] = {
    "JPEG": ("JPEG", "jpg", "image/jpeg"),
    "MPO": ("JPEG", "jpg", "image/jpeg"),
    "PNG": ("PNG", "png", "image/png"),
    "WEBP": ("WEBP", "webp", "image/webp"),
    "GIF": ("GIF", "gif", "image/gif"),
    "AVIF": ("AVIF", "avif", "image/avif"),
}
# What survives re-encoding: colour and transparency, and an animation's timing. Nothing else.
KEPT_INFO = ("icc_profile", "transparency", "duration", "loop", "background", "disposal")


class ImageRefused(ValidationError):
    """An upload that is not an image this site stores, or too large to decode safely."""


@dataclass(frozen=True)
class ReencodedImage:
    content: bytes
    format: str
    extension: str
    content_type: str
    width: int
    height: int


def image_reencoded(content: bytes, *, formats: frozenset[str] | None = None) -> ReencodedImage:
    """Return the image re-encoded upright in its own format, with no metadata but its ICC profile.

    ``formats`` limits the accepted Pillow formats (default: every one in FORMATS).
    Raises ImageRefused for anything else, for a damaged image and for one over MAX_PIXELS.
    """
    accepted = set(FORMATS) if formats is None else set(formats)
    try:
        with warnings.catch_warnings():
            # The pixel cap below is stricter than Pillow's warning threshold.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(content)) as opened:
                if opened.format not in accepted:
                    raise ImageRefused(_("Định dạng ảnh này không được nhận."), code="image_format")
                frame_count = getattr(opened, "n_frames", 1)
                if opened.width * opened.height * frame_count > MAX_PIXELS:
                    raise _too_large()
                written_format, extension, content_type = FORMATS[opened.format]
                buffer = io.BytesIO()
                if frame_count > 1 and written_format in {"GIF", "WEBP", "AVIF"}:
                    frames = [_clean(frame.copy(), written_format) for frame in ImageSequence.Iterator(opened)]
                    first = frames[0]
                    first.save(buffer, format=written_format, save_all=True, append_images=frames[1:],
                               **_save_options(first, written_format))
                else:
                    first = _clean(opened, written_format)
                    first.save(buffer, format=written_format, **_save_options(first, written_format))
    except Image.DecompressionBombError as exc:
        raise _too_large() from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRefused(_("Tệp không phải là ảnh hợp lệ hoặc ảnh bị hỏng."), code="image_invalid") from exc
    return ReencodedImage(content=buffer.getvalue(), format=written_format, extension=extension,
                          content_type=content_type, width=first.width, height=first.height)


def _too_large() -> ImageRefused:
    return ImageRefused(
        _("Ảnh quá lớn: tối đa %(megapixels)s triệu điểm ảnh.") % {"megapixels": MAX_PIXELS // 1_000_000},
        code="image_too_large",
    )


def _clean(image: Image.Image, written_format: str) -> Image.Image:
    """The picture turned as its EXIF orientation says, with every metadata key dropped but KEPT_INFO."""
    kept = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    clean = ImageOps.exif_transpose(image)  # always a new image
    if written_format == "JPEG" and clean.mode not in {"L", "RGB", "CMYK"}:
        clean = clean.convert("RGB")
        kept.pop("transparency", None)
    clean.info = kept
    return clean


def _save_options(image: Image.Image, written_format: str) -> dict:
    options: dict = dict(image.info)
    if written_format == "JPEG":
        options.update(quality=JPEG_QUALITY, optimize=True, progressive=True)
    elif written_format in {"WEBP", "AVIF"}:
        options.update(quality=WEBP_QUALITY)
    return options


def name_with_extension(name: str, extension: str) -> str:
    """The file name with the extension of the format it now holds ("x.jpeg" stays, "x.png" → "x.jpg")."""
    path = PurePosixPath(name)
    if extension == "jpg" and path.suffix.lower() in {".jpg", ".jpeg"}:
        return name
    return str(path.with_suffix(f".{extension}"))


def image_upload_validate(value) -> None:
    """Model-field validator: a newly chosen image must re-encode (so forms show the refusal)."""
    if not value or getattr(value, "_committed", True):
        return
    value.seek(0)
    image_reencoded(value.read())
    value.seek(0)


class ReencodingFieldFileMixin:
    """A FieldFile that stores the re-encoded image instead of the bytes it was given."""

    def save(self, name, content, save=True):
        content.seek(0)
        reencoded = image_reencoded(content.read())
        self.reencoded = reencoded
        name = name_with_extension(name, reencoded.extension)
        # Named: ImageFieldFile takes the width and height fields from this content.
        super().save(name, ContentFile(reencoded.content, name=name), save)


class ReencodedImageFieldFile(ReencodingFieldFileMixin, ImageFieldFile):
    pass


class ReencodedWagtailImageFieldFile(ReencodingFieldFileMixin, WagtailImageFieldFile):
    """Wagtail's image file; the size and hash Wagtail took of the upload are retaken from what is stored."""

    def save(self, name, content, save=True):
        super().save(name, content, save)
        self.instance.file_size = len(self.reencoded.content)
        self.instance.file_hash = hashlib.sha1(self.reencoded.content, usedforsecurity=False).hexdigest()


REENCODING_FILE_CLASSES = {
    ImageFieldFile: ReencodedImageFieldFile,
    WagtailImageFieldFile: ReencodedWagtailImageFieldFile,
}


def image_field_is_upload(model, field) -> bool:
    """Every image field holds uploads, except Wagtail's renditions (drawn from a re-encoded original)."""
    return isinstance(field, models.ImageField) and not issubclass(model, AbstractRendition)


def image_fields_reencode_on_save() -> None:
    """Make every model's upload image field re-encode what it stores and validate new uploads.

    Done at start-up for all models, Oscar's and Wagtail's included, since their models are not
    ours to redeclare; a field whose file class is unknown stops the start rather than store raw.
    """
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not image_field_is_upload(model, field) or issubclass(field.attr_class, ReencodingFieldFileMixin):
                continue
            try:
                field.attr_class = REENCODING_FILE_CLASSES[field.attr_class]
            except KeyError:
                raise TypeError(f"{model._meta.label}.{field.name}: no re-encoding file class for "
                                f"{field.attr_class.__name__}") from None
            # Into the cached `validators` (what runs), not `_validators` (what migrations record).
            field.validators = [*field.validators, image_upload_validate]
