"""Reads of the secretariat's dashboard and certificate screens: counts, waiting lists, stars, expiries.

Every function runs a fixed number of queries whatever the number of rows (the dashboard's query
count is pinned by tests). ``today`` is always passed in, so callers and tests decide what day it is.
A product's star is the shop's: catalog.selectors.badge_stars_expression on the product's current
certificate (active, and unexpired or extended past expiry while a late re-evaluation is pending).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet

from catalog.models import Product
from catalog.selectors import badge_stars_expression
from marketplace.core.divisions import ward_name
from marketplace.core.working_days import working_days_between
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.selectors import ReevaluationWindow, reevaluation_period
from ocop_rating.council.selectors import assignments_for_member
from ocop_rating.models import Assignment, Dossier
from ocop_rating.results.scoring import CERTIFIED_STARS

EXPIRY_HORIZON_DAYS = 180


class CertificateFilter:
    """The status a certificate shows today (as the public check says it), for the list's filter."""

    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"
    ALL = (ACTIVE, EXPIRED, REVOKED)


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class CommuneWait:
    """A submitted dossier waiting for its commune's check, with the 15-working-day deadline."""

    dossier: Dossier
    ward_name: str
    deadline: datetime.date
    overdue: bool
    working_days_left: int

    @property
    def working_days_overdue(self) -> int:
        return max(-self.working_days_left, 0)


