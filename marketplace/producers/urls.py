from django.urls import path

from . import views

app_name = "producers"
urlpatterns = [
    path("<slug:slug>/", views.ProducerDetailView.as_view(), name="detail"),
]
