"""Write the demo catalogue idempotently: every row is found by a natural key and saved only if it differs.

Natural keys: product class slug, partner code / producer slug, product UPC, stock record (partner, SKU),
image code, certificate code, user e-mail. Stock levels are set only when a stock record is created, so
orders placed in the demo are not undone by a second run.
"""

from __future__ import annotations

import calendar
import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils import timezone
from django.utils.html import format_html
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from catalog.models import Product, ProductSet
from catalog.services import category_tree_sync
from marketplace.core.divisions import ward_name, ward_province_code
from marketplace.core.phone import normalise_vietnamese_phone
from marketplace.producers.models import Producer
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import product_certificate_set
from ocop_rating.models import CriteriaVersion

from . import catalogue_data as data
from .images import product_image_render

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductClass = get_model("catalogue", "ProductClass")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")

PRODUCT_CLASSES = {
    # slug: (name, requires_shipping); both track stock (tourism: bookable slots)
    "san-pham-ocop": (data.PRODUCT_CLASS_GOODS, True),
    "dich-vu-du-lich": (data.PRODUCT_CLASS_TOURISM, False),
}
# The version migration 0002 loads; the older rounds' versions are data.HISTORICAL_CRITERIA_VERSIONS.
LOADED_CRITERIA_VERSION = "QD26-2026"
# Stars by total score (from … to under …), QĐ 26/2026/QĐ-TTg Art. 3.3
SCORE_BANDS = {
    3: (Decimal("50"), Decimal("70")),
    4: (Decimal("70"), Decimal("90")),
    5: (Decimal("90"), Decimal("100.01")),
}


@dataclass(frozen=True)
class DemoUser:
    email: str
    password: str
    first_name: str
    last_name: str
    is_superuser: bool = False
    groups: tuple[str, ...] = ()
    """Names of groups the account is put in (never taken out of others)."""


@dataclass
class LoadSummary:
    """How many rows of each kind the load created and updated, plus warnings for the operator."""

    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)

    def record(self, kind: str, *, created: bool, updated: bool) -> None:
        self.created[kind] += int(created)
        self.updated[kind] += int(updated)

    @property
    def total_created(self) -> int:
        return sum(self.created.values())

    @property
    def total_updated(self) -> int:
        return sum(self.updated.values())


def months_after(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _upsert(
    model: type[models.Model],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    create_only: dict[str, Any] | None = None,
    validate: bool = False,
) -> tuple[Any, bool, bool]:
    """Find a row by `lookup`; create it, or save it only when one of `values` differs.

    `values` use attribute names (`producer_id`, not `producer`) so comparing costs no query.
    Returns (row, created, updated).
    """
    row = model._default_manager.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values, **(create_only or {}))
        if validate:
            row.full_clean()
        row.save()
        return row, True, False
    changed = {name: value for name, value in values.items() if getattr(row, name) != value}
    if not changed:
        return row, False, False
    for name, value in changed.items():
        setattr(row, name, value)
    if validate:
        row.full_clean()
    row.save()
    return row, False, True


