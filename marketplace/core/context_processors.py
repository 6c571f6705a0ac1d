from django.conf import settings


def navigation(request):
    """Expose the product groups and sets for the shared navigation on every page."""
    from catalog.selectors import navigation_groups

    return {"ocop_navigation": navigation_groups(), "SHOP_NAME": settings.OSCAR_SHOP_NAME}


def rating_portal(request):
    """Whether the signed-in user holds a rating role, for the menu link to the portal (/ocop/).

    Lazy: the one query on the user's groups runs only when a template asks, never for anonymous users.
    """
    from django.utils.functional import SimpleLazyObject

    from ocop_rating.roles import user_roles

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ocop_rating_roles": frozenset()}
    return {"ocop_rating_roles": SimpleLazyObject(lambda: user_roles(user))}
