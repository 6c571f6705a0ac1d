"""The one way a stateful object of the rating workflow changes status.

Dossiers, rounds, scorecards, results and certificates each declare a ``StateMachine`` (which status may
move to which) next to their services, and every status change goes through ``transition``: lock the row,
check the machine, apply the changes, save, write exactly one event through the stage's event writer. A
refused move raises the machine's error and writes nothing (the caller's ``refusals_audited`` records it).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from ocop_rating.workflow.events import TransitionRefused

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class StateMachine:
    """Which status may move to which; ``label`` names the object in refusals ("hồ sơ", "đợt đánh giá")."""

    label: str | Promise
    allowed: Mapping[str, Collection[str]]
    # Builds the refusal for ``obj`` (locked) moving to ``to_status``, when the stage words it its own way.
    refusal: Callable[[Any, str], Exception] | None = None

    def check(self, obj, to_status: str) -> None:
        """Raise the refusal unless the machine allows ``obj.status`` → ``to_status``."""
        if to_status in self.allowed.get(obj.status, ()):
            return
        if self.refusal is not None:
            raise self.refusal(obj, to_status)
        raise TransitionRefused(
            _("Không thể chuyển %(label)s từ trạng thái “%(from)s” sang “%(to)s”.")
            % {"label": self.label, "from": obj.status, "to": to_status}
        )


def transition(
    obj: M,
    *,
    machine: StateMachine,
    to_status: str,
    event: Callable[[M, str], Any],
    select_related: tuple[str, ...] = (),
    **changes,
) -> M:
    """Move ``obj`` to ``to_status`` and return the locked, saved row.

    ``changes`` are set on the row in the same save; ``event(locked, from_status)`` writes the one event of
    this transition (a named writer from the stage's ``events`` module).
    """
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().select_related(*select_related).get(pk=obj.pk)
        machine.check(locked, to_status)
        from_status = locked.status
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.status = to_status
        touched = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
        locked.save(update_fields=["status", *changes, *touched])
        event(locked, from_status)
    return locked
