"""The rating portal's dossier screens: the producer prepares and submits, the commune officer checks.

Who gets what (anonymous users are always sent to the login page):

* List pages (``dossier_list``, ``dossier_create``, ``commune_queue``): a signed-in user holding no
  rating role at all gets the portal's 403 page (``no_role.html``), as on the portal home; a user
  holding rating roles but not the one the page is for gets 404, as if the page did not exist.
* Object pages always answer 404 to anyone who may not see the dossier, so existence does not leak:
  reading (detail, evidence download) follows ``dossiers_visible_to``; editing pages (registration,
  self-assessment, evidence, submit) are for the producer's staff only; the commune check for an
  officer of the dossier's commune only.
* An editing page of a dossier that can no longer be edited (already submitted) still opens,
  read-only, with the reason; a POST to it reaches the service, whose refusal is shown.

Views only parse input, read through dossiers/selectors.py (which answers None where the view answers
404) and write through dossiers/services.py; a RatingError's message is shown as a django message and
nothing is written (every refusal is audited by the service).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from marketplace.core.divisions import ward_name
from marketplace.core.working_days import working_days_between
from ocop_rating import roles
from ocop_rating.criteria.forms import BINARY_NO, BINARY_YES, LeafChoice, sheet_choices_parse
from ocop_rating.dossiers import services
from ocop_rating.dossiers.forms import (
    CommuneForwardForm,
    CommuneReturnForm,
    DossierCreateForm,
    EvidenceUploadForm,
    RegistrationForm,
)
from ocop_rating.dossiers.selectors import (
    commune_queue_dossiers,
    commune_waiting_summary,
    dossier_events_handled_by,
    dossier_evidence_file_or_none,
    dossier_evidence_files,
    dossier_for_commune_check_or_none,
    dossier_of_producer_staff_or_none,
    dossier_summary_data,
    dossier_visible_to_or_none,
    dossiers_of_producer_staff,
    dossiers_open_of_producer_staff,
    self_assessments_by_criterion,
    sheet_leaves,
    sheet_parts,
)
from ocop_rating.dossiers.services import (
    AssessmentChoice,
    dossier_commune_forward,
    dossier_commune_return,
    dossier_registration_missing,
    dossier_registration_set,
    dossier_sheet,
    evidence_file_add,
    evidence_file_remove,
)
from ocop_rating.errors import RatingError
from ocop_rating.models import Criterion, Dossier, Part, SelfAssessment
from ocop_rating.results.scoring import TWO_PLACES, part_totals

NEXT_STEPS = {
    Dossier.Status.DRAFT: gettext_lazy("Điền phiếu đăng ký, tự chấm điểm, tải minh chứng rồi nộp hồ sơ."),
    Dossier.Status.RETURNED: gettext_lazy("Sửa theo lý do xã trả lại rồi nộp lại."),
    Dossier.Status.SUBMITTED: gettext_lazy("Chờ xã/phường kiểm tra hồ sơ."),
    Dossier.Status.FORWARDED: gettext_lazy("Xã đã chuyển lên tỉnh: chờ đưa vào đợt đánh giá."),
    Dossier.Status.IN_ROUND: gettext_lazy("Hội đồng đang chấm điểm."),
    Dossier.Status.FINALISED: gettext_lazy("Hội đồng đã chốt kết quả: chờ quyết định công nhận."),
    Dossier.Status.PROPOSED_CENTRAL: gettext_lazy("Chờ Hội đồng trung ương đánh giá 5 sao."),
    Dossier.Status.RECOGNISED: gettext_lazy("Sản phẩm đã được công nhận: xem giấy chứng nhận."),
    Dossier.Status.NOT_RECOGNISED: gettext_lazy("Sản phẩm không được công nhận lần này."),
}
RECENTLY_HANDLED = 20


# --- access -------------------------------------------------------------------------------------


def _list_page_refusal(request, role: str):
    """None if the user holds ``role``; else the 403 no-role page, or a 404 for holders of other roles."""
    held = roles.user_roles(request.user)
    if role in held:
        return None
    if not held:
        return render(request, "ocop_rating/portal/no_role.html", status=403)
    raise Http404


def _found_or_404(found):
    if found is None:
        raise Http404
    return found


def _visible_dossier_or_404(request, dossier_id: int) -> Dossier:
    return _found_or_404(dossier_visible_to_or_none(user=request.user, dossier_id=dossier_id))


def _own_dossier_or_404(request, dossier_id: int) -> Dossier:
    """A dossier of a producer the user works for (whatever its status); 404 for anyone else."""
    return _found_or_404(dossier_of_producer_staff_or_none(user=request.user, dossier_id=dossier_id))


def _commune_dossier_or_404(request, dossier_id: int) -> Dossier:
    return _found_or_404(dossier_for_commune_check_or_none(user=request.user, dossier_id=dossier_id))


# --- what a dossier still lacks, its sheet and its summary ---------------------------------------------


def _part_rows(parts: list[Part], assessments: dict[int, SelfAssessment], leaves: list[Criterion]) -> list[dict]:
    """One row per part: the producer's total on it (results.scoring.part_totals), leaves scored and leaves."""
    totals = part_totals({leaf.code: assessments[leaf.pk].points for leaf in leaves if leaf.pk in assessments},
                         leaves)
    return [
        {"part": part, "total": totals.get(part.code, Decimal(0)).quantize(TWO_PLACES),
         "scored": sum(1 for leaf in leaves if leaf.part == part.code and leaf.pk in assessments),
         "leaves": sum(1 for leaf in leaves if leaf.part == part.code)}
        for part in parts
    ]


