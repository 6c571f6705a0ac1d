"""The rating portal's rounds screens: the secretariat runs rounds, the chair finalises, the signer decides.

Who reaches what (anonymous users are sent to the login page everywhere):

* ``round_list``: the secretariat sees every round, a council chair the rounds they chair; any other
  signed-in user gets 403 (the screen is not for their role).
* ``round_create``: the secretariat only; 403 for everyone else.
* ``round_detail``, ``round_result`` and the POST actions on a round: the secretariat and the round's own
  chair; 404 for everyone else, chairs of other rounds included, so a round's existence does not leak.
  What each may do there is the services' decision (council.services, results.services): their refusals are shown as
  messages and audited.
* ``decision_list``: the decision signer only; 403 for everyone else.
* ``decision_record``: the decision signer, for a result the council has finalised; 404 otherwise.

Scoring is blind: the progress table shows the sheets' statuses only, never points; members' totals are
shown only as council.selectors.scorecards_visible_to allows. The views read through council.selectors
and write through the council and results services.
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.core.divisions import THANH_HOA
from ocop_rating import roles
from ocop_rating.council import services as council_services
from ocop_rating.council.forms import (
    CouncilSeatForm,
    DossierAssignForm,
    ReopenForm,
    RoundCreateForm,
    user_label,
)
from ocop_rating.council.selectors import (
    SUBMITTED_SCORECARDS,
    dossier_of_round_or_none,
    own_assignment_or_none,
    round_or_none,
    round_progress,
    round_seats,
    rounds_listed_for,
    score_entries_of,
    scorecard_of_round_or_none,
    scorecards_visible_to,
    scoring_state,
    user_chairs_round,
)
from ocop_rating.council.services import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    round_open,
    scorecard_reopen,
    scorecard_submit,
)
from ocop_rating.criteria.forms import (
    BINARY_NO,
    BINARY_YES,
    ConflictForm,
    LeafChoice,
    sheet_choices_parse,
)
from ocop_rating.dossiers.selectors import sheet_leaves, sheet_parts
from ocop_rating.dossiers.services import dossier_sheet
from ocop_rating.errors import RatingError
from ocop_rating.models import (
    Assignment,
    CouncilMember,
    Criterion,
    Dossier,
    EvaluationRound,
    Scorecard,
    ScoreEntry,
)
from ocop_rating.results import services as result_services
from ocop_rating.results.scoring import TWO_PLACES, part_totals
from ocop_rating.results.selectors import results_awaiting_decision_count


def forbidden(request, *, reason: str):
    return render(request, "ocop_rating/portal/rounds/forbidden.html", {"reason": reason}, status=403)


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_rounds.html)."""
    held = roles.user_roles(request.user)
    context: dict = {}
    rounds = rounds_listed_for(user=request.user, unfinished_only=True)
    if rounds is not None:
        context["rounds"] = rounds
        context["as_secretariat" if roles.SECRETARIAT in held else "as_chair"] = True
    if roles.DECISION_SIGNER in held:
        context["awaiting_decisions"] = results_awaiting_decision_count()
        context["as_signer"] = True
    return context


