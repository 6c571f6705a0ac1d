"""The rating portal for signed-in users: their roles and, for council members, the scoring screen.

A member reaches only their own assignments (anything else is a 404, so existence does not leak).
Every change goes through the services in rounds.py; their refusals are shown as messages.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ocop_rating import roles
from ocop_rating.council import views as round_views
from ocop_rating.council.selectors import (
    SUBMITTED_SCORECARDS,
    assignments_for_member,
    scorecards_visible_to,
)
from ocop_rating.council.services import conflict_declare, scorecard_save_entry, scorecard_submit
from ocop_rating.criteria.forms import (
    BINARY_NO,
    BINARY_YES,
    ConflictForm,
    LeafChoice,
    sheet_choices_parse,
)
from ocop_rating.dashboard import views as dashboard_views
from ocop_rating.dossiers import views as dossier_views
from ocop_rating.dossiers.services import dossier_sheet
from ocop_rating.errors import RatingError
from ocop_rating.models import (
    Assignment,
    ConflictDeclaration,
    Criterion,
    Dossier,
    EvaluationRound,
    Part,
    Scorecard,
    ScoreEntry,
)
from ocop_rating.results.scoring import TWO_PLACES
from ocop_rating.workflow.events import audit_event_write

SCORING_ROLES = (roles.COUNCIL_MEMBER, roles.COUNCIL_CHAIR)


@login_required
def portal(request):
    """The user's roles and, for council members, the dossiers they have to score."""
    held = roles.user_roles(request.user)
    if not held:
        return render(request, "ocop_rating/portal/no_role.html", status=403)
    rows = []
    if held & set(SCORING_ROLES):
        for assignment in assignments_for_member(user=request.user).select_related(
            "dossier__product", "dossier__product_set", "scorecard",
        ):
            rows.append({"assignment": assignment, "scorecard": getattr(assignment, "scorecard", None)})
    context = {
        "role_labels": [roles.ROLE_LABELS[name] for name in roles.ROLES if name in held],
        "rows": rows,
        "is_council": bool(held & set(SCORING_ROLES)),
        "home_dossiers": dossier_views.home_context(request),
        "home_rounds": round_views.home_context(request),
        "home_dashboard": dashboard_views.home_context(request),
    }
    return render(request, "ocop_rating/portal/index.html", context)


def _own_assignment_or_404(request, assignment_id: int) -> Assignment:
    if not roles.user_has_role(request.user, *SCORING_ROLES):
        raise Http404
    return get_object_or_404(
        Assignment.objects.select_related("dossier__product", "dossier__product_set", "round", "member"),
        pk=assignment_id, member__user=request.user,
    )


def _differs(choice: LeafChoice, entry: ScoreEntry | None) -> bool:
    if entry is None:
        return True
    option_id = choice.option.pk if choice.option is not None else None
    points = choice.option.points if choice.option is not None else choice.points
    return (entry.option_id, entry.points, entry.knockout) != (option_id, points, choice.knockout)


def _save_sheet(request, *, assignment: Assignment, leaves: list[Criterion]) -> list[str]:
    """Save every changed leaf in one transaction; on a refusal nothing is saved. Returns error messages."""
    choices, errors = sheet_choices_parse(request.POST, leaves)
    if errors:
        return errors
    saved = {entry.criterion_id: entry for entry in ScoreEntry.objects.filter(scorecard__assignment=assignment)}
    changed = [c for c in choices if not c.empty and _differs(c, saved.get(c.criterion.pk))]
    try:
        with transaction.atomic():
            for choice in changed:
                scorecard_save_entry(dossier=assignment.dossier, criterion=choice.criterion, option=choice.option,
                                     points=choice.points, knockout=choice.knockout, actor=request.user)
    except RatingError as exc:
        # The service's own record of the refusal was rolled back with the batch: write it again.
        audit_event_write(action="scorecard_save_entry", actor=request.user, target=f"dossier:{assignment.dossier_id}",
                          dossier=assignment.dossier, round=assignment.round, refused=True,
                          note=_("từ chối: %(reason)s") % {"reason": exc.message})
        return [exc.message]
    return []


def _points_below(points: Decimal | None, options) -> list[int]:
    """Star levels whose minimum (an option marked for that level) the chosen points do not reach."""
    if points is None:
        return []
    return sorted({o.min_star for o in options if o.min_star and points < o.points})


