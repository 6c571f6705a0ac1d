"""Oscar's voucher-set download, written through the spreadsheet-safe writer."""

from django.http import HttpResponse
from django.utils.text import slugify
from oscar.apps.dashboard.vouchers import views as oscar_views

from marketplace.core.spreadsheets import SpreadsheetSafeCSVWriter


class VoucherSetDownloadView(oscar_views.VoucherSetDownloadView):
    def get(self, request, *args, **kwargs):
        voucher_set = self.get_object()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{slugify(voucher_set.name)}.csv"'
        response["Cache-Control"] = "private, no-store"
        writer = SpreadsheetSafeCSVWriter(response)
        writer.writerows([code] for code in voucher_set.vouchers.values_list("code", flat=True))
        return response