# ---------------------------------------------------------------------------------------------
# Rounds
# ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def round_list(request):
    """Every round for the secretariat; the rounds they chair for a council chair."""
    rounds = rounds_listed_for(user=request.user)
    if rounds is None:
        return forbidden(request, reason=_("Trang này dành cho cơ quan tham mưu OCOP cấp tỉnh và chủ tịch hội đồng."))
    context = {"rounds": rounds, "can_create": roles.user_has_role(request.user, roles.SECRETARIAT)}
    return render(request, "ocop_rating/portal/rounds/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request):
    """Open a round of Thanh Hóa province (the secretariat)."""
    if not roles.user_has_role(request.user, roles.SECRETARIAT):
        return forbidden(request, reason=_("Chỉ cơ quan tham mưu OCOP cấp tỉnh được mở đợt đánh giá."))
    form = RoundCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = round_open(province_code=THANH_HOA, name=form.cleaned_data["name"],
                                 opens_on=form.cleaned_data["opens_on"], actor=request.user)
        except RatingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã mở đợt đánh giá “%(name)s”.") % {"name": created.name})
            return redirect("ocop_rating:round_detail", round_id=created.pk)
    return render(request, "ocop_rating/portal/rounds/create.html", {"form": form})


def round_or_404(request, round_id: int) -> tuple[EvaluationRound, bool, bool]:
    """The round with (is_secretariat, is_chair) if the user may open it; 404 otherwise."""
    round_ = round_or_none(round_id=round_id)
    if round_ is None:
        raise Http404
    held = roles.user_roles(request.user)
    is_secretariat = roles.SECRETARIAT in held
    is_chair = roles.COUNCIL_CHAIR in held and user_chairs_round(user=request.user, round_id=round_.pk)
    if not (is_secretariat or is_chair):
        raise Http404
    return round_, is_secretariat, is_chair


def _progress_rows(round_: EvaluationRound, seats: list[CouncilMember], *, viewer) -> list[dict]:
    """One row per dossier of the round: each seat's sheet status (never points) and the result.

    A dossier's result stays hidden from a viewer who still has to score it (the chair is a scorer too).
    """
    progress = round_progress(evaluation_round=round_)
    rows = []
    for dossier in progress.dossiers:
        cells = []
        for seat in seats:
            assignment = progress.assignments.get((dossier.pk, seat.pk))
            scorecard = getattr(assignment, "scorecard", None) if assignment else None
            cells.append({
                "seat": seat,
                "assigned": assignment is not None,
                "scorecard": scorecard,
                "status": scorecard.status if scorecard else ("none" if assignment else "unassigned"),
                "conflict": progress.conflicts.get((dossier.pk, seat.pk)),
            })
        own = next((cell for cell in cells if cell["assigned"] and cell["seat"].user_id == viewer.pk), None)
        pending = own is not None and not (own["conflict"] and own["conflict"].has_conflict) and (
            own["scorecard"] is None or own["scorecard"].status not in SUBMITTED_SCORECARDS
        )
        rows.append({
            "dossier": dossier,
            "title": dossier.product_name or dossier.product.get_title(),
            "cells": cells,
            "result": None if pending else getattr(dossier, "result", None),
            "result_hidden": pending and getattr(dossier, "result", None) is not None,
            "scoring_pending": pending,
            "in_round": dossier.status == Dossier.Status.IN_ROUND,
        })
    return rows


@login_required
@require_http_methods(["GET"])
def round_detail(request, round_id: int):
    """The round's status, policy, council, assignment forms and the blind progress table."""
    round_, is_secretariat, is_chair = round_or_404(request, round_id)
    seats = round_seats(evaluation_round=round_)
    # The secretary keeps the minutes and never scores: no column in the progress table.
    scorers = [seat for seat in seats if seat.role in CouncilMember.SCORING_ROLES]
    is_open = round_.status == EvaluationRound.Status.OPEN
    is_scoring = round_.status == EvaluationRound.Status.SCORING
    has_chair = any(seat.role == CouncilMember.Role.CHAIR for seat in seats)
    has_secretary = any(seat.role == CouncilMember.Role.SECRETARY for seat in seats)
    context = {
        "round": round_,
        "seats": [{"seat": seat, "name": user_label(seat.user)} for seat in seats],
        "scorer_seats": [{"seat": seat, "name": user_label(seat.user)} for seat in scorers],
        "rows": _progress_rows(round_, scorers, viewer=request.user),
        "is_secretariat": is_secretariat,
        "is_chair": is_chair,
        "is_open": is_open,
        "is_scoring": is_scoring,
        "is_finalised": round_.status == EvaluationRound.Status.FINALISED,
        "has_chair": has_chair,
        "chair_form": CouncilSeatForm(evaluation_round=round_, role=CouncilMember.Role.CHAIR)
        if is_secretariat and is_open and not has_chair else None,
        "member_form": CouncilSeatForm(evaluation_round=round_, role=CouncilMember.Role.MEMBER)
        if is_secretariat and is_open else None,
        "secretary_form": CouncilSeatForm(evaluation_round=round_, role=CouncilMember.Role.SECRETARY)
        if is_secretariat and is_open and not has_secretary else None,
        "assign_form": DossierAssignForm(evaluation_round=round_) if is_secretariat and (is_open or is_scoring) else None,
        "reopen_form": ReopenForm() if is_chair and is_scoring else None,
    }
    return render(request, "ocop_rating/portal/rounds/detail.html", context)


def round_page_redirect(request, round_: EvaluationRound, dossier_id: int | None = None):
    if dossier_id is not None and request.POST.get("back") == "result":
        return redirect("ocop_rating:round_result", round_id=round_.pk, dossier_id=dossier_id)
    return redirect("ocop_rating:round_detail", round_id=round_.pk)


def form_errors_show(request, form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)


@login_required
@require_POST
def round_council_add(request, round_id: int):
    """Seat a chair, a member or the secretary (the secretariat, while the round is open)."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    role = request.POST.get("role", "")
    if role not in CouncilMember.Role.values:
        messages.error(request, _("Vai trò trong hội đồng không hợp lệ."))
        return round_page_redirect(request, round_)
    form = CouncilSeatForm(request.POST, evaluation_round=round_, role=role)
    if not form.is_valid():
        form_errors_show(request, form)
        return round_page_redirect(request, round_)
    user = form.cleaned_data["user"]
    try:
        council_member_add(evaluation_round=round_, user=user, role=role, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thêm %(name)s vào hội đồng (%(role)s).") % {
            "name": user_label(user), "role": CouncilMember.Role(role).label,
        })
    return round_page_redirect(request, round_)


@login_required
@require_POST
def round_dossier_assign(request, round_id: int):
    """Put a forwarded dossier into the round for all or chosen council members (the secretariat)."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    form = DossierAssignForm(request.POST, evaluation_round=round_)
    if not form.is_valid():
        form_errors_show(request, form)
        return round_page_redirect(request, round_)
    chosen = list(form.cleaned_data["members"]) or None
    dossier = form.cleaned_data["dossier"]
    try:
        assignments = dossier_assign(evaluation_round=round_, dossier=dossier, members=chosen, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã phân công hồ sơ #%(pk)s cho %(count)d thành viên.") % {
            "pk": dossier.pk, "count": len(assignments),
        })
    return round_page_redirect(request, round_)


