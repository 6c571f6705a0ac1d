"""Dossiers: the producer's application, self-assessment and evidence, and the commune's check.

Deadlines: the commune has 15 working days from submission (Decision 26/2026 Art. 7), counted on
Vietnam's calendar (``marketplace.core.working_days``: public holidays, the Tết break and the
government's extra days off and make-up working days skipped or counted).
A resubmission after the commune returned the dossier starts a new 15-working-day period.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

from marketplace.core.images import ImageRefused, image_reencoded
from marketplace.core.working_days import working_days_add
from ocop_rating.certificates.services import certificate_reevaluation_filed
from ocop_rating.dossiers.events import (
    dossier_created_event,
    dossier_moved_event,
    dossier_registration_edited_event,
    dossier_self_assessment_edited_event,
    evidence_file_added_event,
    evidence_file_removed_event,
)
from ocop_rating.models import (
    MAX_EVIDENCE_BYTES,
    CommuneAssessment,
    CriteriaVersion,
    Criterion,
    Dossier,
    EvidenceFile,
    Option,
    SelfAssessment,
    Sheet,
)
from ocop_rating.roles import user_is_commune_officer_of, user_is_producer_staff
from ocop_rating.workflow.events import PermissionRefused, WorkflowError, refusals_audited
from ocop_rating.workflow.transitions import StateMachine, transition

COMMUNE_WORKING_DAYS = 15
TOURISM_SET_NUMBER = 26  # a service: no product samples are sent

DOSSIER_MACHINE = StateMachine(label=gettext_lazy("hồ sơ"), allowed={
    Dossier.Status.DRAFT: (Dossier.Status.SUBMITTED,),
    Dossier.Status.SUBMITTED: (Dossier.Status.FORWARDED, Dossier.Status.RETURNED),
    Dossier.Status.RETURNED: (Dossier.Status.SUBMITTED,),
    Dossier.Status.FORWARDED: (Dossier.Status.IN_ROUND,),
    Dossier.Status.IN_ROUND: (Dossier.Status.FINALISED,),
    Dossier.Status.FINALISED: (Dossier.Status.RECOGNISED, Dossier.Status.PROPOSED_CENTRAL, Dossier.Status.NOT_RECOGNISED),
    Dossier.Status.PROPOSED_CENTRAL: (Dossier.Status.RECOGNISED, Dossier.Status.NOT_RECOGNISED),
})

REGISTRATION_FIELDS = (
    "legal_representative_name",
    "legal_representative_gender",
    "legal_representative_ethnicity",
    "contact_phone",
    "business_registration_number",
    "product_name",
    "sample_count",
)
REQUIRED_REGISTRATION_FIELDS = (
    "legal_representative_name",
    "legal_representative_gender",
    "legal_representative_ethnicity",
    "contact_phone",
    "product_name",
)


def dossier_registration_missing(*, dossier: Dossier) -> list[str]:
    """Return the names of the Mẫu 01 fields ``dossier`` still lacks to be submitted, in form order.

    The number of samples is required unless the product is a tourism service (set 26), which sends none.
    Reads ``dossier.product_set`` (select it with the dossier).
    """
    missing = [
        str(Dossier._meta.get_field(name).verbose_name)
        for name in REQUIRED_REGISTRATION_FIELDS if not getattr(dossier, name)
    ]
    if dossier.sample_count < 1 and dossier.product_set.number != TOURISM_SET_NUMBER:
        missing.append(str(Dossier._meta.get_field("sample_count").verbose_name))
    return missing


def criteria_version_current(*, on: datetime.date | None = None) -> CriteriaVersion:
    """Return the active criteria version in force on ``on`` (today by default)."""
    on = on or timezone.localdate()
    version = (
        CriteriaVersion.objects.filter(is_active=True, effective_from__lte=on).order_by("-effective_from").first()
    )
    if version is None:
        raise WorkflowError(_("Chưa có bộ tiêu chí nào đang áp dụng."))
    return version


def dossier_sheet(dossier: Dossier) -> Sheet:
    return Sheet.objects.select_related("version", "product_set").get(
        version_id=dossier.criteria_version_id, product_set_id=dossier.product_set_id,
    )


def dossier_transition(*, dossier: Dossier, to_status: str, actor, note: str = "", **changes) -> Dossier:
    """Move a dossier to ``to_status`` (locked, checked against DOSSIER_MACHINE, one timeline event)."""
    return transition(
        dossier, machine=DOSSIER_MACHINE, to_status=to_status,
        event=lambda locked, from_status: dossier_moved_event(locked, from_status, actor=actor, note=note),
        **changes,
    )


def _locked_editable(dossier: Dossier, actor) -> Dossier:
    locked = Dossier.objects.select_for_update().select_related("producer__partner").get(pk=dossier.pk)
    if not user_is_producer_staff(actor, locked.producer):
        raise PermissionRefused(_("Bạn không phải là người của chủ thể sở hữu hồ sơ này."))
    if locked.status not in Dossier.EDITABLE_STATUSES:
        raise WorkflowError(
            _("Hồ sơ đang ở trạng thái “%(status)s”, không thể sửa.") % {"status": locked.get_status_display()}
        )
    return locked


@refusals_audited("dossier_create")
def dossier_create(*, product, kind: str, actor, product_set=None, registration: dict | None = None) -> Dossier:
    """Open a draft dossier for ``product``; the set defaults to the product's, the criteria to the current version.

    ``registration`` may carry the Mẫu 01 fields (REGISTRATION_FIELDS).
    """
    producer = product.producer
    if producer is None or not user_is_producer_staff(actor, producer):
        raise PermissionRefused(_("Bạn chỉ được đăng ký đánh giá sản phẩm của chủ thể mình."))
    if kind not in Dossier.Kind.values:
        raise WorkflowError(_("Loại đánh giá không hợp lệ."))
    product_set = product_set or product.ocop_set
    if product_set is None:
        raise WorkflowError(_("Sản phẩm chưa được xếp vào bộ sản phẩm OCOP nào."))
    if kind != Dossier.Kind.FIRST and not product.certificates.exists():
        raise WorkflowError(_("Sản phẩm chưa từng được công nhận OCOP: chỉ có thể đăng ký đánh giá lần đầu."))
    if Dossier.objects.filter(product=product).exclude(status__in=Dossier.CLOSED_STATUSES).exists():
        raise WorkflowError(_("Sản phẩm này đã có một hồ sơ đang xử lý."))
    version = criteria_version_current()
    if not Sheet.objects.filter(version=version, product_set=product_set).exists():
        raise WorkflowError(
            _("Bộ tiêu chí %(version)s chưa có phiếu cho bộ sản phẩm này.") % {"version": version.code}
        )
    fields = _registration_clean(registration or {})
    if kind != Dossier.Kind.FIRST:
        fields["previous_certificate"] = product.certificates.order_by("-issued_on", "-pk").first()
    fields.setdefault("product_name", product.title[:255])
    fields.setdefault("contact_phone", producer.phone)
    dossier = Dossier.objects.create(
        product=product, producer=producer, kind=kind, product_set=product_set, criteria_version=version,
        province_code=producer.province_code, ward_code=producer.ward_code, created_by=actor, **fields,
    )
    dossier_created_event(dossier=dossier, actor=actor)
    return dossier


def _registration_clean(registration: dict) -> dict:
    unknown = set(registration) - set(REGISTRATION_FIELDS)
    if unknown:
        raise WorkflowError(_("Trường không có trong phiếu đăng ký: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    cleaned = dict(registration)
    gender = cleaned.get("legal_representative_gender")
    if gender and gender not in Dossier.Gender.values:
        raise WorkflowError(_("Giới tính không hợp lệ."))
    if "sample_count" in cleaned:
        count = cleaned["sample_count"]
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise WorkflowError(_("Số lượng mẫu phải là số nguyên không âm."))
    return cleaned


@refusals_audited("dossier_registration_set")
def dossier_registration_set(*, dossier: Dossier, registration: dict, actor) -> Dossier:
    """Update the Mẫu 01 registration fields of a draft or returned dossier."""
    locked = _locked_editable(dossier, actor)
    cleaned = _registration_clean(registration)
    changed = [name for name, value in cleaned.items() if getattr(locked, name) != value]
    if not changed:
        return locked
    for name in changed:
        setattr(locked, name, cleaned[name])
    locked.save(update_fields=changed)
    dossier_registration_edited_event(dossier=locked, actor=actor, fields=changed)
    return locked


def leaf_choice_check(*, sheet: Sheet, criterion: Criterion, option: Option | None,
                  points: Decimal | None) -> tuple[Option | None, Decimal]:
    """Return the option and points for a leaf after checking them against the sheet."""
    if criterion.sheet_id != sheet.pk:
        raise WorkflowError(
            _("Tiêu chí %(code)s thuộc phiếu khác, không thuộc phiếu của hồ sơ này.") % {"code": criterion.code}
        )
    if not criterion.is_leaf:
        raise WorkflowError(_("Tiêu chí %(code)s không phải là tiêu chí chấm điểm.") % {"code": criterion.code})
    if criterion.is_binary:
        if option is not None:
            raise WorkflowError(_("Tiêu chí %(code)s chỉ chấm đạt/không đạt.") % {"code": criterion.code})
        allowed = {Decimal(0), criterion.max_points}
        if points is None or Decimal(str(points)) not in allowed:
            raise WorkflowError(
                _("Tiêu chí %(code)s chỉ được 0 hoặc %(max)s điểm.")
                % {"code": criterion.code, "max": _points_text(criterion.max_points)}
            )
        return None, Decimal(str(points))
    if option is None and points is not None:
        option = criterion.options.filter(points=Decimal(str(points))).order_by("position").first()
        if option is None:
            allowed = ", ".join(_points_text(p) for p in sorted(set(criterion.options.values_list("points", flat=True))))
            raise WorkflowError(
                _("Điểm %(points)s không phải là một phương án của tiêu chí %(code)s (chỉ được chọn: %(allowed)s).")
                % {"points": _points_text(Decimal(str(points))), "code": criterion.code, "allowed": allowed}
            )
    if option is None:
        raise WorkflowError(_("Hãy chọn một phương án cho tiêu chí %(code)s.") % {"code": criterion.code})
    if option.criterion_id != criterion.pk:
        raise WorkflowError(
            _("Phương án đã chọn không thuộc tiêu chí %(code)s.") % {"code": criterion.code}
        )
    if points is not None and Decimal(str(points)) != option.points:
        raise WorkflowError(
            _("Điểm %(points)s không khớp với phương án đã chọn (%(option)s điểm).")
            % {"points": _points_text(Decimal(str(points))), "option": _points_text(option.points)}
        )
    return option, option.points


def _points_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class AssessmentChoice:
    """The producer's own score on one leaf: an option, or points (0 or the maximum) on a binary leaf."""

    criterion: Criterion
    option: Option | None = None
    points: Decimal | None = None
    evidence_note: str = ""


