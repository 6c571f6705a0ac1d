"""Writes of the producer's listings: products, their stock and their photos, and a product's re-evaluation.

Every function works for the producer of a PortalAccess, runs in one transaction and records what it
did with access.action_record (both identities in assisted listing). Stock never goes below what
orders already hold (num_allocated), and a stock level the producer did not see is never overwritten.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from PIL import Image

from catalog.models import Product, ProductSet
from catalog.tasks import product_image_renditions
from marketplace.core.divisions import THANH_HOA, ward_province_code
from marketplace.core.images import MAX_PIXELS, ImageRefused, image_reencoded
from marketplace.producers.portal.access import PortalAccess, action_record
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.selectors import reevaluation_period
from ocop_rating.dossiers.services import dossier_create
from ocop_rating.errors import RatingError
from ocop_rating.models import Dossier

ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

PRICE_MAX = 1_000_000_000
DESCRIPTION_MAX_CHARS = 10_000
# Upper bounds a household's listing never reaches, well inside the database's integer columns.
STOCK_MAX = 1_000_000
WEIGHT_MAX_GRAMS = 1_000_000
VOLUME_MAX_ML = 1_000_000
SHELF_LIFE_MAX_DAYS = 3_650
PHOTO_MAX_BYTES = 15 * 1024 * 1024
# The demo's product classes (marketplace.demo.catalogue): goods ship, the tourism set (#26) does not.
GOODS_CLASS = ("san-pham-ocop", "Sản phẩm OCOP", True)
TOURISM_CLASS = ("dich-vu-du-lich", "Dịch vụ du lịch", False)
TOURISM_SET = 26
HEIF_FORMATS = {"HEIF", "HEIC", "AVIF"}
# What a product's full_clean leaves out: Oscar fills slug and upc, _fill sets the product class, and the
# producer and OCOP set are rows just read (checking that they exist costs two queries a product, which a
# file of 1,000 rows feels; their foreign keys hold in the database anyway).
CLEAN_EXCLUDE = ["slug", "upc", "product_class", "producer", "ocop_set"]
# Product's constraints that _fill keeps by construction (it sets the province with the ward), so full_clean
# does not check them again: Django checks each with a query built from every field (a third of an import's
# time), and the database checks them anyway. tests/functional/test_producer_bulk.py pins this list.
CONSTRAINTS_KEPT_BY_FILL = ("product_ward_needs_province",)

try:
    import pillow_heif
except ImportError:  # pragma: no cover - the image is built with it
    pillow_heif = None
else:
    pillow_heif.register_heif_opener()


class ListingRefused(ValidationError):
    """A listing change refused, with a message for the producer; nothing was written."""


@dataclass(frozen=True)
class ListingData:
    """What the producer fills in for a product (parsed by ProductForm)."""

    ocop_set: ProductSet
    title: str
    description: str
    price: int
    num_in_stock: int
    weight_grams: int
    volume_ml: int | None
    shelf_life_days: int | None
    origin_ward_code: int
    is_public: bool


def description_html(text: str) -> str:
    """Plain text becomes paragraphs; text with markup is kept (Product.save sanitises it)."""
    if re.search(r"<[a-zA-Z/!]", text):
        return text
    return linebreaks(escape(text.strip())) if text.strip() else ""


def description_text(html: str) -> str:
    """The producer's plain text back from what description_html made of it; other markup as it is."""
    if re.search(r"<(?!/?p>|br ?/?>)", html):
        return html
    text = re.sub(r"</p>\s*<p>", "\n\n", html)
    text = re.sub(r"<br ?/?>", "\n", text)
    text = re.sub(r"</?p>", "", text)
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
            .replace("&#x27;", "'").replace("&amp;", "&"))