def _summary_context(request, dossier: Dossier) -> dict:
    """Everything the read-only summary (dossier/_summary.html) shows."""
    data = dossier_summary_data(dossier=dossier, viewer=request.user)
    leaves, assessments = data.leaves, data.assessments
    parts = _part_rows(data.parts, assessments, leaves)
    labels = dict(Dossier.Status.choices)
    return {
        "dossier": dossier,
        "sheet": data.sheet,
        "ward": ward_name(dossier.ward_code),
        "registration": [
            (Dossier._meta.get_field(name).verbose_name,
             dossier.get_legal_representative_gender_display() if name == "legal_representative_gender"
             else getattr(dossier, name))
            for name in ("product_name", "legal_representative_name", "legal_representative_gender",
                         "legal_representative_ethnicity", "contact_phone", "business_registration_number",
                         "sample_count")
        ],
        "parts": parts,
        "self_total": sum((p["total"] for p in parts), Decimal(0)).quantize(TWO_PLACES),
        "assessment_rows": [{"leaf": leaf, "row": assessments.get(leaf.pk)} for leaf in leaves],
        "unscored": [leaf.code for leaf in leaves if leaf.pk not in assessments],
        "leaf_count": len(leaves),
        "evidence": data.evidence,
        "commune_assessments": data.commune_assessments,
        "events": [
            {"event": event, "from": labels.get(event.from_status, ""), "to": labels.get(event.to_status, "")}
            for event in data.events
        ],
        "result": data.result,
        "next_step": NEXT_STEPS.get(dossier.status, ""),
    }


