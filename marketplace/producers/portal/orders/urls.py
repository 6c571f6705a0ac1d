"""The producer's orders, under /producer/don-hang/ (names prefixed "order_")."""

from django.urls import path

from marketplace.producers.portal.orders import views

urlpatterns = [
    path("", views.order_list, name="order_list"),
    path("<int:group_id>/", views.order_detail, name="order_detail"),
    path("<int:group_id>/buoc-tiep/", views.order_transition, name="order_transition"),
    path("<int:group_id>/thu-ho/", views.order_cod, name="order_cod"),
]
