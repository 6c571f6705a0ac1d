"""Roles of the rating workflow as Django groups, and the checks services make with them.

A group says what kind of work a user does; the rows say where: a producer's staff are the
Oscar ``Partner.users`` of that producer, a commune officer has ``CommuneOfficer`` rows for the
communes they check, and chairs and members are ``CouncilMember`` rows of a round. Superusers get
no implicit role: every workflow step is done, and audited, by someone holding the role.
The groups and their model permissions are created by migration 0004_create_role_groups.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils.translation import gettext_lazy as _

PRODUCER = "ocop_producer"
COMMUNE_OFFICER = "ocop_commune_officer"
SECRETARIAT = "ocop_secretariat"
COUNCIL_MEMBER = "ocop_council_member"
COUNCIL_CHAIR = "ocop_council_chair"
DECISION_SIGNER = "ocop_decision_signer"

ROLE_LABELS = {
    PRODUCER: _("Chủ thể OCOP (người nộp hồ sơ)"),
    COMMUNE_OFFICER: _("Cán bộ xã/phường"),
    SECRETARIAT: _("Cơ quan tham mưu OCOP cấp tỉnh"),
    COUNCIL_MEMBER: _("Thành viên hội đồng"),
    COUNCIL_CHAIR: _("Chủ tịch hội đồng"),
    DECISION_SIGNER: _("Người ký quyết định công nhận"),
}
ROLES = tuple(ROLE_LABELS)


def user_roles(user) -> frozenset[str]:
    """Return the workflow roles of ``user`` (none for anonymous or inactive users)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))


def request_user_roles(request) -> frozenset[str]:
    """Return the roles of ``request.user``, read once per request (the header's links all ask)."""
    cached = getattr(request, "_ocop_user_roles", None)
    if cached is None:
        cached = request._ocop_user_roles = user_roles(getattr(request, "user", None))
    return cached


def user_has_role(user, *roles: str) -> bool:
    """Return True when ``user`` holds at least one of ``roles``."""
    return bool(user_roles(user) & set(roles))


def user_is_producer_staff(user, producer) -> bool:
    """Return True when ``user`` holds the producer role and is one of the producer's partner users."""
    return user_has_role(user, PRODUCER) and producer.partner.users.filter(pk=user.pk).exists()


def user_is_commune_officer_of(user, ward_code: int) -> bool:
    from ocop_rating.models import CommuneOfficer

    return user_has_role(user, COMMUNE_OFFICER) and CommuneOfficer.objects.filter(
        user=user, ward_code=ward_code,
    ).exists()


# Who scores: the council's members and its chair.
SCORING_ROLES = (COUNCIL_MEMBER, COUNCIL_CHAIR)


def secretariat_or_404(user) -> None:
    """Screens only the secretariat may know of: 404 for everyone else, so they do not reveal they exist."""
    if not user_has_role(user, SECRETARIAT):
        raise Http404