# --- producer: list, create, detail ---------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def dossier_list(request):
    """The producer's dossiers with their status, the commune's deadline and what to do next."""
    refusal = _list_page_refusal(request, roles.PRODUCER)
    if refusal is not None:
        return refusal
    dossiers = dossiers_of_producer_staff(user=request.user)
    rows = [{"dossier": d, "next_step": NEXT_STEPS.get(d.status, ""),
             "editable": d.status in Dossier.EDITABLE_STATUSES} for d in dossiers]
    return render(request, "ocop_rating/portal/dossier/list.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def dossier_create(request):
    """Start a dossier for one of the producer's own products."""
    refusal = _list_page_refusal(request, roles.PRODUCER)
    if refusal is not None:
        return refusal
    form = DossierCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            dossier = services.dossier_create(
                product=form.cleaned_data["product"], kind=form.cleaned_data["kind"],
                product_set=form.cleaned_data["product_set"], registration=form.registration(only_filled=True),
                actor=request.user,
            )
        except RatingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã tạo hồ sơ. Hãy hoàn thiện các mục còn thiếu rồi nộp hồ sơ."))
            return redirect("ocop_rating:dossier_detail", dossier_id=dossier.pk)
    return render(request, "ocop_rating/portal/dossier/create.html",
                  {"form": form, "product_options": form.product_options})


@login_required
@require_http_methods(["GET"])
def dossier_detail(request, dossier_id: int):
    """The dossier read-only for everyone who may see it; for its producer, the checklist and submit button."""
    dossier = _visible_dossier_or_404(request, dossier_id)
    context = _summary_context(request, dossier)
    is_owner = roles.user_is_producer_staff(request.user, dossier.producer)
    editable = is_owner and dossier.status in Dossier.EDITABLE_STATUSES
    context.update({
        "is_owner": is_owner,
        "editable": editable,
        "missing_registration": dossier_registration_missing(dossier=dossier) if editable else [],
        "is_officer": roles.user_is_commune_officer_of(request.user, dossier.ward_code),
    })
    if editable:
        context["ready"] = not (context["missing_registration"] or context["unscored"] or not context["evidence"])
    return render(request, "ocop_rating/portal/dossier/detail.html", context)


# --- producer: the editing pages -------------------------------------------------------------------


def _locked_notice(dossier: Dossier) -> str:
    if dossier.status in Dossier.EDITABLE_STATUSES:
        return ""
    return _("Hồ sơ đang ở trạng thái “%(status)s”, không thể sửa.") % {"status": dossier.get_status_display()}


@login_required
@require_http_methods(["GET", "POST"])
def dossier_registration(request, dossier_id: int):
    """Mẫu 01: the registration slip."""
    dossier = _own_dossier_or_404(request, dossier_id)
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                dossier_registration_set(dossier=dossier, registration=form.registration(only_filled=False),
                                         actor=request.user)
            except RatingError as exc:
                messages.error(request, exc.message)  # re-shown below with what was typed
            else:
                messages.success(request, _("Đã lưu phiếu đăng ký."))
                return redirect("ocop_rating:dossier_detail", dossier_id=dossier.pk)
    else:
        form = RegistrationForm(initial={
            **{name: getattr(dossier, name) for name in RegistrationForm.base_fields},
            "sample_count": dossier.sample_count or None,
        })
    return render(request, "ocop_rating/portal/dossier/registration.html",
                  {"dossier": dossier, "form": form, "locked": _locked_notice(dossier)})


def _assessment_differs(choice, row: SelfAssessment | None, note: str) -> bool:
    if row is None:
        return True
    option_id = choice.option.pk if choice.option is not None else None
    points = choice.option.points if choice.option is not None else choice.points
    return (row.option_id, row.points, row.evidence_note) != (option_id, points, note)


def _self_assessment_save(request, *, dossier: Dossier, leaves: list[Criterion]) -> bool:
    """Save every changed leaf in one transaction; on any refusal nothing is saved. False when refused."""
    choices, errors = sheet_choices_parse(request.POST, leaves)
    for error in errors:
        messages.error(request, error)
    if errors:
        return False
    saved = self_assessments_by_criterion(dossier=dossier)
    changed = []
    for choice in choices:
        note = (request.POST.get(f"note-{choice.criterion.pk}") or "").strip()
        row = saved.get(choice.criterion.pk)
        if choice.option is None and choice.points is None:
            if row is None:
                if note:  # a note without a choice: the service asks for the choice
                    changed.append((choice, note))
                continue
            if row.evidence_note == note:
                continue
            # Only the note changed on a scored leaf: keep the saved choice.
            choice = LeafChoice(criterion=choice.criterion, option=row.option, points=row.points, knockout=False)
        if _assessment_differs(choice, row, note):
            changed.append((choice, note))
    if not changed:
        messages.info(request, _("Không có thay đổi nào để lưu."))
        return True
    try:
        services.dossier_self_assessment_save(dossier=dossier, actor=request.user, choices=[
            AssessmentChoice(criterion=choice.criterion, option=choice.option, points=choice.points, evidence_note=note)
            for choice, note in changed
        ])
    except RatingError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, _("Đã lưu phần tự đánh giá."))
    return True