def _self_assessment_write(*, dossier: Dossier, sheet: Sheet, choice: AssessmentChoice) -> SelfAssessment:
    option, checked = leaf_choice_check(sheet=sheet, criterion=choice.criterion, option=choice.option,
                                        points=choice.points)
    row, _created = SelfAssessment.objects.update_or_create(
        dossier=dossier, criterion=choice.criterion,
        defaults={"option": option, "points": checked, "evidence_note": choice.evidence_note.strip()},
    )
    return row


@refusals_audited("dossier_self_assessment_set")
def dossier_self_assessment_set(*, dossier: Dossier, criterion: Criterion, actor, option: Option | None = None,
                                points: Decimal | None = None, evidence_note: str = "") -> SelfAssessment:
    """Record the producer's own score on one leaf (an option, or 0/max for a binary leaf)."""
    choice = AssessmentChoice(criterion=criterion, option=option, points=points, evidence_note=evidence_note)
    return _self_assessment_save(dossier=dossier, choices=[choice], actor=actor)[0]


@refusals_audited("dossier_self_assessment_set")
def dossier_self_assessment_save(*, dossier: Dossier, choices: list[AssessmentChoice], actor) -> list[SelfAssessment]:
    """Record several leaves of the self-assessment at once: all of them or, on any refusal, none; one event."""
    return _self_assessment_save(dossier=dossier, choices=choices, actor=actor)