def listing_check(data: ListingData) -> None:
    """Refuse a listing that breaks a rule of the shop (the form, the bulk import and the services all ask here)."""
    if not 0 < data.price <= PRICE_MAX:
        raise ListingRefused(_("Giá bán phải từ 1 đến %(max)s đồng.") % {"max": f"{PRICE_MAX:,}".replace(",", ".")},
                             code="price")
    if data.num_in_stock < 0:
        raise ListingRefused(_("Số lượng tồn kho không được âm."), code="stock")
    for value, limit, message in (
        (data.num_in_stock, STOCK_MAX, _("Số lượng còn bán tối đa %(max)s.")),
        (data.weight_grams, WEIGHT_MAX_GRAMS, _("Khối lượng tối đa %(max)s gam.")),
        (data.volume_ml, VOLUME_MAX_ML, _("Thể tích tối đa %(max)s ml.")),
        (data.shelf_life_days, SHELF_LIFE_MAX_DAYS, _("Hạn sử dụng tối đa %(max)s ngày.")),
    ):
        if value is not None and value > limit:
            raise ListingRefused(message % {"max": f"{limit:,}".replace(",", ".")}, code="too_large")
    if len(data.description) > DESCRIPTION_MAX_CHARS:
        raise ListingRefused(_("Mô tả dài tối đa %(max)s ký tự.") % {"max": DESCRIPTION_MAX_CHARS},
                             code="description")
    if ward_province_code(data.origin_ward_code) != THANH_HOA:
        raise ListingRefused(_("Xã/phường xuất xứ phải thuộc tỉnh Thanh Hóa."), code="ward")


def _product_class(ocop_set: ProductSet, classes: dict | None = None):
    """The product class of a set's products; ``classes`` keeps the ones found for the rest of a file."""
    slug, name, requires_shipping = TOURISM_CLASS if ocop_set.number == TOURISM_SET else GOODS_CLASS
    if classes is not None and slug in classes:
        return classes[slug]
    found = ProductClass.objects.filter(slug=slug).first()
    if found is None:
        found, _created = ProductClass.objects.get_or_create(
            name=name, defaults={"requires_shipping": requires_shipping, "track_stock": True})
    if classes is not None:
        classes[slug] = found
    return found


def _fill(product: Product, data: ListingData, classes: dict | None = None) -> None:
    product.ocop_set = data.ocop_set
    product.product_class = _product_class(data.ocop_set, classes)
    product.title = data.title
    product.description = description_html(data.description)
    product.weight_grams = data.weight_grams
    product.volume_ml = data.volume_ml
    product.shelf_life_days = data.shelf_life_days
    product.origin_province_code = THANH_HOA
    product.origin_ward_code = data.origin_ward_code
    product.is_public = data.is_public


def _set_category_attach(product: Product, ocop_set: ProductSet) -> None:
    """The product sits in its set's category only (as the demo files it)."""
    set_categories = ProductSet.objects.exclude(category=None).values("category_id")
    ProductCategory.objects.filter(product=product, category_id__in=set_categories).exclude(
        category_id=ocop_set.category_id).delete()
    if ocop_set.category_id is not None:
        ProductCategory.objects.get_or_create(product=product, category_id=ocop_set.category_id)


def product_create(*, access: PortalAccess, data: ListingData) -> Product:
    """List a new product of the producer with its price and stock (a stock record of the producer's partner)."""
    listing_check(data)
    with transaction.atomic():
        return products_insert(access=access, items=[data])[0]


def products_insert(*, access: PortalAccess, items: list[ListingData]) -> list[Product]:
    """Write new products with their stock records inside the caller's transaction (each item passed listing_check).

    What product_create writes, for one product or a whole file: the product classes are read once and the
    stock records written in one statement (a new stock record has no stock alert to update). A product the
    model refuses raises its ValidationError with ``index``, its place in ``items``.
    """
    classes: dict = {}
    products = []
    for index, data in enumerate(items):
        product = Product(structure=Product.STANDALONE, producer=access.producer)
        _fill(product, data, classes)
        try:
            product.full_clean(exclude=CLEAN_EXCLUDE, validate_constraints=False)
        except ValidationError as exc:
            exc.index = index
            raise
        product.save()
        products.append(product)
    StockRecord.objects.bulk_create([
        StockRecord(product=product, partner=access.producer.partner, partner_sku=f"SP-{product.pk}",
                    price_currency="VND", price=Decimal(data.price), num_in_stock=data.num_in_stock, num_allocated=0)
        for product, data in zip(products, items, strict=True)
    ])
    for product, data in zip(products, items, strict=True):
        if data.ocop_set.category_id is not None:
            ProductCategory.objects.create(product=product, category_id=data.ocop_set.category_id)
        action_record(access, "product_created", product, title=product.title, price=data.price,
                      num_in_stock=data.num_in_stock, is_public=product.is_public)
    return products


