from django.shortcuts import get_object_or_404
from django.views.generic import TemplateView

from catalog.views import ProductListMixin

from .models import Producer


class ProducerDetailView(ProductListMixin, TemplateView):
    """A producer's page: who they are, where, their story, and all their products."""

    template_name = "producers/producer_detail.html"

    def get(self, request, *args, **kwargs):
        self.producer = get_object_or_404(Producer, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def get_fixed_producer(self):
        return self.producer

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["producer"] = self.producer
        ctx["summary"] = self.producer.name
        return ctx
