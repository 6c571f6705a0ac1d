from django.shortcuts import get_object_or_404
from oscar.apps.basket import views as core_views
from oscar.apps.basket.views import *  # noqa: F403

from marketplace.shop.shipping.methods import shipping_parcels


class BasketAddView(core_views.BasketAddView):
    def post(self, request, *args, **kwargs):
        """Only public products can be bought: hidden or unknown ids answer 404."""
        self.product = get_object_or_404(self.product_model.objects.public(), pk=kwargs["pk"])
        return super(core_views.BasketAddView, self).post(request, *args, **kwargs)


class BasketView(core_views.BasketView):
    def get_context_data(self, **kwargs):
        """Also each producer's parcel and its shipping charge, when the basket holds several producers' goods."""
        ctx = super().get_context_data(**kwargs)
        method, basket = ctx.get("shipping_method"), self.request.basket
        ctx["basket_parcels"] = shipping_parcels(method, basket) if method is not None and not basket.is_empty else []
        return ctx