def _self_assessment_save(*, dossier: Dossier, choices: list[AssessmentChoice], actor) -> list[SelfAssessment]:
    locked = _locked_editable(dossier, actor)
    if not choices:
        return []
    sheet = dossier_sheet(locked)
    rows = [_self_assessment_write(dossier=locked, sheet=sheet, choice=choice) for choice in choices]
    dossier_self_assessment_edited_event(dossier=locked, actor=actor, criteria=[c.criterion.code for c in choices])
    return rows


EVIDENCE_TYPES = {"PDF": ("application/pdf", "pdf"), "JPEG": ("image/jpeg", "jpg"), "PNG": ("image/png", "png")}
# A phone's JPEG often carries extra pictures (depth map, preview) and reads as MPO: a JPEG all the same.
EVIDENCE_IMAGE_FORMATS = frozenset({"JPEG", "MPO", "PNG"})


@dataclass(frozen=True)
class CheckedUpload:
    content: bytes
    content_type: str
    extension: str
    sha256: str


def evidence_file_validate(*, uploaded_file) -> CheckedUpload:
    """Accept only a PDF, JPEG or PNG of at most 10 MB, recognised by its content (not its name).

    A PDF must parse, not be encrypted and carry no script, launch action or attached file; a photo
    is stored re-encoded, upright and without EXIF (no GPS position of the producer's premises).
    """
    size = getattr(uploaded_file, "size", None)
    if size is not None and size > MAX_EVIDENCE_BYTES:
        raise WorkflowError(_("Tệp quá lớn: tối đa 10 MB."))
    uploaded_file.seek(0)
    content = uploaded_file.read(MAX_EVIDENCE_BYTES + 1)
    if len(content) > MAX_EVIDENCE_BYTES:
        raise WorkflowError(_("Tệp quá lớn: tối đa 10 MB."))
    if not content:
        raise WorkflowError(_("Tệp rỗng."))
    if content.startswith(b"%PDF-"):
        kind = "PDF"
        refusal = pdf_refusal(content)
        if refusal:
            raise WorkflowError(refusal)
    elif _image_format(content) in EVIDENCE_IMAGE_FORMATS:
        try:
            reencoded = image_reencoded(content, formats=EVIDENCE_IMAGE_FORMATS)
        except ImageRefused as exc:
            raise WorkflowError(exc.messages[0]) from exc
        kind, content = reencoded.format, reencoded.content
        if len(content) > MAX_EVIDENCE_BYTES:
            raise WorkflowError(_("Tệp quá lớn: tối đa 10 MB."))
    else:
        raise WorkflowError(_("Chỉ nhận tệp PDF, JPEG hoặc PNG: nội dung tệp này không phải một trong các loại đó."))
    content_type, extension = EVIDENCE_TYPES[kind]
    return CheckedUpload(content=content, content_type=content_type, extension=extension,
                         sha256=hashlib.sha256(content).hexdigest())


