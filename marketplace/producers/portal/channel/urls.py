"""The producer's postal channel setting, under /producer/kenh-buu-dien/ (namespace producer_portal)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.channel_settings, name="channel_settings"),
]