def product_update(*, access: PortalAccess, product: Product, data: ListingData, stock_seen: int | None) -> Product:
    """Change one of the producer's products.

    ``stock_seen`` is the stock the producer's form showed: when it is what they submit, the stock is left
    alone (orders may have changed it since); when the stock moved since they looked, a new figure is
    refused rather than overwrite it. A stock below what orders hold is refused.
    """
    listing_check(data)
    if product.producer_id != access.producer.pk:
        raise ListingRefused(_("Sản phẩm không thuộc chủ thể này."), code="producer")
    with transaction.atomic():
        # NO KEY: an order being placed holds KEY SHARE locks on the product and the stock record (its line's
        # foreign keys) before it allocates; FOR UPDATE here would wait on them while holding the product (deadlock).
        locked = Product.objects.select_for_update(no_key=True).get(pk=product.pk, producer=access.producer)
        record = (StockRecord.objects.select_for_update(no_key=True)
                  .filter(product=locked, partner=access.producer.partner).order_by("pk").first())
        return product_change_locked(access=access, product=locked, record=record, data=data, stock_seen=stock_seen)


def product_change_locked(*, access: PortalAccess, product: Product, record: StockRecord | None,
                          data: ListingData, stock_seen: int | None, classes: dict | None = None) -> Product:
    """Apply product_update's rules to a product and its stock record the caller locked (``data`` passed listing_check).

    Runs inside the caller's transaction; ``record`` is the producer's first stock record of ``product`` or None;
    ``classes`` keeps the product classes found across the products of one file.
    """
    if product.producer_id != access.producer.pk:
        raise ListingRefused(_("Sản phẩm không thuộc chủ thể này."), code="producer")
    before = {"price": int(record.price) if record and record.price is not None else None,
              "num_in_stock": record.num_in_stock if record else None, "is_public": product.is_public}
    stock_changes = stock_seen is None or data.num_in_stock != stock_seen
    if record is None:
        record = StockRecord(product=product, partner=access.producer.partner, partner_sku=f"SP-{product.pk}",
                             price_currency="VND", num_in_stock=data.num_in_stock, num_allocated=0)
    elif stock_changes:
        if stock_seen is not None and record.num_in_stock != stock_seen:
            raise ListingRefused(_(
                "Tồn kho vừa thay đổi thành %(now)s (có đơn hàng mới). Hãy xem lại rồi nhập lại số lượng."
            ) % {"now": record.num_in_stock}, code="stock_moved")
        allocated = record.num_allocated or 0
        if data.num_in_stock < allocated:
            raise ListingRefused(_(
                "Không thể đặt tồn kho %(stock)s: đang có %(allocated)s sản phẩm được giữ cho đơn hàng chưa giao."
            ) % {"stock": data.num_in_stock, "allocated": allocated}, code="stock_below_allocated")
        record.num_in_stock = data.num_in_stock
    record.price = Decimal(data.price)
    record.save()
    _fill(product, data, classes)
    product.full_clean(exclude=CLEAN_EXCLUDE, validate_constraints=False)
    product.save()
    _set_category_attach(product, data.ocop_set)
    after = {"price": data.price, "num_in_stock": record.num_in_stock, "is_public": product.is_public}
    action_record(access, "product_updated", product, before=before, after=after)
    return product


# Photos