def demo_specs_check(*, today: datetime.date = data.REFERENCE_DATE) -> None:
    """Raise ValueError if the demo data breaks a rule the shop relies on (a bug in data.py)."""
    slugs = [producer.slug for producer in data.PRODUCERS]
    if len(set(slugs)) != len(slugs):
        raise ValueError("duplicate producer slug")
    for producer in data.PRODUCERS:
        if ward_province_code(producer.ward_code) != data.THANH_HOA:
            raise ValueError(f"{producer.slug}: ward {producer.ward_code} is not in Thanh Hóa")
    upcs = [product.upc for product in data.PRODUCTS]
    if len(set(upcs)) != len(upcs):
        raise ValueError("duplicate product UPC")
    for product in data.PRODUCTS:
        if product.producer not in slugs:
            raise ValueError(f"{product.upc}: unknown producer {product.producer}")
        if sum(cert.status == "active" for cert in product.certificates) > 1:
            raise ValueError(f"{product.upc}: more than one active certificate")
        for cert in product.certificates:
            rating_round = data.ROUNDS[cert.round_key]
            low, high = SCORE_BANDS[cert.stars]
            if not low <= Decimal(cert.score) < high:
                raise ValueError(f"{product.upc}: score {cert.score} does not give {cert.stars}★")
            if (cert.stars == 5) != (rating_round.issuing_level == "central"):
                raise ValueError(f"{product.upc}: 5★ is recognised centrally, 3★–4★ by the province")
            valid_until = months_after(rating_round.decision_date, data.CERTIFICATE_VALIDITY_MONTHS)
            if (cert.status == "expired") == (valid_until >= today):
                raise ValueError(f"{product.upc}: status {cert.status} but valid until {valid_until}")
            if (cert.status == "revoked") != bool(cert.revocation_reason):
                raise ValueError(f"{product.upc}: a revoked certificate needs a reason, others none")
    for key, rating_round in data.ROUNDS.items():
        if rating_round.criteria_version not in (*data.HISTORICAL_CRITERIA_VERSIONS, LOADED_CRITERIA_VERSION):
            raise ValueError(f"round {key}: unknown criteria version {rating_round.criteria_version}")


def criteria_versions_load(*, summary: LoadSummary) -> dict[str, CriteriaVersion]:
    """The criteria version of each round's code: the loaded one, or a sheetless inactive historical one."""
    versions = {LOADED_CRITERIA_VERSION: CriteriaVersion.objects.get(code=LOADED_CRITERIA_VERSION)}
    for code, (name, legal_basis, effective_from) in data.HISTORICAL_CRITERIA_VERSIONS.items():
        # Found by code and then left alone: its sheets may have been loaded since (load_criteria).
        versions[code], created = CriteriaVersion.objects.get_or_create(code=code, defaults={
            "name": name, "legal_basis": legal_basis, "effective_from": effective_from, "is_active": False,
            "content_digest": "",
        })
        summary.record("criteria versions", created=created, updated=False)
    return versions


def _product_classes_load(*, summary: LoadSummary) -> dict[str, Any]:
    classes = {}
    for slug, (name, requires_shipping) in PRODUCT_CLASSES.items():
        product_class, created, updated = _upsert(
            ProductClass,
            lookup={"slug": slug},
            values={"name": name, "requires_shipping": requires_shipping, "track_stock": True},
        )
        summary.record("product classes", created=created, updated=updated)
        classes[name] = product_class
    return classes


def _producers_load(*, summary: LoadSummary) -> dict[str, Producer]:
    producers = {}
    for spec in data.PRODUCERS:
        existing = Producer.objects.filter(slug=spec.slug).first()
        partner_lookup = {"pk": existing.partner_id} if existing else {"code": spec.slug}
        partner, created, updated = _upsert(Partner, lookup=partner_lookup, values={"name": spec.name})
        summary.record("partners", created=created, updated=updated)
        producer, created, updated = _upsert(
            Producer,
            lookup={"slug": spec.slug},
            values={
                "partner_id": partner.pk,
                "name": spec.name,
                "legal_form": spec.legal_form,
                "province_code": data.THANH_HOA,
                "ward_code": spec.ward_code,
                "address_line": spec.address_line,
                "phone": normalise_vietnamese_phone(spec.phone),
                "story": spec.story,
            },
            validate=True,
        )
        summary.record("producers", created=created, updated=updated)
        producers[spec.slug] = producer
    return producers


def _description_html(paragraphs: tuple[str, ...]) -> str:
    return "\n".join(format_html("<p>{}</p>", paragraph) for paragraph in paragraphs)


def _product_image_load(
    *, product: Product, spec: data.ProductSpec, producer: Producer, written: list[str],
) -> tuple[bool, bool]:
    """Give the product its drawn photo once; redraw only if the file has gone missing from storage."""
    code = f"{spec.upc.lower()}-0"
    image = ProductImage.objects.filter(code=code).first()
    if image is not None and image.original and image.original.storage.exists(image.original.name):
        return False, False
    content = ContentFile(
        product_image_render(
            title=spec.title,
            caption=f"{ward_name(producer.ward_code)} · Thanh Hóa",
            set_number=spec.set_number,
        )
    )
    created = image is None
    if created:
        image = ProductImage(product=product, code=code, display_order=0, caption=spec.title)
    image.original.save(f"{spec.upc.lower()}.jpg", content, save=False)
    written.append(image.original.name)
    image.save()
    return created, not created