def _image_format(content: bytes) -> str | None:
    try:
        with Image.open(io.BytesIO(content)) as image:
            image_format = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    return image_format


# What an evidence PDF may not hold. Scripts and actions that start programs, open or fetch other
# files, or send form data run on the official's computer when the file is opened; attached files
# would carry content the PDF/JPEG/PNG check never saw. Plain links (/URI) and moves inside the
# document (/GoTo) are allowed: an evidence of a website or a table of contents needs them, and a
# viewer asks before following a link.
PDF_SCRIPT_KEYS = frozenset({"/JS", "/JavaScript", "/XFA"})
PDF_SCRIPT_ACTIONS = frozenset({"/JavaScript"})
PDF_OUTSIDE_ACTIONS = frozenset({"/Launch", "/GoToR", "/GoToE", "/SubmitForm", "/ImportData", "/RichMediaExecute"})
PDF_ATTACHMENT_KEYS = frozenset({"/EmbeddedFiles", "/EF", "/RichMedia"})
PDF_ATTACHMENT_NAMES = frozenset({"/EmbeddedFile", "/FileAttachment", "/RichMedia"})
PDF_MAX_OBJECTS = 500_000


def pdf_refusal(content: bytes) -> str | None:
    """Why the PDF may not be stored (translated), or None if it parses and holds nothing active."""
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            return _("Tệp PDF có mật khẩu hoặc được mã hóa: hãy tải lên bản không đặt mật khẩu.")
        if len(reader.pages) < 1:
            return _pdf_unreadable()
        return _pdf_active_content(reader)
    except Exception:  # a parser fed untrusted bytes: whatever breaks in it means unreadable
        return _pdf_unreadable()


def _pdf_unreadable() -> str:
    return _("Tệp PDF bị hỏng hoặc không đọc được: hãy xuất lại tệp PDF rồi tải lên.")


