"""Reads of the public certificate check (no login)."""

from __future__ import annotations

from ocop_rating.certificates.models import Certificate


def certificate_by_code_or_none(*, code: str) -> Certificate | None:
    """Return the certificate registered under ``code`` (already cleaned) with what its public page shows, or None."""
    return (
        Certificate.objects.select_related("product", "product__producer", "criteria_version")
        .filter(code=code).first()
    )
