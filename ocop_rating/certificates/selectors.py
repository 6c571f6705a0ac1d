"""Reads of the certificate register (the secretariat's screens; the search is dashboard.selectors')."""

from __future__ import annotations

from ocop_rating.certificates.models import Certificate


def certificate_or_none(*, certificate_id: int) -> Certificate | None:
    """Return the certificate with its product and producer, or None when there is no such certificate."""
    return (
        Certificate.objects.select_related("product", "product__producer").filter(pk=certificate_id).first()
    )
