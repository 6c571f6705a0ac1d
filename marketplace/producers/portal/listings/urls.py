"""The producer's listings, under /producer/san-pham/ (included by the portal's urls, namespace producer_portal)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.listing_list, name="listing_list"),
    path("moi/", views.listing_create, name="listing_create"),
    path("<int:product_id>/", views.listing_edit, name="listing_edit"),
    path("<int:product_id>/danh-gia-lai/", views.listing_reevaluation, name="listing_reevaluation"),
    path("<int:product_id>/anh/", views.listing_photos, name="listing_photos"),
    path("<int:product_id>/anh/<int:image_id>/di-chuyen/", views.listing_photo_move, name="listing_photo_move"),
    path("<int:product_id>/anh/<int:image_id>/xoa/", views.listing_photo_delete, name="listing_photo_delete"),
]