def _sheet_rows(*, leaves: list[Criterion], entries: dict[int, ScoreEntry], posted) -> list[dict]:
    """One row per leaf with its options and what is chosen (the posted values when re-shown after an error)."""
    rows = []
    for leaf in leaves:
        options = list(leaf.options.all())
        entry = entries.get(leaf.pk)
        if posted is not None:
            value = posted.get(f"leaf-{leaf.pk}", "")
            knockout = bool(posted.get(f"knockout-{leaf.pk}"))
        else:
            knockout = bool(entry and entry.knockout)
            if entry is None or entry.points is None:
                value = ""
            elif leaf.is_binary:
                value = BINARY_YES if entry.points == leaf.max_points else BINARY_NO
            else:
                value = str(entry.option_id or "")
        chosen_points = None
        if leaf.is_binary and value in (BINARY_YES, BINARY_NO):
            chosen_points = leaf.max_points if value == BINARY_YES else Decimal(0)
        for option in options:
            if str(option.pk) == value:
                chosen_points = option.points
        rows.append({
            "leaf": leaf, "value": value, "knockout": knockout,
            "options": [{"option": o, "checked": str(o.pk) == value} for o in options],
            "below": _points_below(chosen_points, options),
        })
    return rows


def _totals(entries: dict[int, ScoreEntry], leaves: list[Criterion]) -> dict[str, Decimal]:
    part_of = {leaf.pk: leaf.part for leaf in leaves}
    totals = {code: Decimal(0) for code in Part.Code.values}
    for criterion_id, entry in entries.items():
        if entry.points is not None and criterion_id in part_of:
            totals[part_of[criterion_id]] += entry.points
    return {code: value.quantize(TWO_PLACES) for code, value in totals.items()}


@login_required
@require_http_methods(["GET", "POST"])
def score(request, assignment_id: int):
    """The member's scoring screen: conflict declaration first, then the sheet, then submission."""
    assignment = _own_assignment_or_404(request, assignment_id)
    dossier = assignment.dossier
    sheet = dossier_sheet(dossier)
    leaves = list(
        Criterion.objects.filter(sheet=sheet, is_leaf=True).select_related("parent").prefetch_related("options")
        .order_by("position")
    )
    conflict_form = ConflictForm()
    errors: list[str] = []
    posted = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "conflict":
            conflict_form = ConflictForm(request.POST)
            if conflict_form.is_valid():
                try:
                    conflict_declare(dossier=dossier, has_conflict=conflict_form.cleaned_data["has_conflict"],
                                     note=conflict_form.cleaned_data["note"], actor=request.user)
                except RatingError as exc:
                    errors.append(exc.message)
                else:
                    messages.success(request, _("Đã ghi nhận khai báo xung đột lợi ích."))
                    return redirect("ocop_rating:score", assignment_id=assignment.pk)
        elif action in ("save", "submit"):
            errors = _save_sheet(request, assignment=assignment, leaves=leaves)
            if not errors and action == "submit":
                try:
                    scorecard_submit(dossier=dossier, comments=request.POST.get("comments", ""), actor=request.user)
                except RatingError as exc:
                    errors.append(exc.message)
                else:
                    messages.success(request, _("Đã nộp phiếu chấm. Phiếu đã khóa."))
                    return redirect("ocop_rating:score", assignment_id=assignment.pk)
            elif not errors:
                messages.success(request, _("Đã lưu điểm."))
                return redirect("ocop_rating:score", assignment_id=assignment.pk)
            posted = request.POST if errors else None
        else:
            errors.append(_("Thao tác không hợp lệ."))
        for error in errors:
            messages.error(request, error)

    declaration = ConflictDeclaration.objects.filter(member=assignment.member, dossier=dossier).first()
    scorecard = Scorecard.objects.filter(assignment=assignment).first()
    entries = {e.criterion_id: e for e in scorecard.entries.all()} if scorecard else {}
    totals = _totals(entries, leaves)
    editable = (
        declaration is not None and not declaration.has_conflict
        and (scorecard is None or scorecard.status in Scorecard.EDITABLE_STATUSES)
        and assignment.round.status == EvaluationRound.Status.SCORING
        and dossier.status == Dossier.Status.IN_ROUND
    )
    rows = _sheet_rows(leaves=leaves, entries=entries, posted=posted)
    parts = []
    for part in Part.objects.filter(sheet=sheet).order_by("code"):
        parts.append({"part": part, "total": totals[part.code],
                      "rows": [row for row in rows if row["leaf"].part == part.code]})
    others = []
    if scorecard is not None and scorecard.status in SUBMITTED_SCORECARDS:
        others = [card for card in scorecards_visible_to(user=request.user, dossier=dossier)
                  if card.assignment_id != assignment.pk and card.status in SUBMITTED_SCORECARDS]
    context = {
        "assignment": assignment,
        "dossier": dossier,
        "sheet": sheet,
        "declaration": declaration,
        "conflict_form": conflict_form,
        "scorecard": scorecard,
        "editable": editable,
        "parts": parts,
        "total": sum(totals.values(), Decimal(0)).quantize(TWO_PLACES),
        "others": others,
        "comments": request.POST.get("comments", "") if posted is not None else (scorecard.comments if scorecard else ""),
    }
    return render(request, "ocop_rating/portal/score.html", context)
