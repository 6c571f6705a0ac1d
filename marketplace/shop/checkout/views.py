"""Checkout for a Vietnamese shopper: address from the post-2025 list, VNPost, cash on delivery."""

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

from marketplace.payments import cod
from marketplace.shop.shipping.methods import shipping_parcels

from .forms import PaymentMethodForm

CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
FailedPreCondition = get_class("checkout.exceptions", "FailedPreCondition")

SESSION_PAYMENT_METHOD = "payment_method"


class IndexView(core_views.IndexView):
    """The gateway: its "returning customer" sign-in gets the request, so it is throttled like the others."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PaymentMethodSessionMixin:
    def chosen_payment_method(self) -> str | None:
        return self.checkout_session._get("payment", SESSION_PAYMENT_METHOD)

    def check_payment_data_is_captured(self, request):
        if self.chosen_payment_method() != cod.CODE:
            raise FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Vui lòng chọn phương thức thanh toán."),
            )


class PaymentMethodView(PaymentMethodSessionMixin, CheckoutSessionMixin, generic.FormView):
    """Let the shopper choose how to pay (cash on delivery; card payment arrives with Stripe)."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = core_views.PaymentMethodView.pre_conditions
    skip_conditions = core_views.PaymentMethodView.skip_conditions

    def get_initial(self):
        return {"method": self.chosen_payment_method() or cod.CODE}

    def form_valid(self, form):
        self.checkout_session._set("payment", SESSION_PAYMENT_METHOD, form.cleaned_data["method"])
        return redirect("checkout:preview")


class PaymentDetailsView(PaymentMethodSessionMixin, core_views.PaymentDetailsView):
    def get(self, request, *args, **kwargs):
        if not self.preview:
            # Cash on delivery has no details to enter: go straight to the review page.
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.POST.get("action", "") != "place_order":
            return http.HttpResponseBadRequest()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method_name"] = cod.NAME
        method = ctx.get("shipping_method")
        ctx["shipping_parcels"] = shipping_parcels(method, self.request.basket) if method is not None else []
        return ctx

    def place_order(self, *args, **kwargs):
        """Write the address, order, allocation and payment records all or nothing.

        Oscar saves the shipping address before its own transaction; a refused
        allocation must not leave that row (or an address-book entry) behind.
        """
        with transaction.atomic():
            return super().place_order(*args, **kwargs)

    def handle_payment(self, order_number, total, **kwargs):
        """Record that the whole total is collected in cash by the courier; nothing is charged now."""
        self.add_payment_source(cod.cod_payment_source(amount=total.incl_tax))

    def handle_successful_order(self, order):
        response = super().handle_successful_order(order)
        messages.success(self.request, _("Đơn hàng %(number)s đã được đặt. Cảm ơn quý khách!") % {"number": order.number})
        return response
