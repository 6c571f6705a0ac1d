"""Bulk import and export of the producer's products: download, upload, preview, confirm. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from marketplace.producers.portal.access import portal_view

from . import files, pending, selectors, services
from .forms import ImportUploadForm

FORMATS = {
    "csv": ("text/csv; charset=utf-8", files.csv_bytes),
    "xlsx": (files.XLSX_MIME, files.xlsx_bytes),
}
FORMAT_PARAMETER = "dinh-dang"


def _file_response(request, rows: list[list], stem: str) -> HttpResponse:
    file_format = request.GET.get(FORMAT_PARAMETER, "csv")
    if file_format not in FORMATS:
        raise Http404
    content_type, write = FORMATS[file_format]
    response = HttpResponse(write(rows), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _home(request, access, form, *, error: str = "", status: int = 200):
    return render(request, "producers/portal/bulk/home.html", {
        "access": access, "form": form, "error": error,
        "product_sets": selectors.product_sets_by_number().values(), "wards": selectors.origin_wards(),
    }, status=status)


@portal_view
@require_GET
def bulk_home(request, access):
    """Download the products or the template; upload a filled file to preview it."""
    return _home(request, access, ImportUploadForm())


@portal_view
@require_GET
def bulk_export(request, access):
    """The producer's products as CSV (``?dinh-dang=csv``, UTF-8 with BOM) or XLSX (``?dinh-dang=xlsx``)."""
    rows = selectors.producer_export_rows(producer=access.producer)
    return _file_response(request, rows, f"san-pham-{timezone.localdate():%Y-%m-%d}")


@portal_view
@require_GET
def bulk_template(request, access):
    """The empty file to fill: the header row only."""
    return _file_response(request, [], "mau-nhap-san-pham")


@portal_view
@require_http_methods(["GET", "POST"])
def bulk_preview(request, access):
    """Read the uploaded file and show what importing it would do; nothing is written."""
    if request.method == "GET":  # a reload or a language switch: back to the upload page
        return redirect("producer_portal:bulk_home")
    form = ImportUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _home(request, access, form)
    table = form.cleaned_data["file"]
    report = services.products_import(access=access, table=table, dry_run=True, file_name=form.file_name)
    token = None
    if not report.errors:
        token = pending.pending_save(request, access=access, file_name=form.file_name, table=table,
                                     stock_seen=report.stock_seen)
    return render(request, "producers/portal/bulk/preview.html", {
        "access": access, "report": report, "token": token, "file_name": form.file_name, "confirming": False,
    })


@portal_view
@require_http_methods(["GET", "POST"])
def bulk_confirm(request, access):
    """Import the previewed file: every row again checked, all written in one transaction, or nothing."""
    if request.method == "GET":  # a reload or a language switch: back to the upload page
        return redirect("producer_portal:bulk_home")
    kept = pending.pending_take(request, access=access, token=request.POST.get("token", ""))
    if kept is None:
        return _home(request, access, ImportUploadForm(), status=400, error=_(
            "Bản xem trước đã hết hạn hoặc không còn dùng được. Chưa có gì được lưu: hãy tải file lên lại."))
    report = services.products_import(access=access, table=kept.table, dry_run=False, file_name=kept.file_name,
                                      stock_seen=kept.stock_seen)
    if report.errors:
        return render(request, "producers/portal/bulk/preview.html", {
            "access": access, "report": report, "token": None, "file_name": kept.file_name, "confirming": True,
        }, status=409)
    messages.success(request, _(
        "Đã nhập file “%(name)s”: %(created)s sản phẩm mới, %(changed)s sản phẩm được cập nhật, "
        "%(unchanged)s sản phẩm không đổi."
    ) % {"name": kept.file_name, "created": len(report.created), "changed": len(report.changed),
         "unchanged": report.unchanged})
    return redirect("producer_portal:listing_list")
