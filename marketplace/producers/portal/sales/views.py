"""The producer's sales: the overview of a period, its CSV, and the sales statement offered to a dossier."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.core.spreadsheets import SpreadsheetSafeCSVWriter
from marketplace.producers.portal.access import portal_forbidden, portal_view
from marketplace.shop.order.statuses import status_label
from ocop_rating.errors import RatingError
from ocop_rating.models import Dossier

from . import selectors, services
from .charts import weekly_chart
from .forms import PeriodForm

CSV_BOM = "\ufeff"


def _period_form(request) -> PeriodForm:
    return PeriodForm(request.GET, default=selectors.default_period(today=timezone.localdate()))


def _overview(request, access, form: PeriodForm, *, status: int = 200):
    period = form.period()
    context = {
        "form": form,
        "period": period,
        "low_stock": list(selectors.producer_low_stock(producer=access.producer)),
        "low_stock_threshold": selectors.LOW_STOCK_THRESHOLD,
        "dossiers": selectors.producer_editable_dossiers(producer=access.producer),
    }
    if period is not None:
        weeks = selectors.producer_sales_by_week(producer=access.producer, period=period)
        context.update({
            "totals": selectors.producer_sales_totals(producer=access.producer, period=period),
            "weeks": weeks,
            "chart": weekly_chart(weeks),
            "products": selectors.producer_sales_by_product(producer=access.producer, period=period),
            "csv_query": f"start={period.start.isoformat()}&end={period.end.isoformat()}",
        })
    return render(request, "producers/portal/sales/overview.html", context, status=status)


@portal_view
@require_GET
def sales_overview(request, access):
    """Totals, the weekly chart and table, sales by product and low stock, for a period (12 weeks by default)."""
    return _overview(request, access, _period_form(request))


@portal_view
@require_GET
def sales_csv(request, access):
    """One row per sold line of the period (no customer data); a bad period re-shows the overview with why."""
    form = _period_form(request)
    period = form.period()
    if period is None:
        return _overview(request, access, form)
    buffer = io.StringIO()
    buffer.write(CSV_BOM)
    writer = SpreadsheetSafeCSVWriter(buffer, lineterminator="\r\n")
    writer.writerow([_("Ngày đặt"), _("Mã đơn hàng"), _("Sản phẩm"), _("Số lượng"), _("Đơn giá (đồng)"),
                     _("Thành tiền (đồng)"), _("Trạng thái")])
    for placed, number, title, quantity, unit_price, line_total, group_status in selectors.producer_sale_rows(
            producer=access.producer, period=period):
        writer.writerow([
            timezone.localtime(placed, selectors.LOCAL_TIME).strftime("%d/%m/%Y %H:%M"), number, title, quantity,
            int(unit_price) if unit_price is not None else "", int(line_total), status_label(group_status),
        ])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    file_name = f"ban-hang-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _assisted_reason() -> str:
    return _("Bảng kê là minh chứng trong hồ sơ của chính chủ thể: nhân viên hỗ trợ đăng bán không được đính kèm "
             "thay. Hãy để người của chủ thể đính kèm.")


def _locked_reason(dossier: Dossier, access) -> str:
    if access.assisted:
        return _assisted_reason()
    if dossier.status in Dossier.EDITABLE_STATUSES:
        return ""
    return _("Hồ sơ đang ở trạng thái “%(status)s”, không thể sửa.") % {"status": dossier.get_status_display()}


@portal_view
@require_http_methods(["GET", "POST"])
def sales_statement(request, access, dossier_id: int):
    """Offer the statement of a dossier's product (its figures shown first); POST attaches it to the dossier."""
    dossier = selectors.producer_dossier_or_none(producer=access.producer, dossier_id=dossier_id)
    if dossier is None:
        raise Http404
    listing_url = request.build_absolute_uri(dossier.product.get_absolute_url())
    status = 200
    locked = _locked_reason(dossier, access)
    if request.method == "POST":
        if access.assisted:
            return portal_forbidden(request, reason=locked)
        try:
            services.sales_statement_attach(access=access, dossier=dossier, listing_url=listing_url)
        except RatingError as exc:
            if not locked:  # a locked dossier's reason is on the page already
                messages.error(request, exc.message)
            status = 400
        else:
            messages.success(request, _("Đã đính kèm bảng kê bán hàng trên sàn vào hồ sơ #%(pk)s.") % {
                "pk": dossier.pk})
            return redirect("ocop_rating:dossier_evidence", dossier_id=dossier.pk)
    statement = services.sales_statement_data(access=access, dossier=dossier, listing_url=listing_url)
    return render(request, "producers/portal/sales/statement.html", {
        "dossier": dossier,
        "statement": statement,
        "access": access,
        "locked": locked,
        "previous": selectors.dossier_marketplace_statement(dossier=dossier),
    }, status=status)
