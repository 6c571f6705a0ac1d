"""Reads of the certificate register: one certificate, and where a certificate stands on a given day.

Where a certificate stands today (valid, kept valid for a late re-evaluation, expired, revoked) and the
re-evaluation filing window (180 to 120 days before expiry, DOMAIN.md §4.3.6) are worked out here and
only here; the secretariat's dashboard and the producer portal read them from these functions.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import (
    REEVALUATION_WINDOW_CLOSES_DAYS,
    REEVALUATION_WINDOW_OPENS_DAYS,
)


class ReevaluationWindow:
    """Where today falls against the 180–120-days-before-expiry filing window (DOMAIN.md §4.3.6)."""

    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSED = "closed"


class CertificateStanding:
    """What a certificate is on a given day, as the producer and the public check read it."""

    VALID = "valid"
    EXTENDED = "extended"  # past its expiry, kept valid while a late re-evaluation is pending
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass(frozen=True)
class ReevaluationPeriod:
    """The days a re-evaluation dossier of a certificate should be filed, and where ``today`` falls."""

    opens: datetime.date
    closes: datetime.date
    window: str
    days_to_open: int
    days_to_close: int

    @property
    def is_open(self) -> bool:
        return self.window == ReevaluationWindow.OPEN

    @property
    def is_upcoming(self) -> bool:
        return self.window == ReevaluationWindow.UPCOMING


@dataclass(frozen=True)
class CertificateToday:
    """A certificate on one day: its standing, the days left of its validity and its re-evaluation window."""

    certificate: Certificate
    standing: str
    days_left: int
    reevaluation: ReevaluationPeriod

    @property
    def shows_stars(self) -> bool:
        return self.standing in (CertificateStanding.VALID, CertificateStanding.EXTENDED)


def certificate_or_none(*, certificate_id: int) -> Certificate | None:
    """Return the certificate with its product and producer, or None when there is no such certificate."""
    return (
        Certificate.objects.select_related("product", "product__producer").filter(pk=certificate_id).first()
    )


def reevaluation_period(*, valid_until: datetime.date, today: datetime.date) -> ReevaluationPeriod:
    """The filing window of a certificate valid until ``valid_until`` (both ends included) seen on ``today``."""
    opens = valid_until - datetime.timedelta(days=REEVALUATION_WINDOW_OPENS_DAYS)
    closes = valid_until - datetime.timedelta(days=REEVALUATION_WINDOW_CLOSES_DAYS)
    if today < opens:
        window = ReevaluationWindow.UPCOMING
    elif today <= closes:
        window = ReevaluationWindow.OPEN
    else:
        window = ReevaluationWindow.CLOSED
    return ReevaluationPeriod(opens=opens, closes=closes, window=window,
                              days_to_open=(opens - today).days, days_to_close=(closes - today).days)


def certificate_today(*, certificate: Certificate, today: datetime.date) -> CertificateToday:
    """Where ``certificate`` stands on ``today`` (no query).

    ``days_left`` counts to its last valid day (the late re-evaluation extension when it has one), 0 on
    that day and negative after it.
    """
    if certificate.status == Certificate.Status.REVOKED:
        standing = CertificateStanding.REVOKED
    elif certificate.status == Certificate.Status.EXPIRED or certificate.valid_through < today:
        standing = CertificateStanding.EXPIRED
    elif certificate.valid_until < today:
        standing = CertificateStanding.EXTENDED
    else:
        standing = CertificateStanding.VALID
    return CertificateToday(
        certificate=certificate, standing=standing, days_left=(certificate.valid_through - today).days,
        reevaluation=reevaluation_period(valid_until=certificate.valid_until, today=today),
    )
