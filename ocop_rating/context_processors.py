"""The rating portal's link in the shared menu, from the app that owns the rating roles."""

from django.utils.functional import SimpleLazyObject

from .roles import request_user_roles


def rating_portal(request):
    """Whether the signed-in user holds a rating role, for the menu link to the portal (/ocop/).

    Lazy: the one query on the user's groups runs only when a template asks, never for anonymous users.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"ocop_rating_roles": frozenset()}
    return {"ocop_rating_roles": SimpleLazyObject(lambda: request_user_roles(request))}
