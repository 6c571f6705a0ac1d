"""URLs of the rating portal's dashboard screens, included in ocop_rating.urls under the same namespace."""

urlpatterns: list = []