def _self_assessment_rows(leaves, saved: dict[int, SelfAssessment], posted) -> list[dict]:
    rows = []
    for leaf in leaves:
        row = saved.get(leaf.pk)
        if posted is not None:
            value = posted.get(f"leaf-{leaf.pk}", "")
            note = posted.get(f"note-{leaf.pk}", "")
        else:
            note = row.evidence_note if row else ""
            if row is None:
                value = ""
            elif leaf.is_binary:
                value = BINARY_YES if row.points == leaf.max_points else BINARY_NO
            else:
                value = str(row.option_id or "")
        rows.append({
            "leaf": leaf, "value": value, "note": note, "scored": row is not None,
            "options": [{"option": o, "checked": str(o.pk) == value} for o in leaf.options.all()],
        })
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def dossier_self_assessment(request, dossier_id: int):
    """Mẫu 02 part III: the producer scores their own product on the council's sheet, with evidence notes."""
    dossier = _own_dossier_or_404(request, dossier_id)
    sheet = dossier_sheet(dossier)
    leaves = sheet_leaves(sheet=sheet)
    posted = None
    if request.method == "POST":
        if _self_assessment_save(request, dossier=dossier, leaves=leaves):
            if request.POST.get("action") == "save_and_back":
                return redirect("ocop_rating:dossier_detail", dossier_id=dossier.pk)
            return redirect("ocop_rating:dossier_self_assessment", dossier_id=dossier.pk)
        posted = request.POST
    saved = self_assessments_by_criterion(dossier=dossier)
    rows = _self_assessment_rows(leaves, saved, posted)
    parts = []
    for group in _part_rows(sheet_parts(sheet=sheet), saved, leaves):
        parts.append({**group, "rows": [row for row in rows if row["leaf"].part == group["part"].code]})
    context = {
        "dossier": dossier,
        "sheet": sheet,
        "parts": parts,
        "total": sum((p["total"] for p in parts), Decimal(0)).quantize(TWO_PLACES),
        "scored": len(saved),
        "leaf_count": len(leaves),
        "locked": _locked_notice(dossier),
    }
    return render(request, "ocop_rating/portal/dossier/self_assessment.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def dossier_evidence(request, dossier_id: int):
    """The dossier's evidence files and the upload form."""
    dossier = _own_dossier_or_404(request, dossier_id)
    form = EvidenceUploadForm()
    if request.method == "POST":
        form = EvidenceUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                evidence_file_add(dossier=dossier, kind=form.cleaned_data["kind"],
                                  uploaded_file=form.cleaned_data["file"], actor=request.user)
            except RatingError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã tải lên tệp minh chứng."))
                return redirect("ocop_rating:dossier_evidence", dossier_id=dossier.pk)
    context = {
        "dossier": dossier,
        "form": form,
        "evidence": dossier_evidence_files(dossier=dossier),
        "locked": _locked_notice(dossier),
    }
    return render(request, "ocop_rating/portal/dossier/evidence.html", context)


@login_required
@require_http_methods(["POST"])
def dossier_evidence_remove(request, dossier_id: int, file_id: int):
    dossier = _own_dossier_or_404(request, dossier_id)
    evidence = _found_or_404(dossier_evidence_file_or_none(dossier=dossier, file_id=file_id))
    try:
        evidence_file_remove(dossier=dossier, evidence=evidence, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã xóa tệp “%(name)s”.") % {"name": evidence.original_name})
    return redirect("ocop_rating:dossier_evidence", dossier_id=dossier.pk)


@login_required
@require_http_methods(["GET"])
def dossier_evidence_download(request, dossier_id: int, file_id: int):
    """Stream an evidence file to someone who may see the dossier, always as a download."""
    dossier = _visible_dossier_or_404(request, dossier_id)
    evidence = _found_or_404(dossier_evidence_file_or_none(dossier=dossier, file_id=file_id))
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=evidence.content_type)
    response["Content-Disposition"] = content_disposition_header(True, evidence.original_name)
    response["Content-Length"] = str(evidence.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["POST"])
def dossier_submit(request, dossier_id: int):
    dossier = _own_dossier_or_404(request, dossier_id)
    try:
        submitted = services.dossier_submit(dossier=dossier, actor=request.user)
    except RatingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã nộp hồ sơ. Xã/phường sẽ kiểm tra trước ngày %(deadline)s.")
                         % {"deadline": submitted.commune_deadline.strftime("%d/%m/%Y")})
    return redirect("ocop_rating:dossier_detail", dossier_id=dossier.pk)


