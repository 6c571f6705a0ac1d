"""The producer pages (/shop/producers/<slug>/): a producer and its products, listed through the product search.

The namespace stays "producers" (``Producer.get_absolute_url`` reverses ``producers:detail``).
"""

from django.urls import path

from . import views

app_name = "producers"
urlpatterns = [
    path("<slug:slug>/", views.ProducerDetailView.as_view(), name="detail"),
]
