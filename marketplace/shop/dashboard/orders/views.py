"""Oscar's order list, with its CSV download written through the spreadsheet-safe writer."""

from django.http import HttpResponse
from oscar.apps.dashboard.orders import views as oscar_views

from marketplace.core.spreadsheets import SpreadsheetSafeUnicodeCSVWriter


class OrderListView(oscar_views.OrderListView):
    def download_selected_orders(self, request, orders):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f"attachment; filename={self.get_download_filename(request)}"
        response["Cache-Control"] = "private, no-store"
        writer = SpreadsheetSafeUnicodeCSVWriter(open_file=response)
        writer.writerow(self.CSV_COLUMNS.values())
        for order in orders:
            row_values = self.get_row_values(order)
            writer.writerow([row_values.get(column, "") for column in self.CSV_COLUMNS])
        return response
