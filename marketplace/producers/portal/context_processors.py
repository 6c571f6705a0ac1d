"""The producer portal's link in the shared header."""

from django.utils.functional import SimpleLazyObject

from marketplace.producers.portal.access import may_act_for_producers, producers_of_user


def producer_portal(request):
    """Whether the header links to /producer/: the producer's own users and assisted-listing staff.

    Lazy: the queries run only when a template asks, never for anonymous users.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"producer_portal_link": False}
    return {"producer_portal_link": SimpleLazyObject(
        lambda: may_act_for_producers(user) or producers_of_user(user).exists()
    )}
