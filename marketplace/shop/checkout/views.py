"""Checkout for a Vietnamese shopper: address from the post-2025 list, VNPost, cash on delivery or bank transfer.

The order is placed first, pending payment, with its stock allocated and its payment opened in the same
transaction (ARCHITECTURE.md decision 5); a bank transfer is then paid from the thank-you page's VietQR code.
"""

import logging

from django import http
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as core_views
from oscar.apps.checkout.views import *  # noqa: F403
from oscar.core.loading import get_class

from marketplace.payments import bank_transfer, cod
from marketplace.payments.selectors import (
    available_methods,
    bank_transfer_instructions,
    order_payment,
)
from marketplace.payments.services import payment_reference_for
from marketplace.payments.states import Method
from marketplace.shop.order.order_payments import order_payment_start
from marketplace.shop.shipping.methods import shipping_parcels

from .forms import PaymentMethodForm

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
FailedPreCondition = get_class("checkout.exceptions", "FailedPreCondition")
OrderDispatcher = get_class("order.utils", "OrderDispatcher")

logger = logging.getLogger("oscar.checkout")

SESSION_PAYMENT_METHOD = "payment_method"


class IndexView(core_views.IndexView):
    """The gateway: its "returning customer" sign-in gets the request, so it is throttled like the others."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PaymentMethodSessionMixin:
    def chosen_payment_method(self) -> str | None:
        return self.checkout_session._get("payment", SESSION_PAYMENT_METHOD)

    def check_payment_data_is_captured(self, request):
        if self.chosen_payment_method() not in dict(available_methods()):
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Vui lòng chọn phương thức thanh toán."),
            )


class PaymentMethodView(PaymentMethodSessionMixin, CheckoutSessionMixin, generic.FormView):
    """Let the shopper choose how to pay: cash on delivery, or bank transfer by VietQR when configured."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = core_views.PaymentMethodView.pre_conditions
    skip_conditions = core_views.PaymentMethodView.skip_conditions

    def get_initial(self):
        chosen = self.chosen_payment_method()
        return {"method": chosen if chosen in dict(available_methods()) else cod.CODE}

    def form_valid(self, form):
        self.checkout_session._set("payment", SESSION_PAYMENT_METHOD, form.cleaned_data["method"])
        return redirect("checkout:preview")


class PaymentDetailsView(PaymentMethodSessionMixin, core_views.PaymentDetailsView):
    def get(self, request, *args, **kwargs):
        if not self.preview:
            # Neither cash on delivery nor a bank transfer has details to enter: go straight to the review page.
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action", "") != "place_order":
            return http.HttpResponseBadRequest()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method_name"] = dict(available_methods()).get(self.chosen_payment_method(), cod.NAME)
        method = ctx.get("shipping_method")
        ctx["shipping_parcels"] = shipping_parcels(method, self.request.basket) if method is not None else []
        return ctx

    def place_order(self, *args, **kwargs):
        """Write the address, order, allocation and payment records all or nothing.

        Oscar saves the shipping address before its own transaction; a refused
        allocation must not leave that row (or an address-book entry) behind.
        """
        with transaction.atomic():
            order = super().place_order(*args, **kwargs)
            order_payment_start(order=order, method=self.chosen_payment_method(), actor=self.request.user)
            return order

    def handle_payment(self, order_number, total, **kwargs):
        """Record who will collect the total: the courier in cash, or the shop's bank account; nothing is charged now."""
        if self.chosen_payment_method() == Method.VIETQR:
            self.add_payment_source(bank_transfer.bank_transfer_payment_source(
                amount=total.incl_tax, reference=payment_reference_for(order_number)))
        else:
            self.add_payment_source(cod.cod_payment_source(amount=total.incl_tax))

    def send_order_placed_email(self, order):
        """Oscar's confirmation, with the transfer details and the VietQR image attached for a bank transfer."""
        transfer = bank_transfer_instructions(order_payment(order))
        ctx = self.get_message_context(order)
        attachments = None
        if transfer is not None:
            ctx["bank_transfer"] = transfer
            attachments = [(f"vietqr-{transfer.reference}.png", transfer.qr_png, "image/png")]
        OrderDispatcher(logger=logger).send_order_placed_email_for_user(order, ctx, attachments=attachments)

    def handle_successful_order(self, order):
        response = super().handle_successful_order(order)
        messages.success(self.request, _("Đơn hàng %(number)s đã được đặt. Cảm ơn quý khách!") % {"number": order.number})
        return response
