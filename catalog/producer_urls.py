"""The producer pages (/shop/producers/<slug>/): a producer and its products, served by the catalogue.

The namespace stays "producers" (``Producer.get_absolute_url`` reverses ``producers:detail``); the page
lives here rather than in ``marketplace.producers`` because it lists products, and producers sit
below the catalogue (pyproject.toml, [tool.importlinter]).
"""

from django.urls import path

from . import views

app_name = "producers"
urlpatterns = [
    path("<slug:slug>/", views.ProducerDetailView.as_view(), name="detail"),
]