def certificate_codes() -> dict[tuple[str, int], str]:
    """Code of each demo certificate by (UPC, position), numbered per commune in order of decision.

    Mã số sản phẩm = (tỉnh)-(xã)-(STT do xã quản lý)-(năm đánh giá), QĐ 26/2026/QĐ-TTg.
    """
    wards = {producer.slug: producer.ward_code for producer in data.PRODUCERS}
    by_ward: dict[int, list[tuple[datetime.date, int, str, int]]] = {}
    for order, product in enumerate(data.PRODUCTS):
        for position, cert in enumerate(product.certificates):
            decided = data.ROUNDS[cert.round_key].decision_date
            by_ward.setdefault(wards[product.producer], []).append((decided, order, product.upc, position))
    codes = {}
    for ward_code, entries in by_ward.items():
        for sequence, (decided, _, upc, position) in enumerate(sorted(entries), start=1):
            codes[upc, position] = f"{data.THANH_HOA}-{ward_code}-{sequence:03d}-{decided.year}"
    return codes


def _certificates_load(
    *, product: Product, spec: data.ProductSpec, codes: dict[tuple[str, int], str],
    versions: dict[str, CriteriaVersion], summary: LoadSummary,
) -> None:
    current = None
    for position, cert in enumerate(spec.certificates):
        rating_round = data.ROUNDS[cert.round_key]
        current, created, updated = _upsert(
            Certificate,
            lookup={"code": codes[spec.upc, position]},
            values={
                "product_id": product.pk,
                "stars": cert.stars,
                "decision_number": rating_round.decision_number,
                "decision_date": rating_round.decision_date,
                "issuing_level": rating_round.issuing_level,
                "criteria_version_id": versions[rating_round.criteria_version].pk,
                "score_total": Decimal(cert.score),
                "issued_on": rating_round.decision_date,
                "valid_until": months_after(rating_round.decision_date, data.CERTIFICATE_VALIDITY_MONTHS),
                "status": cert.status,
                "revocation_reason": cert.revocation_reason,
            },
            validate=True,
        )
        summary.record("certificates", created=created, updated=updated)
    if current is None:
        return
    # The rating workflow may have issued a newer certificate since (marketplace.demo.rating): keep it current.
    relink = product.certificate_id != current.pk and not Certificate.objects.filter(
        pk=product.certificate_id, product_id=product.pk, issued_on__gt=current.issued_on,
    ).exists()
    if relink:
        product_certificate_set(product=product, certificate=current)
    summary.record("current certificate links", created=False, updated=relink)


def _products_load(
    *,
    producers: dict[str, Producer],
    product_classes: dict[str, Any],
    with_images: bool,
    written: list[str],
    summary: LoadSummary,
) -> None:
    sets = {product_set.number: product_set for product_set in ProductSet.objects.select_related("category")}
    codes = certificate_codes()
    versions = criteria_versions_load(summary=summary)
    for spec in data.PRODUCTS:
        producer = producers[spec.producer]
        product_set = sets[spec.set_number]
        is_tourism = spec.set_number == data.TOURISM_SET
        class_name = data.PRODUCT_CLASS_TOURISM if is_tourism else data.PRODUCT_CLASS_GOODS
        product, created, updated = _upsert(
            Product,
            lookup={"upc": spec.upc},
            values={
                "structure": Product.STANDALONE,
                "title": spec.title,
                "slug": slugify(spec.title),
                "description": _description_html(spec.description),
                "product_class_id": product_classes[class_name].pk,
                "is_public": True,
                "ocop_set_id": product_set.pk,
                "producer_id": producer.pk,
                "origin_province_code": data.THANH_HOA,
                "origin_ward_code": producer.ward_code,
                "weight_grams": spec.weight_grams,
            },
            validate=True,
        )
        summary.record("products", created=created, updated=updated)

        _, created, updated = _upsert(
            StockRecord,
            lookup={"partner_id": producer.partner_id, "partner_sku": spec.upc},
            values={"product_id": product.pk, "price_currency": "VND", "price": Decimal(spec.price)},
            create_only={"num_in_stock": spec.stock, "num_allocated": 0},
        )
        summary.record("stock records", created=created, updated=updated)

        _, created = ProductCategory.objects.get_or_create(product=product, category=product_set.category)
        summary.record("product categories", created=created, updated=False)

        if with_images:
            created, updated = _product_image_load(
                product=product, spec=spec, producer=producer, written=written,
            )
            summary.record("images", created=created, updated=updated)

        _certificates_load(product=product, spec=spec, codes=codes, versions=versions, summary=summary)


