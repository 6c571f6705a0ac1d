from django.conf import settings


def navigation(request):
    """Expose the product groups and sets for the shared navigation on every page."""
    from catalog.selectors import navigation_groups

    return {"ocop_navigation": navigation_groups(), "SHOP_NAME": settings.OSCAR_SHOP_NAME}