def _pdf_active_content(reader: PdfReader) -> str | None:
    """Walk every object reachable from the trailer (the catalog, pages, annotations, actions)."""
    stack: list = [reader.trailer]
    seen: set[tuple[int, int]] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            if len(seen) > PDF_MAX_OBJECTS:
                return _pdf_unreadable()
            stack.append(item.get_object())
        elif isinstance(item, DictionaryObject):
            keys = set(item.keys())
            values = {value for value in item.values() if isinstance(value, NameObject)}
            if keys & PDF_SCRIPT_KEYS or item.get("/S") in PDF_SCRIPT_ACTIONS:
                return _("Tệp PDF chứa mã JavaScript nên không được nhận: hãy in lại thành PDF thông thường "
                         "(In → Lưu thành PDF) rồi tải lên.")
            if item.get("/S") in PDF_OUTSIDE_ACTIONS:
                return _("Tệp PDF chứa lệnh mở chương trình hoặc tệp khác, hay gửi dữ liệu ra ngoài, nên không "
                         "được nhận: hãy in lại thành PDF thông thường (In → Lưu thành PDF) rồi tải lên.")
            if keys & PDF_ATTACHMENT_KEYS or values & PDF_ATTACHMENT_NAMES:
                return _("Tệp PDF có tệp đính kèm bên trong nên không được nhận: hãy tải từng tệp lên riêng.")
            stack.extend(item.values())
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return None


@refusals_audited("evidence_file_add")
def evidence_file_add(*, dossier: Dossier, kind: str, uploaded_file, actor) -> EvidenceFile:
    """Store a verified evidence file on a draft or returned dossier (stored under a random name)."""
    locked = _locked_editable(dossier, actor)
    return _evidence_store(dossier=locked, kind=kind, uploaded_file=uploaded_file, actor=actor)


@refusals_audited("evidence_statement_attach")
def evidence_statement_attach(*, dossier: Dossier, kind: str, content: bytes, file_name: str,
                              actor) -> EvidenceFile:
    """Attach a statement the marketplace generated (e.g. its sales statement, a PDF) as evidence, marked as such.

    Checked and stored exactly as an uploaded file (evidence_file_add's rules: the producer's staff, an
    editable dossier, the content check); it replaces the dossier's previous marketplace statement, so a
    dossier carries at most one, the latest.
    """
    locked = _locked_editable(dossier, actor)
    previous = list(locked.evidence.filter(generated_by_marketplace=True).order_by("pk"))
    evidence = _evidence_store(dossier=locked, kind=kind, uploaded_file=ContentFile(content, name=file_name),
                               actor=actor, generated_by_marketplace=True)
    for old in previous:
        _evidence_delete(dossier=locked, evidence=old, actor=actor)
    return evidence


def _evidence_store(*, dossier: Dossier, kind: str, uploaded_file, actor,
                    generated_by_marketplace: bool = False) -> EvidenceFile:
    """Check and store one evidence file of ``dossier`` (already locked and checked editable), with its event."""
    if kind not in EvidenceFile.Kind.values:
        raise WorkflowError(_("Loại minh chứng không hợp lệ."))
    checked = evidence_file_validate(uploaded_file=uploaded_file)
    original_name = (getattr(uploaded_file, "name", "") or "tep").rsplit("/", 1)[-1][:255]
    evidence = EvidenceFile(
        dossier=dossier, kind=kind, original_name=original_name, content_type=checked.content_type,
        size=len(checked.content), sha256=checked.sha256, uploaded_by=actor,
        generated_by_marketplace=generated_by_marketplace,
    )
    evidence.file.save(f"{uuid.uuid4().hex}.{checked.extension}", ContentFile(checked.content), save=False)
    evidence.save()
    evidence_file_added_event(evidence=evidence, actor=actor)
    return evidence


