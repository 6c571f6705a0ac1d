"""Workflow errors and the audit trail's one interface.

Every row of the three histories (a dossier's ``DossierEvent`` timeline, a certificate's
``CertificateEvent`` history, the ``AuditEvent`` trail of everything else) is written by a named event
writer in a stage's ``events`` module (``dossiers/events.py``, ``council/events.py``, ``results/events.py``,
``certificates/events.py``), in the style of Saleor's ``order/events.py``; those call the primitives here.
Views never write events; every transition writes one (``workflow.transitions``), every successful edit one.

Every service that changes the workflow is wrapped in ``refusals_audited``: it runs in its own
transaction, and when it refuses (any ``RatingError``) for an authenticated user, the attempt is
written to ``AuditEvent`` with ``refused=True`` after the rollback, so nothing else is changed.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

from django.db import transaction
from django.utils.translation import gettext as _

from ocop_rating.errors import RatingError
from ocop_rating.models import AuditEvent, Dossier, EvaluationRound

F = TypeVar("F", bound=Callable)


class WorkflowError(RatingError):
    """A workflow step refused: bad input or a state that does not allow it."""


class PermissionRefused(WorkflowError):
    """The acting user may not do this (wrong role, not their dossier, commune or assignment)."""


class TransitionRefused(WorkflowError):
    """The object's status does not allow this step."""


def audit_event_write(*, action: str, actor, target: str = "", dossier: Dossier | None = None,
                      evaluation_round: EvaluationRound | None = None, from_status: str = "", to_status: str = "",
                      note: str = "", refused: bool = False) -> AuditEvent:
    return AuditEvent.objects.create(
        action=action, actor=user_or_none(actor), target=target, dossier=dossier, round=evaluation_round,
        from_status=from_status, to_status=to_status, note=note, refused=refused,
    )


def user_or_none(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def _context(kwargs: dict) -> tuple[Dossier | None, EvaluationRound | None, str]:
    """Find the dossier, round and target an attempted call was about, from its keyword arguments."""
    dossier = kwargs.get("dossier")
    round_ = kwargs.get("evaluation_round")
    target = ""
    for name in ("scorecard", "result", "product", "certificate"):
        obj = kwargs.get(name)
        if obj is not None and getattr(obj, "pk", None):
            target = f"{name}:{obj.pk}"
            if dossier is None and name == "result":
                dossier = obj.dossier
            if dossier is None and name == "scorecard":
                dossier = obj.assignment.dossier
            break
    if not isinstance(dossier, Dossier) or dossier.pk is None:
        dossier = None
    if round_ is None and dossier is not None and dossier.round_id:
        round_ = EvaluationRound.objects.filter(pk=dossier.round_id).first()
    if not isinstance(round_, EvaluationRound) or round_.pk is None:
        round_ = None
    return dossier, round_, target


def refusals_audited(action: str) -> Callable[[F], F]:
    """Run the service atomically; record a refused attempt by an authenticated actor, then re-raise."""

    def decorate(func: F) -> F:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except RatingError as exc:
                actor = kwargs.get("actor")
                if user_or_none(actor) is not None:
                    dossier, round_, target = _context(kwargs)
                    with transaction.atomic():
                        audit_event_write(
                            action=action, actor=actor, target=target, dossier=dossier, evaluation_round=round_,
                            note=_("từ chối: %(reason)s") % {"reason": exc.message}, refused=True,
                        )
                raise

        return wrapper  # type: ignore[return-value]

    return decorate
