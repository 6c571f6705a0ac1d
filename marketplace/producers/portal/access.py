"""Which producer a portal request works for, and the record of what it does.

Two kinds of people work in the portal:

* **the producer's own users**: they hold the producer role (ocop_rating.roles.PRODUCER) and are users
  of the producer's Oscar Partner. Someone who works for several producers picks one; the choice is
  kept in the session and checked again on every request.
* **assisted listing**: a member of staff with the ``producers.act_for_producer`` permission picks a
  producer to work for (as postal staff list products for rural sellers). Every action then records
  both identities (ProducerAction.actor and .producer, with ``assisted``).

Everyone else gets the portal's 403 page; anonymous users are sent to the login page.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.db.models import Model, QuerySet
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.producers.models import Producer, ProducerAction
from ocop_rating import roles

SESSION_PRODUCER = "producer_portal_producer_id"
SESSION_ASSISTED = "producer_portal_assisted_id"
ACT_FOR_PERMISSION = "producers.act_for_producer"


@dataclass(frozen=True)
class PortalAccess:
    """The producer a request works for, the person doing it, and whether they act on the producer's behalf."""

    producer: Producer
    user: object
    assisted: bool


def producers_of_user(user) -> QuerySet[Producer]:
    """Return the producers ``user`` works for as one of their own users (producer role and partner user)."""
    if not roles.user_has_role(user, roles.PRODUCER):
        return Producer.objects.none()
    return Producer.objects.filter(partner__users=user).order_by("name", "pk")


def may_act_for_producers(user) -> bool:
    """Return True when ``user`` may work for any producer (assisted listing)."""
    return bool(user.is_authenticated and user.is_active and user.has_perm(ACT_FOR_PERMISSION))


def portal_access(request) -> PortalAccess | None:
    """Return whom ``request`` works for in the portal, or None when it works for no producer.

    An assisted-listing choice in the session wins while its user still holds the permission; then the
    producer's own users: their only producer, or the one chosen in the session among theirs.
    """
    user = request.user
    if not (user.is_authenticated and user.is_active):
        return None
    assisted_id = request.session.get(SESSION_ASSISTED)
    if assisted_id is not None:
        producer = Producer.objects.select_related("partner").filter(pk=assisted_id).first()
        if producer is not None and may_act_for_producers(user):
            return PortalAccess(producer=producer, user=user, assisted=True)
        request.session.pop(SESSION_ASSISTED, None)
    own = list(producers_of_user(user).select_related("partner")[:50])
    if not own:
        return None
    chosen = request.session.get(SESSION_PRODUCER)
    producer = next((p for p in own if p.pk == chosen), own[0])
    return PortalAccess(producer=producer, user=user, assisted=False)


def portal_forbidden(request, *, reason: str):
    """The portal's 403 page, with what the user can do about it."""
    return render(request, "producers/portal/forbidden.html", {"reason": reason}, status=403)


def portal_view(view):
    """Run ``view(request, access, ...)`` for a request that works for a producer.

    Anonymous users go to the login page; staff who may act for producers but have not chosen one go to
    the chooser; everyone else gets the portal's 403 page.
    """

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        access = portal_access(request)
        if access is None:
            if may_act_for_producers(request.user):
                return redirect("producer_portal:assist")
            return portal_forbidden(request, reason=_(
                "Trang này dành cho chủ thể bán hàng trên sàn. Nếu cơ sở của bạn muốn bán hàng, hãy đăng ký bán hàng."
            ))
        request.producer_access = access
        return view(request, access, *args, **kwargs)

    return wrapped


def action_record(access: PortalAccess, action: str, target: Model | None = None, **detail) -> ProducerAction:
    """Record one thing done in the portal, with both identities when a member of staff acts for the producer."""
    return ProducerAction.objects.create(
        producer=access.producer, actor=access.user, assisted=access.assisted, action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        detail=detail,
    )