@dataclass(frozen=True)
class _CheckedPhoto:
    name: str
    content: bytes
    extension: str


def _photo_name(upload_name: str) -> str:
    return PurePosixPath(upload_name or "").name or "anh"


def _heif_as_jpeg(content: bytes) -> bytes | None:
    """A HEIC/HEIF photo (iPhone camera) as JPEG bytes without metadata; None for anything else."""
    if pillow_heif is None:
        return None
    try:
        with Image.open(io.BytesIO(content)) as opened:
            if opened.format not in HEIF_FORMATS or opened.format == "AVIF":
                return None
            if opened.width * opened.height > MAX_PIXELS:
                return None  # image_reencoded refuses it by size below
            buffer = io.BytesIO()
            opened.convert("RGB").save(buffer, format="JPEG", quality=95)
            return buffer.getvalue()
    except Exception:  # noqa: BLE001 - not a HEIF photo: image_reencoded gives the reason
        return None


def _photo_check(upload) -> _CheckedPhoto:
    name = _photo_name(getattr(upload, "name", ""))
    # Django already spooled the upload to disk; its size is known before anything is read.
    if upload.size > PHOTO_MAX_BYTES:
        raise ListingRefused(_("Ảnh “%(name)s” quá lớn: tối đa %(mb)s MB.") % {
            "name": name, "mb": PHOTO_MAX_BYTES // (1024 * 1024)}, code="photo_too_big")
    upload.seek(0)
    content = upload.read()
    content = _heif_as_jpeg(content) or content
    try:
        reencoded = image_reencoded(content)
    except ImageRefused as exc:
        raise ListingRefused(_("Không nhận ảnh “%(name)s”: %(reason)s") % {
            "name": name, "reason": " ".join(exc.messages)}, code="photo_refused") from exc
    return _CheckedPhoto(name=name, content=reencoded.content, extension=reencoded.extension)


def product_photos_add(*, access: PortalAccess, product: Product, uploads: list) -> list:
    """Add photos after the product's last one; one refused file refuses them all (nothing stored).

    The shop's renditions are made by a Celery task once the transaction commits.
    """
    if product.producer_id != access.producer.pk:
        raise ListingRefused(_("Sản phẩm không thuộc chủ thể này."), code="producer")
    if not uploads:
        raise ListingRefused(_("Hãy chọn ít nhất một ảnh."), code="photo_none")
    checked = [_photo_check(upload) for upload in uploads]
    images = []
    with transaction.atomic():
        Product.objects.select_for_update().get(pk=product.pk)
        last = ProductImage.objects.filter(product=product).aggregate(last=Max("display_order"))["last"]
        order = -1 if last is None else last
        for photo in checked:
            order += 1
            stem = slugify(PurePosixPath(photo.name).stem)[:60] or "anh"
            image = ProductImage(product=product, display_order=order)
            image.original.save(f"{product.pk}-{stem}.{photo.extension}", ContentFile(photo.content), save=False)
            image.save()
            images.append(image)
        for image in images:
            transaction.on_commit(lambda pk=image.pk: product_image_renditions.delay(pk))
        action_record(access, "product_photos_added", product, image_ids=[image.pk for image in images],
                      names=[photo.name for photo in checked])
    return images


def _images_renumber(product: Product) -> list:
    images = list(ProductImage.objects.select_for_update().filter(product=product).order_by("display_order", "pk"))
    for index, image in enumerate(images):
        if image.display_order != index:
            image.display_order = index
            image.save(update_fields=["display_order"])
    return images


def product_photo_move(*, access: PortalAccess, image, up: bool) -> None:
    """Move a photo one place earlier (``up``) or later; the first photo is the one the shop shows."""
    product = image.product
    if product.producer_id != access.producer.pk:
        raise ListingRefused(_("Sản phẩm không thuộc chủ thể này."), code="producer")
    with transaction.atomic():
        Product.objects.select_for_update().get(pk=product.pk)
        images = _images_renumber(product)
        index = next((i for i, row in enumerate(images) if row.pk == image.pk), None)
        if index is None:
            return
        other = index - 1 if up else index + 1
        if not 0 <= other < len(images):
            return
        images[index].display_order, images[other].display_order = other, index
        images[index].save(update_fields=["display_order"])
        images[other].save(update_fields=["display_order"])
        action_record(access, "product_photo_moved", product, image_id=image.pk, position=other)


def product_photo_delete(*, access: PortalAccess, image) -> None:
    """Delete a photo; its file goes once the deletion commits (its renditions go with the row)."""
    product = image.product
    if product.producer_id != access.producer.pk:
        raise ListingRefused(_("Sản phẩm không thuộc chủ thể này."), code="producer")
    with transaction.atomic():
        Product.objects.select_for_update().get(pk=product.pk)
        name = image.original.name
        image_id = image.pk
        ProductImage.objects.filter(pk=image_id).first().delete()
        _images_renumber(product)
        action_record(access, "product_photo_deleted", product, image_id=image_id)
        if name:
            transaction.on_commit(lambda: default_storage.delete(name))


# OCOP re-evaluation

def product_reevaluation_open(*, access: PortalAccess, product: Product) -> tuple[Dossier, bool]:
    """Open a draft re-evaluation dossier of the product's current certificate; return it and whether it is new.

    A re-evaluation dossier of the product that is not closed yet is returned as it is (a second click
    opens no second dossier). The dossier is the producer's own declaration, so staff doing assisted
    listing are refused. The rating app's refusals (another dossier open, no sheet, ...) are its own,
    audited by dossier_create; nothing else is written then.
    """
    if access.assisted:
        raise ListingRefused(_(
            "Hồ sơ đánh giá lại là lời khai của chính chủ thể: nhân viên hỗ trợ đăng bán không được lập thay. "
            "Hãy để người của chủ thể tự lập hồ sơ."
        ), code="assisted")
    if product.producer_id != access.producer.pk:
        raise ListingRefused(_("Sản phẩm không thuộc chủ thể này."), code="producer")
    refusal = None
    with transaction.atomic():
        # The product's row lock serialises two clicks: the second finds the first one's dossier.
        locked = (Product.objects.select_for_update(of=("self",), no_key=True).select_related("certificate")
                  .get(pk=product.pk, producer=access.producer))
        certificate = locked.certificate
        if certificate is None:
            raise ListingRefused(_("Sản phẩm chưa có chứng nhận OCOP nên chưa thể đánh giá lại."),
                                 code="no_certificate")
        if certificate.status == Certificate.Status.REVOKED:
            raise ListingRefused(_(
                "Chứng nhận %(code)s đã bị thu hồi nên không thể đánh giá lại."
            ) % {"code": certificate.code}, code="revoked")
        window = reevaluation_period(valid_until=certificate.valid_until, today=timezone.localdate())
        if window.is_upcoming:
            raise ListingRefused(_(
                "Chưa đến thời hạn nộp hồ sơ đánh giá lại: cửa sổ mở từ %(opens)s đến %(closes)s."
            ) % {"opens": window.opens.strftime("%d/%m/%Y"), "closes": window.closes.strftime("%d/%m/%Y")},
                code="too_early")
        existing = (Dossier.objects.filter(product=locked, kind=Dossier.Kind.RE_EVALUATION)
                    .exclude(status__in=Dossier.CLOSED_STATUSES).order_by("-created_at", "-pk").first())
        if existing is not None:
            return existing, False
        try:
            dossier = dossier_create(product=locked, kind=Dossier.Kind.RE_EVALUATION, actor=access.user)
        except RatingError as exc:
            refusal = exc  # raised below, once the rating app's audit of it is committed
        else:
            action_record(access, "reevaluation_dossier_opened", locked, dossier_id=dossier.pk,
                          certificate=certificate.code)
    if refusal is not None:
        raise ListingRefused(refusal.message, code="rating") from refusal
    return dossier, True