@refusals_audited("dossier_submit")
def dossier_submit(*, dossier: Dossier, actor) -> Dossier:
    """Submit a complete dossier to the commune; the commune's 15-working-day deadline starts."""
    locked = _locked_editable(dossier, actor)
    missing = dossier_registration_missing(dossier=locked)
    if missing:
        raise WorkflowError(_("Phiếu đăng ký còn thiếu: %(fields)s.") % {"fields": ", ".join(missing)})
    sheet = dossier_sheet(locked)
    unscored = list(
        Criterion.objects.filter(sheet=sheet, is_leaf=True)
        .exclude(pk__in=SelfAssessment.objects.filter(dossier=locked).values("criterion_id"))
        .order_by("position").values_list("code", flat=True)
    )
    if unscored:
        raise WorkflowError(_("Chưa tự chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(unscored)})
    if not locked.evidence.exists():
        raise WorkflowError(_("Hồ sơ cần ít nhất một tệp minh chứng."))
    now = timezone.now()
    submitted = dossier_transition(
        dossier=locked, to_status=Dossier.Status.SUBMITTED, actor=actor, note=_("nộp hồ sơ"),
        submitted_at=now,
        commune_deadline=working_days_add(timezone.localdate(now), COMMUNE_WORKING_DAYS),
    )
    if submitted.kind == Dossier.Kind.RE_EVALUATION and submitted.previous_certificate_id:
        certificate_reevaluation_filed(certificate=submitted.previous_certificate,
                                       filed_on=timezone.localdate(now), actor=actor)
    return submitted


@dataclass(frozen=True)
class CommuneCheck:
    """The four local items of Mẫu 03; an item that is not met must be explained in its note."""

    local_raw_materials_ok: bool
    local_labour_ok: bool
    idea_origin_ok: bool
    local_identity_ok: bool
    local_raw_materials_note: str = ""
    local_labour_note: str = ""
    idea_origin_note: str = ""
    local_identity_note: str = ""


def _locked_for_commune(dossier: Dossier, actor) -> Dossier:
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not user_is_commune_officer_of(actor, locked.ward_code):
        raise PermissionRefused(_("Chỉ cán bộ của xã/phường nơi nộp hồ sơ mới được xử lý hồ sơ này."))
    return locked


@refusals_audited("dossier_commune_forward")
def dossier_commune_forward(*, dossier: Dossier, check: CommuneCheck, actor) -> Dossier:
    """Record the commune's check of the four local items and forward the dossier to the province.

    Forwarding is the commune's proposal; an item judged not met does not block it but needs a note.
    """
    locked = _locked_for_commune(dossier, actor)
    labels = {
        "local_raw_materials": _("nguyên liệu địa phương"),
        "local_labour": _("lao động địa phương"),
        "idea_origin": _("nguồn gốc ý tưởng"),
        "local_identity": _("tính đặc trưng địa phương"),
    }
    unexplained = [
        str(label) for key, label in labels.items()
        if not getattr(check, f"{key}_ok") and not getattr(check, f"{key}_note").strip()
    ]
    if unexplained:
        raise WorkflowError(
            _("Hãy ghi rõ lý do cho các nội dung không đạt: %(items)s.") % {"items": ", ".join(unexplained)}
        )
    forwarded = dossier_transition(
        dossier=locked, to_status=Dossier.Status.FORWARDED, actor=actor, note=_("xã chuyển hồ sơ lên tỉnh"),
    )
    CommuneAssessment.objects.create(
        dossier=forwarded, officer=actor, assessed_on=timezone.localdate(),
        **{name: (value.strip() if isinstance(value, str) else value) for name, value in vars(check).items()},
    )
    return forwarded


@refusals_audited("dossier_commune_return")
def dossier_commune_return(*, dossier: Dossier, reason: str, actor) -> Dossier:
    """Return a submitted dossier to the producer with the reason (the producer fixes and resubmits)."""
    locked = _locked_for_commune(dossier, actor)
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError(_("Hãy ghi rõ lý do trả lại hồ sơ."))
    return dossier_transition(
        dossier=locked, to_status=Dossier.Status.RETURNED, actor=actor, note=reason, returned_reason=reason,
    )


@refusals_audited("evidence_file_remove")
def evidence_file_remove(*, dossier: Dossier, evidence: EvidenceFile, actor) -> None:
    """Delete an evidence file of a draft or returned dossier; the stored file goes once the deletion commits."""
    locked = _locked_editable(dossier, actor)
    if evidence.dossier_id != locked.pk:
        raise WorkflowError(_("Tệp minh chứng không thuộc hồ sơ này."))
    _evidence_delete(dossier=locked, evidence=evidence, actor=actor)


def _evidence_delete(*, dossier: Dossier, evidence: EvidenceFile, actor) -> None:
    storage, name = evidence.file.storage, evidence.file.name
    evidence_file_removed_event(evidence=evidence, dossier=dossier, actor=actor)
    EvidenceFile.objects.filter(pk=evidence.pk).delete()
    # After commit only: a rolled-back deletion must still find its file.
    transaction.on_commit(lambda: storage.delete(name) if name else None)
