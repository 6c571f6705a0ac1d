"""Product image renditions: re-encoded JPEGs at fixed geometries, at predictable paths.

This is Oscar's thumbnailer (OSCAR_THUMBNAILER), so every `{% oscar_thumbnail %}` uses it.
A rendition's name is derived from the original's name and the geometry, so showing one
costs a storage existence check, never a database or cache lookup: a list page costs the
same number of queries whatever its length. Re-encoding also drops EXIF (GPS) metadata.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.templatetags.static import static
from oscar.core.thumbnails import AbstractThumbnailer
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

ROOT = "renditions"
MISSING_IMAGE = "oscar/img/image_not_found.jpg"
JPEG_QUALITY = 85


@dataclass(frozen=True)
class Rendition:
    url: str


def parse_geometry(geometry: str) -> tuple[int | None, int | None]:
    """'440x400' → (440, 400); '400x' → (400, None); 'x300' → (None, 300)."""
    width, _, height = str(geometry).partition("x")
    return (int(width) if width else None, int(height) if height else None)


def rendition_name(original_name: str, geometry: str, *, crop: bool = False) -> str:
    stem = PurePosixPath(original_name).with_suffix("")
    return f"{ROOT}/{geometry}{'-crop' if crop else ''}/{stem}.jpg"


def rendition_create(*, original_name: str, geometry: str, crop: bool = False) -> str:
    """Write the rendition of an original and return its storage name (never upscales)."""
    width, height = parse_geometry(geometry)
    name = rendition_name(original_name, geometry, crop=crop)
    with default_storage.open(original_name, "rb") as source, Image.open(source) as opened:
        image = ImageOps.exif_transpose(opened).convert("RGB")
    box = (width or image.width, height or image.height)
    if crop and width and height:
        image = ImageOps.fit(image, box, Image.Resampling.LANCZOS)
    else:
        image.thumbnail(box, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    if default_storage.exists(name):
        default_storage.delete(name)
    default_storage.save(name, ContentFile(buffer.getvalue()))
    return name


def rendition_url(original, geometry: str, *, crop: bool = False) -> str:
    """URL of an image's rendition, created on first use; the placeholder when there is no image."""
    original_name = getattr(original, "name", original)
    if not original_name or not isinstance(original_name, str) or not default_storage.exists(original_name):
        return static(MISSING_IMAGE)
    name = rendition_name(original_name, geometry, crop=crop)
    if not default_storage.exists(name):
        try:
            rendition_create(original_name=original_name, geometry=geometry, crop=crop)
        except (OSError, Image.DecompressionBombError, ValueError) as exc:
            logger.warning("cannot render %s at %s: %s", original_name, geometry, exc)
            return static(MISSING_IMAGE)
    return default_storage.url(name)


class RenditionThumbnailer(AbstractThumbnailer):
    def generate_thumbnail(self, source, **opts):
        return Rendition(url=rendition_url(source, opts["size"], crop=bool(opts.get("crop"))))

    def delete_thumbnails(self, source):
        original_name = getattr(source, "name", source)
        if not original_name:
            return
        try:
            geometries, _files = default_storage.listdir(ROOT)
        except FileNotFoundError:
            return
        for geometry in geometries:
            crop = geometry.endswith("-crop")
            name = rendition_name(original_name, geometry.removesuffix("-crop"), crop=crop)
            if default_storage.exists(name):
                default_storage.delete(name)
