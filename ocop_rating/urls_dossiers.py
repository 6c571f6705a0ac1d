"""URLs of the rating portal's dossiers screens, included in ocop_rating.urls under the same namespace."""

urlpatterns: list = []