# --- commune officer ------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET"])
def commune_queue(request):
    """Dossiers waiting for the officer's communes, nearest deadline first, and the ones they handled lately."""
    refusal = _list_page_refusal(request, roles.COMMUNE_OFFICER)
    if refusal is not None:
        return refusal
    today = timezone.localdate()
    rows = []
    for dossier in commune_queue_dossiers(user=request.user):
        left = working_days_between(today, dossier.commune_deadline)
        rows.append({"dossier": dossier, "ward": ward_name(dossier.ward_code), "days_left": left,
                     "overdue": dossier.commune_deadline < today})
    handled = dossier_events_handled_by(user=request.user, limit=RECENTLY_HANDLED)
    return render(request, "ocop_rating/portal/commune/queue.html",
                  {"rows": rows, "handled": handled, "today": today})


@login_required
@require_http_methods(["GET", "POST"])
def commune_check(request, dossier_id: int):
    """The commune's check: forward with the four local items of Mẫu 03, or return with a reason."""
    dossier = _commune_dossier_or_404(request, dossier_id)
    forward_form, return_form = CommuneForwardForm(), CommuneReturnForm()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "forward":
            forward_form = CommuneForwardForm(request.POST)
            if forward_form.is_valid():
                try:
                    dossier_commune_forward(dossier=dossier, check=forward_form.check(), actor=request.user)
                except RatingError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("Đã chuyển hồ sơ #%(pk)s lên tỉnh.") % {"pk": dossier.pk})
                    return redirect("ocop_rating:commune_queue")
        elif action == "return":
            return_form = CommuneReturnForm(request.POST)
            if return_form.is_valid():
                try:
                    dossier_commune_return(dossier=dossier, reason=return_form.cleaned_data["reason"],
                                           actor=request.user)
                except RatingError as exc:
                    messages.error(request, exc.message)
                else:
                    messages.success(request, _("Đã trả hồ sơ #%(pk)s cho chủ thể.") % {"pk": dossier.pk})
                    return redirect("ocop_rating:commune_queue")
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    context = _summary_context(request, dossier)
    today = timezone.localdate()
    context.update({
        "forward_form": forward_form,
        "return_form": return_form,
        "pending": dossier.status == Dossier.Status.SUBMITTED,
        "days_left": working_days_between(today, dossier.commune_deadline) if dossier.commune_deadline else None,
        "overdue": bool(dossier.commune_deadline and dossier.commune_deadline < today),
        "active_action": request.POST.get("action", "") if request.method == "POST" else "",
    })
    return render(request, "ocop_rating/portal/commune/check.html", context)


# --- the portal home --------------------------------------------------------------------------------


def home_context(request) -> dict:
    """What the portal's home shows of this area to request.user (rendered by portal/_home_dossiers.html)."""
    held = roles.user_roles(request.user)
    context: dict = {}
    if roles.PRODUCER in held:
        open_dossiers = dossiers_open_of_producer_staff(user=request.user)
        context["producer"] = {
            "rows": [{"dossier": d, "next_step": NEXT_STEPS.get(d.status, "")} for d in open_dossiers],
            "create_url": reverse("ocop_rating:dossier_create"),
            "list_url": reverse("ocop_rating:dossier_list"),
        }
    if roles.COMMUNE_OFFICER in held:
        waiting = commune_waiting_summary(user=request.user)
        first = waiting.nearest
        today = timezone.localdate()
        context["commune"] = {
            "waiting": waiting.count,
            "nearest_deadline": first.commune_deadline if first else None,
            "overdue": bool(first and first.commune_deadline < today),
            "days_left": working_days_between(today, first.commune_deadline) if first else None,
            "queue_url": reverse("ocop_rating:commune_queue"),
        }
    return context
