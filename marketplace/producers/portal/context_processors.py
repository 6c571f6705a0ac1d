"""The producer portal's link in the shared header."""

from django.utils.functional import SimpleLazyObject

from marketplace.producers.portal.access import may_act_for_producers
from ocop_rating import roles


def producer_portal(request):
    """Whether the header links to /producer/: holders of the producer role and assisted-listing staff.

    Lazy, and it adds no query of its own: the roles are read once per request (shared with the rating
    portal's link) and the permission check uses the user's permission cache, which the header's
    dashboard link fills. The portal itself checks who the user works for.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"producer_portal_link": False}
    return {"producer_portal_link": SimpleLazyObject(
        lambda: roles.PRODUCER in roles.request_user_roles(request) or may_act_for_producers(user)
    )}
