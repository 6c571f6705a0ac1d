"""The product menu on every page, from the catalogue that owns the product groups and sets."""

from .selectors import navigation_groups


def navigation(request):
    """Expose the product groups and sets for the shared navigation (site/navigation.html)."""
    return {"ocop_navigation": navigation_groups()}
