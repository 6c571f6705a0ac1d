"""Reads of the producer's listings: only ever the products of the producer a portal request works for."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from oscar.core.loading import get_model

from catalog.models import Product, ProductSet
from marketplace.channels.push import push_enabled
from marketplace.channels.sync import ListingSync, listing_sync_states
from marketplace.producers.models import Producer
from ocop_rating.certificates.selectors import (
    CertificateStanding,
    CertificateToday,
    certificate_today,
)
from ocop_rating.models import Dossier

ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


def producer_products(*, producer: Producer) -> QuerySet[Product]:
    """The producer's products, newest first, with their current certificate, their photos (in order) and the
    producer's stock records."""
    return (
        Product.objects.filter(producer=producer)
        .select_related("ocop_set", "certificate")
        .prefetch_related(
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            Prefetch("stockrecords", queryset=StockRecord.objects.filter(partner_id=producer.partner_id)
                     .order_by("pk"), to_attr="producer_stockrecords"),
        )
        .order_by("-date_created", "-pk")
    )


def producer_product(*, producer: Producer, product_id: int) -> Product | None:
    """One of the producer's products, or None (also for another producer's product)."""
    return producer_products(producer=producer).filter(pk=product_id).first()


def producer_product_image(*, producer: Producer, product_id: int, image_id: int):
    """One photo of one of the producer's products, or None."""
    return (ProductImage.objects.select_related("product")
            .filter(pk=image_id, product_id=product_id, product__producer=producer).first())


def product_stockrecord(*, product: Product) -> StockRecord | None:
    """The producer's stock record of a product fetched by producer_products (no query)."""
    records = getattr(product, "producer_stockrecords", None)
    return records[0] if records else None


def products_channel_states(*, producer: Producer, products: list[Product]) -> dict[int, ListingSync] | None:
    """The postal channel's sync state of each of ``products`` (the producer's own, from producer_products) that
    the push has touched, in a fixed number of queries; None when the producer's products are not pushed (push
    off, or the producer did not opt in): the page then says nothing about the channel."""
    if not (push_enabled() and producer.postal_channel_opt_in):
        return None
    return listing_sync_states([product.pk for product in products if product.producer_id == producer.pk])


def product_sets() -> QuerySet[ProductSet]:
    """The 26 OCOP product sets, in their official order."""
    return ProductSet.objects.order_by("number")


@dataclass(frozen=True)
class ListingOcopStatus:
    """A product's OCOP status as its producer reads it: its current certificate today and its open dossier."""

    certificate: CertificateToday | None
    open_dossier: Dossier | None

    @property
    def reevaluation_pending(self) -> bool:
        """True when the open dossier is a re-evaluation (the page links to it instead of offering one)."""
        return self.open_dossier is not None and self.open_dossier.kind == Dossier.Kind.RE_EVALUATION

    @property
    def may_reevaluate(self) -> bool:
        """True when a re-evaluation dossier can be opened: a certificate not revoked whose filing window has
        opened (DOMAIN.md: 180 to 120 days before expiry, late filing allowed), and no dossier open."""
        return (self.certificate is not None and self.open_dossier is None
                and self.certificate.standing != CertificateStanding.REVOKED
                and not self.certificate.reevaluation.is_upcoming)


def product_certificate_today(*, product: Product, today: datetime.date) -> CertificateToday | None:
    """The product's current certificate on ``today``, or None (no query on a product of producer_products)."""
    if product.certificate_id is None:
        return None
    return certificate_today(certificate=product.certificate, today=today)


def product_ocop_status(*, product: Product, today: datetime.date) -> ListingOcopStatus:
    """The product's current certificate on ``today`` and the dossier of it not closed yet (one query)."""
    open_dossier = (Dossier.objects.filter(product=product).exclude(status__in=Dossier.CLOSED_STATUSES)
                    .order_by("-created_at", "-pk").first())
    return ListingOcopStatus(certificate=product_certificate_today(product=product, today=today),
                             open_dossier=open_dossier)
