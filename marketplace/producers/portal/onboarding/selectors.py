"""Reads of onboarding: applications, their documents, a producer's users and invitations."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from marketplace.producers.models import (
    Producer,
    ProducerApplication,
    ProducerApplicationDocument,
    ProducerInvitation,
)
from marketplace.producers.portal.access import producers_of_user
from ocop_rating import roles


def user_is_producer_user(user) -> bool:
    """Return True when ``user`` already works for a producer (producer role and partner user)."""
    return producers_of_user(user).exists()


def user_reviews_applications(user) -> bool:
    """Return True when ``user`` belongs to the provincial office (the OCOP secretariat)."""
    return roles.user_has_role(user, roles.SECRETARIAT)


def application_latest_of_user(*, user) -> ProducerApplication | None:
    """Return the user's most recent application, with its documents, or None."""
    return (
        ProducerApplication.objects.filter(applicant=user).prefetch_related("documents")
        .order_by("-created_at", "-pk").first()
    )


def application_open_of_user(*, user) -> ProducerApplication | None:
    """Return the user's application waiting for review, or None."""
    return ProducerApplication.objects.filter(applicant=user, status=ProducerApplication.Status.SUBMITTED).first()


def applications_for_review() -> QuerySet[ProducerApplication]:
    """The review queue: applications waiting for a decision, oldest first."""
    return (
        ProducerApplication.objects.filter(status=ProducerApplication.Status.SUBMITTED)
        .select_related("applicant").order_by("created_at", "pk")
    )


def applications_recently_reviewed(*, limit: int = 20) -> list[ProducerApplication]:
    """The last decided applications, newest decision first."""
    return list(
        ProducerApplication.objects.exclude(status=ProducerApplication.Status.SUBMITTED)
        .select_related("applicant", "reviewed_by").order_by("-reviewed_at", "-pk")[:limit]
    )


def application_for_review_or_none(*, application_id: int) -> ProducerApplication | None:
    """Return one application with its applicant, reviewer and documents, or None."""
    return (
        ProducerApplication.objects.select_related("applicant", "reviewed_by", "producer")
        .prefetch_related("documents").filter(pk=application_id).first()
    )


def application_document_visible_or_none(*, user, application_id: int, document_id: int):
    """Return a document that ``user`` may download (the secretariat, or the applicant), or None."""
    documents = ProducerApplicationDocument.objects.select_related("application").filter(
        pk=document_id, application_id=application_id,
    )
    if not user_reviews_applications(user):
        documents = documents.filter(application__applicant=user)
    return documents.first()


def producer_users(*, producer: Producer) -> QuerySet:
    """The people who work for ``producer`` (its partner's users), by name."""
    return get_user_model().objects.filter(partners=producer.partner).order_by("first_name", "last_name", "pk")


def invitations_pending(*, producer: Producer) -> QuerySet[ProducerInvitation]:
    """Invitations of ``producer`` neither accepted, revoked nor expired, newest first."""
    return ProducerInvitation.objects.filter(
        producer=producer, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now(),
    ).select_related("invited_by").order_by("-created_at", "-pk")


def invitation_of_producer_or_none(*, producer: Producer, invitation_id: int) -> ProducerInvitation | None:
    """Return one of ``producer``'s invitations, or None (another producer's invitation is not found)."""
    return ProducerInvitation.objects.filter(producer=producer, pk=invitation_id).first()


def invitation_by_token_or_none(*, token: str) -> ProducerInvitation | None:
    """Return the invitation of a link, or None."""
    return ProducerInvitation.objects.select_related("producer").filter(token=token).first()
