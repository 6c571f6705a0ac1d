"""Wagtail's front-end URLs, with its page view replaced by one that serves a language's own pages only."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from . import views

urlpatterns = [
    *(pattern for pattern in wagtail_urls.urlpatterns if getattr(pattern, "name", None) != "wagtail_serve"),
    re_path(wagtail_urls.serve_pattern, views.page_serve, name="wagtail_serve"),
]
