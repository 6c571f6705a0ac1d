"""Oscar's order list, with its CSV download written through the spreadsheet-safe writer; the order page with
its producers' parcels, its payment and the payment's timeline; the bank statement import."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.core.loading import get_model

from marketplace.core.money import format_vnd
from marketplace.core.spreadsheets import SpreadsheetSafeUnicodeCSVWriter
from marketplace.payments import cod
from marketplace.payments.selectors import order_payment, payment_timeline
from marketplace.payments.services import PaymentRefused
from marketplace.payments.statements import MAX_BYTES, StatementRefused, bank_statement_import
from marketplace.payments.states import Method, State
from marketplace.shop.order.order_payments import order_payment_record

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


class PaymentReceiptForm(forms.Form):
    amount = forms.DecimalField(
        label=gettext_lazy("Số tiền đã nhận (đồng)"), min_value=0, max_digits=14, decimal_places=0,
        error_messages={"max_decimal_places": gettext_lazy("Số tiền phải là số đồng nguyên.")},
    )


class OrderDetailView(oscar_views.OrderDetailView):
    order_actions = (*oscar_views.OrderDetailView.order_actions, "record_payment")

    def get_context_data(self, **kwargs):
        """Also each producer's parcel of the order, its payment with its timeline, and the receipt form (staff)."""
        ctx = super().get_context_data(**kwargs)
        ctx["fulfilment_groups"] = (FulfilmentGroup.objects.filter(order=self.object)
                                    .select_related("partner__producer").order_by("pk"))
        payment = order_payment(self.object)
        ctx["payment"] = payment
        ctx["payment_events"] = payment_timeline(self.object)
        if self.request.user.is_staff and self._receipt_expected(payment):
            ctx["payment_receipt_form"] = kwargs.get("payment_receipt_form") or PaymentReceiptForm(
                initial={"amount": payment.amount if payment is not None else self.object.total_incl_tax})
            ctx["payment_receipt_method"] = payment.method if payment is not None else Method.COD
        return ctx

    def _receipt_expected(self, payment) -> bool:
        if payment is None:  # a cash-on-delivery order placed before payments were recorded
            return self.object.sources.filter(source_type__code=cod.CODE).exists()
        return payment.state == State.PENDING and payment.method in (Method.COD, Method.VIETQR)

    def record_payment(self, request, order):
        """Staff only (partners' users see their orders here too): the money arrived, for exactly the order's amount."""
        if not request.user.is_staff:
            raise PermissionDenied
        form = PaymentReceiptForm(request.POST)
        if not form.is_valid():
            messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
            return self.reload_page(fragment="payment")
        try:
            change = order_payment_record(order=order, amount=form.cleaned_data["amount"], actor=request.user)
        except PaymentRefused as refusal:
            messages.error(request, str(refusal))
            return self.reload_page(fragment="payment")
        if change.changed:
            messages.success(request, _("Đã ghi nhận thanh toán %(amount)s cho đơn hàng %(number)s.") % {
                "amount": format_vnd(change.payment.amount_received), "number": order.number})
        else:
            messages.info(request, _("Thanh toán của đơn hàng %(number)s đã được ghi nhận trước đó.")
                          % {"number": order.number})
        return self.reload_page(fragment="payment")


class BankStatementForm(forms.Form):
    statement = forms.FileField(
        label=gettext_lazy("Tệp sao kê (CSV: date, amount, description)"),
        help_text=gettext_lazy("Mỗi dòng là một khoản tiền chuyển đến; dòng khớp mã đơn hàng và đúng số tiền "
                               "được ghi nhận đã thanh toán. Nhập lại cùng tệp không thay đổi gì."),
    )

    def clean_statement(self):
        upload = self.cleaned_data["statement"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp sao kê lớn hơn 2 MB."))
        return upload


class BankStatementImportView(generic.FormView):
    """Staff upload the shop account's statement; every row is reported (matched, already paid, ambiguous, unmatched)."""

    template_name = "oscar/dashboard/orders/bank_statement.html"
    form_class = BankStatementForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            result = bank_statement_import(data=form.cleaned_data["statement"].read(), actor=self.request.user)
        except StatementRefused as refusal:
            form.add_error("statement", str(refusal))
            return self.form_invalid(form)
        return render(self.request, self.template_name, self.get_context_data(form=self.form_class(), result=result))