def demo_users_load(*, users: list[DemoUser], summary: LoadSummary) -> None:
    """Create or refresh the demo accounts (username = e-mail; Oscar signs in by e-mail)."""
    User = get_user_model()
    for demo in users:
        user = User.objects.filter(email__iexact=demo.email).first()
        created = user is None
        if created:
            user = User(username=demo.email, email=demo.email)
        values = {
            "first_name": demo.first_name,
            "last_name": demo.last_name,
            "is_active": True,
            "is_staff": demo.is_superuser,
            "is_superuser": demo.is_superuser,
        }
        changed = {name: value for name, value in values.items() if getattr(user, name) != value}
        for name, value in changed.items():
            setattr(user, name, value)
        if created or not user.check_password(demo.password):
            user.set_password(demo.password)
            changed["password"] = True
        if changed:
            user.save()
        if demo.groups:
            wanted = list(Group.objects.filter(name__in=demo.groups))
            if len(wanted) != len(set(demo.groups)):
                raise ValueError(f"{demo.email}: a group of {demo.groups} does not exist (migrations not applied?)")
            held = set(user.groups.values_list("pk", flat=True))
            missing = [group for group in wanted if group.pk not in held]
            if missing:
                user.groups.add(*missing)
                changed["groups"] = True
        summary.record("users", created=created, updated=bool(changed) and not created)


def demo_catalogue_load(*, with_images: bool = True, summary: LoadSummary, written: list[str]) -> None:
    """Load producers, products, stock, categories, images and certificates of the demo."""
    demo_specs_check()
    category_tree_sync()
    product_classes = _product_classes_load(summary=summary)
    producers = _producers_load(summary=summary)
    _products_load(
        producers=producers, product_classes=product_classes, with_images=with_images,
        written=written, summary=summary,
    )
    today = timezone.localdate()
    stale = Certificate.objects.filter(
        product__upc__in=[spec.upc for spec in data.PRODUCTS],
        status=Certificate.Status.ACTIVE,
        valid_until__lt=today,
    ).count()
    if stale:
        summary.warnings.append(
            f"{stale} active demo certificates passed their valid_until before {today}: "
            "the shop shows no star for them (the demo's dates are fixed around "
            f"{data.REFERENCE_DATE})."
        )


def demo_data_load(
    *,
    users: list[DemoUser],
    with_images: bool = True,
    then: Callable[..., None] | None = None,
) -> LoadSummary:
    """Load the whole demo in one transaction; files written by a failed run are removed.

    ``then(summary=, written=)`` runs last in the same transaction (the rating workflow's demo); it
    appends ``(storage, name)`` of each file it stores to ``written``.
    """
    summary = LoadSummary()
    written: list[str] = []
    image_storage = ProductImage._meta.get_field("original").storage
    extra_written: list[tuple] = []
    try:
        with transaction.atomic():
            demo_catalogue_load(with_images=with_images, summary=summary, written=written)
            demo_users_load(users=users, summary=summary)
            if then is not None:
                then(summary=summary, written=extra_written)
    except Exception:
        for name in written:
            image_storage.delete(name)
        for storage, name in extra_written:
            storage.delete(name)
        raise
    return summary
