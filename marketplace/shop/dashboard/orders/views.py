"""Oscar's order list, with its CSV download written through the spreadsheet-safe writer; the order page with
its producers' parcels."""

from django.http import HttpResponse
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.core.loading import get_model

from marketplace.core.spreadsheets import SpreadsheetSafeUnicodeCSVWriter

FulfilmentGroup = get_model("order", "FulfilmentGroup")


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


class OrderDetailView(oscar_views.OrderDetailView):
    def get_context_data(self, **kwargs):
        """Also each producer's parcel of the order (its state, shipping, tracking, cash collected)."""
        ctx = super().get_context_data(**kwargs)
        ctx["fulfilment_groups"] = (FulfilmentGroup.objects.filter(order=self.object)
                                    .select_related("partner__producer").order_by("pk"))
        return ctx
