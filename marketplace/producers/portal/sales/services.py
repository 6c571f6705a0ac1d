"""Writes of the sales pages: the marketplace's sales statement attached to one of the producer's dossiers.

The dossier's own rules decide (ocop_rating.dossiers.services.evidence_statement_attach): only the
producer's own users, only while the dossier is being prepared (draft or returned by the commune), the
file checked like any upload; a new statement replaces the dossier's previous one.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from marketplace.producers.portal.access import PortalAccess, action_record
from ocop_rating.dossiers.services import evidence_statement_attach
from ocop_rating.errors import RatingError
from ocop_rating.models import Dossier, EvidenceFile

from . import selectors
from .documents import SalesStatement, sales_statement_pdf

# The criteria on market development ask for distribution and trade-promotion records: a statement of
# sales through the marketplace is one (PROMOTION is the evidence of a website or advertising).
STATEMENT_KIND = EvidenceFile.Kind.DISTRIBUTION


def sales_statement_data(*, access: PortalAccess, dossier: Dossier, listing_url: str,
                         now: datetime.datetime | None = None) -> SalesStatement:
    """What the statement of the dossier's product says today: its listing and its last 12 months of sales."""
    local_now = timezone.localtime(now or timezone.now(), selectors.LOCAL_TIME)
    period = selectors.statement_period(today=local_now.date())
    product = dossier.product
    return SalesStatement(
        producer_name=access.producer.name, product_title=product.title, listing_url=listing_url,
        listed_on=timezone.localtime(product.date_created, selectors.LOCAL_TIME).date(), period=period,
        months=selectors.product_sales_by_month(producer=access.producer, product=product, period=period),
        generated_at=local_now,
    )


def sales_statement_attach(*, access: PortalAccess, dossier: Dossier, listing_url: str) -> EvidenceFile:
    """Generate the statement of the dossier's product and attach it to the dossier, marked made by the marketplace.

    Raises the dossier service's RatingError (nothing attached) when the dossier may not take it.
    """
    statement = sales_statement_data(access=access, dossier=dossier, listing_url=listing_url)
    content = sales_statement_pdf(statement)
    file_name = f"bang-ke-ban-hang-{slugify(statement.product_title)[:80] or dossier.product_id}.pdf"
    with transaction.atomic():
        try:
            evidence = evidence_statement_attach(dossier=dossier, kind=STATEMENT_KIND, content=content,
                                                 file_name=file_name, actor=access.user)
        except RatingError as exc:
            # The service rolled its own work back and audited the refusal: let that audit row commit.
            refusal = exc
        else:
            action_record(access, "sales_statement_attached", evidence, dossier=dossier.pk,
                          product=dossier.product_id, units=statement.total_units,
                          revenue=int(statement.total_revenue))
            return evidence
    raise refusal
