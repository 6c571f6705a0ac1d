"""URLs of the rating portal's rounds screens, included in ocop_rating.urls under the same namespace."""

urlpatterns: list = []
