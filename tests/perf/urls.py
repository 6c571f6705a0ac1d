"""The project's URL map plus the baseline view the catalogue pages are compared with."""

from django.urls import path

from marketplace.urls import urlpatterns as project_urlpatterns

from . import views

# Before the project's patterns: Wagtail's catch-all would otherwise answer /bench/minimal/.
urlpatterns = [
    path("bench/minimal/", views.minimal_product_list, name="bench-minimal"),
    *project_urlpatterns,
]
