"""The provincial OCOP secretariat's dashboard and certificate screens.

Only users holding the secretariat role (roles.SECRETARIAT) reach them. Anonymous users are sent to
the login page; every other signed-in user gets a 404 on every URL of this module (as the minutes
downloads do), so the screens do not reveal that they exist. Reads come from dashboard.selectors;
the one write, revoking a certificate, goes through certificates.certificate_revoke, whose refusals
are shown as messages with nothing changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marketplace.core.spreadsheets import SpreadsheetSafeCSVWriter
from ocop_rating import roles
from ocop_rating.council import views as council_views
from ocop_rating.dashboard.selectors import (
    CERTIFIED_STARS,
    StarRow,
    assignments_to_score,
    certificates_expiring,
    certified_star_counts,
    dashboard_summary,
    dossier_status_counts,
    dossiers_waiting_at_commune,
    dossiers_waiting_for_province,
)
from ocop_rating.dossiers import views as dossier_views

# Geometry of the stacked bar charts, in SVG user units: the viewBox is as wide as a 390 px phone's
# content area, so a label of 12 units reads as 12 px there and scales up on wider screens.
CHART_WIDTH = 360
CHART_BAR_MAX = 310
CHART_LEGEND_HEIGHT = 28
CHART_ROW_HEIGHT = 40
CHART_BAR_HEIGHT = 16
CHART_COLOURS = {3: "#7fb77e", 4: "#2f7d4f", 5: "#c98a00"}


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_dashboard.html)."""
    if not roles.user_has_role(request.user, roles.SECRETARIAT):
        return {}
    return {"summary": dashboard_summary(today=timezone.localdate())}


@dataclass(frozen=True)
class ChartSegment:
    stars: int
    count: int
    x: float
    width: float
    colour: str


@dataclass(frozen=True)
class ChartRow:
    label: str
    total: int
    label_y: int
    bar_y: int
    total_x: float
    segments: list[ChartSegment]


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar chart: one row per set or commune, one segment per star level."""

    rows: list[ChartRow]
    width: int
    height: int
    legend: list[dict]


def star_chart(rows: list[StarRow], *, unknown_label: str, numbered: bool = False) -> Chart:
    """Lay out the bars (label above each bar, so long names fit a phone) scaled to the largest row.

    ``numbered`` prefixes each label with its key (the product set's number).
    """
    largest = max((row.total for row in rows), default=0) or 1
    chart_rows = []
    for index, row in enumerate(rows):
        top = CHART_LEGEND_HEIGHT + index * CHART_ROW_HEIGHT
        x = 0.0
        segments = []
        for stars in CERTIFIED_STARS:
            count = row.counts[stars]
            if not count:
                continue
            width = round(count / largest * CHART_BAR_MAX, 2)
            segments.append(ChartSegment(stars=stars, count=count, x=round(x, 2), width=width,
                                         colour=CHART_COLOURS[stars]))
            x += width
        label = row.label or unknown_label
        chart_rows.append(ChartRow(
            label=f"{row.key}. {label}" if numbered and row.key else label, total=row.total, label_y=top + 12, bar_y=top + 17,
            total_x=round(x + 4, 2), segments=segments,
        ))
    legend = [
        {"stars": stars, "colour": CHART_COLOURS[stars], "x": i * 90, "text_x": i * 90 + 18,
         "label": _("%(stars)s sao") % {"stars": stars}}
        for i, stars in enumerate(CERTIFIED_STARS)
    ]
    return Chart(rows=chart_rows, width=CHART_WIDTH, height=CHART_LEGEND_HEIGHT + len(rows) * CHART_ROW_HEIGHT + 4,
                 legend=legend)


@login_required
@require_GET
def dashboard(request):
    """Dossiers by status and waiting lists, certified products by set and commune, certificates expiring."""
    roles.secretariat_or_404(request.user)
    today = timezone.localdate()
    stars = certified_star_counts(today=today)
    unknown = _("Không xác định")
    waiting_at_commune = dossiers_waiting_at_commune(today=today)
    context = {
        "today": today,
        "status_counts": dossier_status_counts(),
        "waiting_at_commune": waiting_at_commune,
        "overdue_count": sum(1 for row in waiting_at_commune if row.overdue),
        "waiting_for_province": dossiers_waiting_for_province(),
        "stars": stars,
        "star_levels": CERTIFIED_STARS,
        "set_chart": star_chart(stars.by_set, unknown_label=unknown, numbered=True),
        "commune_chart": star_chart(stars.by_commune, unknown_label=unknown),
        "expiring": certificates_expiring(today=today),
    }
    return render(request, "ocop_rating/portal/dashboard/index.html", context)


@login_required
@require_GET
def dashboard_expiring_csv(request):
    """The expiring-certificates list as CSV (UTF-8 with BOM, so spreadsheet programs read the accents)."""
    roles.secretariat_or_404(request.user)
    today = timezone.localdate()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-sap-het-han-{today:%Y%m%d}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = SpreadsheetSafeCSVWriter(response)
    writer.writerow([
        _("Mã số chứng nhận"), _("Sản phẩm"), _("Chủ thể"), _("Xã/phường"), _("Hạng sao"), _("Có giá trị đến"),
        _("Số ngày còn lại"), _("Thời hạn nộp hồ sơ đánh giá lại"), _("Đang trong thời hạn nộp"),
        _("Đã có hồ sơ đánh giá lại"), _("Trang tra cứu"),
    ])
    yes, no = _("có"), _("không")
    for row in certificates_expiring(today=today):
        certificate = row.certificate
        producer = certificate.product.producer
        writer.writerow([
            certificate.code, certificate.product.get_title(), producer.name if producer else "",
            row.ward_name,
            certificate.stars, f"{certificate.valid_until:%d/%m/%Y}", row.days_left,
            f"{row.window_opens:%d/%m/%Y} – {row.window_closes:%d/%m/%Y}", yes if row.window_open else no,
            yes if row.has_reevaluation else no,
            request.build_absolute_uri(reverse("ocop_rating:verify", kwargs={"code": certificate.code})),
        ])
    return response


@login_required
def portal(request):
    """The user's roles and, for council members, the dossiers they have to score."""
    held = roles.user_roles(request.user)
    if not held:
        return render(request, "ocop_rating/portal/no_role.html", status=403)
    rows = []
    if held & set(roles.SCORING_ROLES):
        rows = [{"assignment": assignment, "scorecard": getattr(assignment, "scorecard", None)}
                for assignment in assignments_to_score(user=request.user)]
    context = {
        "role_labels": [roles.ROLE_LABELS[name] for name in roles.ROLES if name in held],
        "rows": rows,
        "is_council": bool(held & set(roles.SCORING_ROLES)),
        "home_dossiers": dossier_views.home_context(request),
        "home_rounds": council_views.home_context(request),
        "home_dashboard": home_context(request),
    }
    return render(request, "ocop_rating/portal/index.html", context)
