from django.shortcuts import get_object_or_404
from oscar.apps.basket import views as core_views
from oscar.apps.basket.views import *  # noqa: F403


class BasketAddView(core_views.BasketAddView):
    def post(self, request, *args, **kwargs):
        """Only public products can be bought: hidden or unknown ids answer 404."""
        self.product = get_object_or_404(self.product_model.objects.public(), pk=kwargs["pk"])
        return super(core_views.BasketAddView, self).post(request, *args, **kwargs)