@dataclass
class StarRow:
    """Certified products of one product set or one commune, per star level."""

    key: int
    label: str
    counts: dict[int, int] = field(default_factory=lambda: dict.fromkeys(CERTIFIED_STARS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def cells(self) -> list[int]:
        """The counts in star order (3, 4, 5), for templates."""
        return [self.counts[stars] for stars in CERTIFIED_STARS]


@dataclass(frozen=True)
class StarBreakdown:
    by_set: list[StarRow]
    by_commune: list[StarRow]
    totals: StarRow


@dataclass(frozen=True)
class ExpiringCertificate:
    certificate: Certificate
    ward_name: str
    days_left: int
    window_opens: datetime.date
    window_closes: datetime.date
    window: str
    has_reevaluation: bool

    @property
    def window_open(self) -> bool:
        return self.window == ReevaluationWindow.OPEN


@dataclass(frozen=True)
class DashboardSummary:
    waiting_at_communes: int
    overdue_at_communes: int
    expiring: int


def dossier_status_counts() -> list[StatusCount]:
    """How many dossiers are in each status, every status listed in workflow order (zeros included)."""
    counts = {row["status"]: row["n"] for row in Dossier.objects.order_by().values("status").annotate(n=Count("pk"))}
    return [
        StatusCount(status=value, label=str(label), count=counts.get(value, 0))
        for value, label in Dossier.Status.choices
    ]


def dossiers_waiting_at_commune(*, today: datetime.date) -> list[CommuneWait]:
    """Submitted dossiers the communes have not checked yet, nearest deadline first (overdue ones lead)."""
    dossiers = (
        Dossier.objects.filter(status=Dossier.Status.SUBMITTED)
        .select_related("product", "producer")
        .order_by("commune_deadline", "submitted_at", "pk")
    )
    return [
        CommuneWait(
            dossier=dossier,
            ward_name=ward_name(dossier.ward_code),
            deadline=dossier.commune_deadline,
            overdue=dossier.commune_deadline < today,
            working_days_left=working_days_between(today, dossier.commune_deadline),
        )
        for dossier in dossiers
    ]


def dossiers_waiting_for_province() -> list[Dossier]:
    """Dossiers the communes forwarded that no round holds yet, oldest forwarding first.

    Each carries ``forwarded_at`` (when the commune forwarded it, from the dossier's history).
    """
    return list(
        Dossier.objects.filter(status=Dossier.Status.FORWARDED, round__isnull=True)
        .select_related("product", "producer", "product_set")
        .annotate(forwarded_at=Max("events__at", filter=Q(events__to_status=Dossier.Status.FORWARDED)))
        .order_by("forwarded_at", "pk")
    )


def certified_star_counts(*, today: datetime.date) -> StarBreakdown:
    """Products showing a star today, per product set × stars and per origin commune × stars (one query).

    Sets are in their official order; communes by number of products (most first), then name.
    A product without set or commune is counted under "không xác định" (key 0).
    """
    rows = (
        Product.objects.annotate(valid_stars=badge_stars_expression(today=today))
        .filter(valid_stars__isnull=False)
        .order_by()
        .values_list("ocop_set__number", "ocop_set__name", "origin_ward_code", "valid_stars")
        .annotate(n=Count("pk"))
    )
    by_set: dict[int, StarRow] = {}
    by_commune: dict[int, StarRow] = {}
    totals = StarRow(key=0, label="")
    for set_number, set_name, ward_code, stars, count in rows:
        set_row = by_set.setdefault(set_number or 0, StarRow(key=set_number or 0, label=set_name or ""))
        commune_row = by_commune.setdefault(ward_code or 0, StarRow(key=ward_code or 0, label=ward_name(ward_code)))
        for row in (set_row, commune_row, totals):
            row.counts[stars] += count
    return StarBreakdown(
        by_set=[by_set[key] for key in sorted(by_set, key=lambda k: (k == 0, k))],
        by_commune=sorted(by_commune.values(), key=lambda row: (row.key == 0, -row.total, row.label, row.key)),
        totals=totals,
    )


def _expiring_filter(*, today: datetime.date, days: int) -> Q:
    return Q(
        status=Certificate.Status.ACTIVE, valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=days),
    )


def certificates_expiring(*, today: datetime.date, days: int = EXPIRY_HORIZON_DAYS) -> list[ExpiringCertificate]:
    """Active certificates whose validity ends within ``days`` days (today included), soonest first.

    Each says whether the re-evaluation filing window (180 to 120 days before expiry) is open today and
    whether the product has a re-evaluation dossier that is not closed yet.
    """
    reevaluation = Dossier.objects.filter(
        product=OuterRef("product_id"), kind=Dossier.Kind.RE_EVALUATION,
    ).exclude(status__in=Dossier.CLOSED_STATUSES)
    certificates = (
        Certificate.objects.filter(_expiring_filter(today=today, days=days))
        .select_related("product", "product__producer")
        .annotate(has_reevaluation=Exists(reevaluation))
        .order_by("valid_until", "code")
    )
    rows = []
    for certificate in certificates:
        period = reevaluation_period(valid_until=certificate.valid_until, today=today)
        rows.append(ExpiringCertificate(
            certificate=certificate,
            ward_name=ward_name(certificate.product.origin_ward_code),
            days_left=(certificate.valid_until - today).days,
            window_opens=period.opens,
            window_closes=period.closes,
            window=period.window,
            has_reevaluation=certificate.has_reevaluation,
        ))
    return rows


def certificate_status_filter(*, status: str, today: datetime.date) -> Q:
    """The certificates showing ``status`` today: an active one past its validity counts as expired."""
    valid = Q(status=Certificate.Status.ACTIVE) & (
        Q(valid_until__gte=today) | Q(extended_until__gte=today)
    )
    if status == CertificateFilter.ACTIVE:
        return valid
    if status == CertificateFilter.EXPIRED:
        return Q(status=Certificate.Status.EXPIRED) | (Q(status=Certificate.Status.ACTIVE) & ~valid)
    if status == CertificateFilter.REVOKED:
        return Q(status=Certificate.Status.REVOKED)
    return Q()


def certificates_search(
    *, today: datetime.date, query: str = "", status: str = "", stars: int | None = None,
) -> QuerySet[Certificate]:
    """Certificates whose code or product title contains ``query``, narrowed by status and stars, newest first."""
    certificates = Certificate.objects.select_related("product", "product__producer")
    query = query.strip()
    if query:
        certificates = certificates.filter(Q(code__icontains=query) | Q(product__title__icontains=query))
    if status:
        certificates = certificates.filter(certificate_status_filter(status=status, today=today))
    if stars:
        certificates = certificates.filter(stars=stars)
    return certificates.order_by("-issued_on", "-pk")


def assignments_to_score(*, user) -> list[Assignment]:
    """Return the dossiers ``user`` is assigned to score, with their product, set and sheet (the portal home)."""
    return list(assignments_for_member(user=user).select_related(
        "dossier__product", "dossier__product_set", "scorecard",
    ))


def dashboard_summary(*, today: datetime.date) -> DashboardSummary:
    """The three numbers the portal's home shows the secretariat (two queries)."""
    waiting = Dossier.objects.filter(status=Dossier.Status.SUBMITTED).aggregate(
        total=Count("pk"), overdue=Count("pk", filter=Q(commune_deadline__lt=today)),
    )
    expiring = Certificate.objects.filter(_expiring_filter(today=today, days=EXPIRY_HORIZON_DAYS)).count()
    return DashboardSummary(
        waiting_at_communes=waiting["total"], overdue_at_communes=waiting["overdue"], expiring=expiring,
    )


__all__ = [
    "CERTIFIED_STARS", "EXPIRY_HORIZON_DAYS", "CertificateFilter", "CommuneWait", "DashboardSummary",
    "ExpiringCertificate", "ReevaluationWindow", "StarBreakdown", "StarRow", "StatusCount",
    "assignments_to_score", "certificate_status_filter", "certificates_expiring", "certificates_search",
    "certified_star_counts", "dashboard_summary", "dossier_status_counts", "dossiers_waiting_at_commune", "dossiers_waiting_for_province",
]