def _round_step(request, round_id: int, *, step, done: str):
    """Run a round-wide service step for the user; its refusal or ``done`` is shown on the round's page."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    try:
        step(evaluation_round=round_, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return round_page_redirect(request, round_)


@login_required
@require_POST
def round_scoring_start(request, round_id: int):
    """Close the council's composition and let members score (the secretariat)."""
    return _round_step(request, round_id, step=council_services.round_scoring_start, done=_("Đợt đánh giá đã bắt đầu chấm điểm."))


@login_required
@require_POST
def round_finalise(request, round_id: int):
    """Close the round once every dossier has a finalised result (the chair)."""
    return _round_step(request, round_id, step=result_services.round_finalise, done=_("Đã kết thúc đợt đánh giá."))


def dossier_of_round_or_404(round_: EvaluationRound, dossier_id: int) -> Dossier:
    dossier = dossier_of_round_or_none(evaluation_round=round_, dossier_id=dossier_id)
    if dossier is None:
        raise Http404
    return dossier



@login_required
@require_POST
def round_scorecard_reopen(request, round_id: int, scorecard_id: int):
    """Reopen a member's submitted sheet for correction, with a mandatory note (the chair; audited)."""
    round_, _is_secretariat, _is_chair = round_or_404(request, round_id)
    scorecard = scorecard_of_round_or_none(evaluation_round=round_, scorecard_id=scorecard_id)
    if scorecard is None:
        raise Http404
    form = ReopenForm(request.POST)
    dossier_id = scorecard.assignment.dossier_id
    if not form.is_valid():
        form_errors_show(request, form)
        return round_page_redirect(request, round_, dossier_id)
    try:
        scorecard_reopen(scorecard=scorecard, note=form.cleaned_data["note"], actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã mở lại phiếu chấm của %(name)s để chấm lại.") % {
            "name": user_label(scorecard.assignment.member.user)})
    return round_page_redirect(request, round_, dossier_id)


# ---------------------------------------------------------------------------------------------
# A member's scoring screen
# ---------------------------------------------------------------------------------------------


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
    saved = score_entries_of(assignment=assignment)
    changed = [c for c in choices if not c.empty and _differs(c, saved.get(c.criterion.pk))]
    if not changed:
        return []
    try:
        council_services.scorecard_sheet_save(dossier=assignment.dossier, choices=changed, actor=request.user)
    except RatingError as exc:
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
    """The member's running total per part (scoring.part_totals), to two places for display."""
    points = {leaf.code: entries[leaf.pk].points for leaf in leaves if leaf.pk in entries}
    return {code: value.quantize(TWO_PLACES) for code, value in part_totals(points, leaves).items()}


@login_required
@require_http_methods(["GET", "POST"])
def score(request, assignment_id: int):
    """The member's scoring screen: conflict declaration first, then the sheet, then submission."""
    assignment = own_assignment_or_none(user=request.user, assignment_id=assignment_id)
    if assignment is None:
        raise Http404
    dossier = assignment.dossier
    sheet = dossier_sheet(dossier)
    leaves = sheet_leaves(sheet=sheet)
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

    state = scoring_state(assignment=assignment)
    declaration, scorecard = state.declaration, state.scorecard
    totals = _totals(state.entries, leaves)
    editable = (
        declaration is not None and not declaration.has_conflict
        and (scorecard is None or scorecard.status in Scorecard.EDITABLE_STATUSES)
        and assignment.round.status == EvaluationRound.Status.SCORING
        and dossier.status == Dossier.Status.IN_ROUND
    )
    rows = _sheet_rows(leaves=leaves, entries=state.entries, posted=posted)
    parts = []
    for part in sheet_parts(sheet=sheet):
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
