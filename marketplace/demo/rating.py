"""The rating portal's demo: one account per role, and rounds, dossiers and results made through the services.

Every step is taken by the demo account holding the role, so the dossier history, the audit trail and
the certificate events are the ones a real run would write. Dates are fixed around the demo catalogue's
REFERENCE_DATE where a service accepts one (round opening, decision, issue); what the services stamp
themselves (creation, submission, the commune's deadline) is the moment of the load.

Idempotent by natural keys: a round by (province, name), a dossier by (product, kind), the paper-era
certificate by (product, decision number). Whatever is found is left exactly as it is, so what people
do while trying the demo (scoring a sheet, forwarding a dossier) is never undone by a second run.
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from PIL import Image, ImageDraw

from catalog.models import Product
from marketplace.demo import catalogue_data as data
from marketplace.demo.catalogue import DemoUser, LoadSummary
from marketplace.producers.models import Producer
from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.certificates.services import certificate_issue
from ocop_rating.council.services import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
    scorecard_save_entry,
    scorecard_submit,
)
from ocop_rating.dossiers.services import (
    CommuneCheck,
    dossier_commune_forward,
    dossier_commune_return,
    dossier_create,
    dossier_self_assessment_set,
    dossier_sheet,
    dossier_submit,
    evidence_file_add,
)
from ocop_rating.models import (
    CommuneOfficer,
    CriteriaVersion,
    Criterion,
    Dossier,
    EvaluationRound,
    Option,
)
from ocop_rating.results.services import result_finalise, result_record_decision, round_finalise

# Demo-only credentials, printed by load_demo_data: never load the demo into production.
DEMO_PASSWORD = "ocop-demo-2026"  # noqa: S105

PRODUCER_EMAIL = "chuthe@ocop.vn"
COMMUNE_OFFICER_EMAIL = "canbo.xa@ocop.vn"
SECRETARIAT_EMAIL = "vanphong.ocop@ocop.vn"
CHAIR_EMAIL = "chutich.hoidong@ocop.vn"
MEMBER_EMAILS = ("thanhvien1@ocop.vn", "thanhvien2@ocop.vn", "thanhvien3@ocop.vn", "thanhvien4@ocop.vn")
SIGNER_EMAIL = "nguoiky@ocop.vn"


def _user(email: str, first_name: str, last_name: str, role: str) -> DemoUser:
    return DemoUser(email=email, password=DEMO_PASSWORD, first_name=first_name, last_name=last_name, groups=(role,))


# (what the account does, the account); the name is family + middle name, then the given name.
RATING_DEMO_ACCOUNTS: tuple[tuple[str, DemoUser], ...] = (
    ("producer", _user(PRODUCER_EMAIL, "Mai Thị", "Hằng", roles.PRODUCER)),
    ("commune officer", _user(COMMUNE_OFFICER_EMAIL, "Lê Văn", "Toàn", roles.COMMUNE_OFFICER)),
    ("secretariat", _user(SECRETARIAT_EMAIL, "Phạm Thị", "Thu Hà", roles.SECRETARIAT)),
    ("council chair", _user(CHAIR_EMAIL, "Trịnh Văn", "Sơn", roles.COUNCIL_CHAIR)),
    ("council member", _user(MEMBER_EMAILS[0], "Hoàng Minh", "Đức", roles.COUNCIL_MEMBER)),
    ("council member", _user(MEMBER_EMAILS[1], "Vũ Thị", "Ngọc Anh", roles.COUNCIL_MEMBER)),
    ("council member", _user(MEMBER_EMAILS[2], "Đặng Quốc", "Bảo", roles.COUNCIL_MEMBER)),
    ("council member", _user(MEMBER_EMAILS[3], "Bùi Thị", "Mai", roles.COUNCIL_MEMBER)),
    ("decision signer", _user(SIGNER_EMAIL, "Lê Đức", "Giang", roles.DECISION_SIGNER)),
)
RATING_DEMO_USERS = [account for _, account in RATING_DEMO_ACCOUNTS]

# The demo producer account works for these two producers; the commune officer checks their communes.
PRODUCER_SLUGS = ("htx-coi-my-nghe-nga-son", "htx-nem-chua-hac-thanh")

REGISTRATIONS = {
    "htx-coi-my-nghe-nga-son": {
        "legal_representative_name": "Mai Thị Hằng",
        "legal_representative_gender": Dossier.Gender.FEMALE,
        "legal_representative_ethnicity": "Kinh",
        "business_registration_number": "2807000184",
        "sample_count": 5,
    },
    "htx-nem-chua-hac-thanh": {
        "legal_representative_name": "Lê Văn Cường",
        "legal_representative_gender": Dossier.Gender.MALE,
        "legal_representative_ethnicity": "Kinh",
        "business_registration_number": "2807000057",
        "sample_count": 5,
    },
}


@dataclass(frozen=True)
class LegacyCertificate:
    """A certificate from before the portal, entered from the paper register (no dossier, no actor)."""

    upc: str
    stars: int
    score: str
    decision_number: str
    decision_date: datetime.date
    criteria_version: str


# Issued 14 May 2024, valid until 14 May 2027: on REFERENCE_DATE it is 167 days from expiry, inside the
# window in which the re-evaluation dossier is filed (180 to 120 days before expiry).
EXPIRING_CERTIFICATE = LegacyCertificate(
    upc="OCOP-TH-0003", stars=4, score="74.25", decision_number="1912/QĐ-UBND",
    decision_date=datetime.date(2024, 5, 14), criteria_version="QD148-2023",
)


@dataclass(frozen=True)
class DossierPlan:
    """One product's application: the producer self-assesses ``total`` points meeting the ``level``★ minimums."""

    upc: str
    kind: str
    total: int
    level: int


@dataclass(frozen=True)
class SheetWork:
    """How far one council seat got with a dossier's sheet: untouched, a draft of some leaves, or submitted."""

    offset: int = 0
    submitted: bool = True
    leaves_done: int | None = None  # a draft: how many leaves are scored


UNTOUCHED = None
DRAFT = SheetWork(submitted=False, leaves_done=12)


@dataclass(frozen=True)
class RoundPlan:
    name: str
    opens_on: datetime.date
    # dossier → the chair's and the four members' sheets, in seat order
    dossiers: tuple[tuple[DossierPlan, tuple[SheetWork | None, ...]], ...]
    finalise: bool = False
    decision_number: str = ""
    decision_date: datetime.date | None = None


ALL_SUBMITTED = (SheetWork(0), SheetWork(2), SheetWork(-2), SheetWork(3), SheetWork(-1))

FINALISED_ROUND = RoundPlan(
    name="Đợt 1 năm 2026",
    opens_on=datetime.date(2026, 9, 14),
    dossiers=(
        (DossierPlan("OCOP-TH-0020", Dossier.Kind.FIRST, 78, 4), ALL_SUBMITTED),  # → 4★, certificate
        (DossierPlan("OCOP-TH-0019", Dossier.Kind.RE_EVALUATION, 62, 3), ALL_SUBMITTED),  # → 3★, certificate
        (DossierPlan("OCOP-TH-0004", Dossier.Kind.UPGRADE, 93, 5), ALL_SUBMITTED),  # → 5★, proposed to central
    ),
    finalise=True,
    decision_number="4718/QĐ-UBND",
    decision_date=datetime.date(2026, 11, 20),
)

SCORING_ROUND = RoundPlan(
    name="Đợt 2 năm 2026",
    opens_on=datetime.date(2026, 11, 23),
    dossiers=(
        (DossierPlan("OCOP-TH-0016", Dossier.Kind.UPGRADE, 82, 4),
         (SheetWork(0), SheetWork(2), DRAFT, SheetWork(-3), UNTOUCHED)),
        (DossierPlan("OCOP-TH-0018", Dossier.Kind.UPGRADE, 74, 4),
         (DRAFT, SheetWork(1), UNTOUCHED, UNTOUCHED, UNTOUCHED)),
    ),
)

# Before any round: a draft, one waiting for the commune, one returned, one forwarded waiting for a round.
DRAFT_DOSSIER = DossierPlan("OCOP-TH-0003", Dossier.Kind.RE_EVALUATION, 76, 4)
SUBMITTED_DOSSIER = DossierPlan("OCOP-TH-0017", Dossier.Kind.UPGRADE, 84, 4)
RETURNED_DOSSIER = DossierPlan("OCOP-TH-0002", Dossier.Kind.UPGRADE, 72, 4)
FORWARDED_DOSSIER = DossierPlan("OCOP-TH-0001", Dossier.Kind.UPGRADE, 86, 4)

RETURN_REASON = (
    "Phiếu kết quả kiểm nghiệm nộp kèm đã quá 12 tháng. Đề nghị bổ sung phiếu kiểm nghiệm mới theo tiêu chuẩn "
    "đã công bố và ảnh chụp nhãn sản phẩm đang lưu hành."
)
# The commune's notes on the four local items (Mẫu 03) when it forwards a dossier, per producer.
FORWARD_CHECKS = {
    "htx-coi-my-nghe-nga-son": CommuneCheck(
        local_raw_materials_ok=True, local_labour_ok=True, idea_origin_ok=True, local_identity_ok=True,
        local_raw_materials_note="Cói trồng trên vùng bãi bồi ven biển của xã, có sổ theo dõi thu mua.",
        local_labour_note="Hơn 80 thợ dệt là người trong xã, phần lớn là phụ nữ.",
        local_identity_note="Nghề dệt chiếu cói Nga Sơn có từ hàng trăm năm.",
    ),
    "htx-nem-chua-hac-thanh": CommuneCheck(
        local_raw_materials_ok=True, local_labour_ok=True, idea_origin_ok=True, local_identity_ok=True,
        local_raw_materials_note="Thịt lợn mua của các trang trại trong tỉnh, có hợp đồng và hóa đơn.",
        local_labour_note="12 lao động cư trú tại phường, có danh sách đóng bảo hiểm.",
    ),
}
MEMBER_COMMENTS = "Hồ sơ đầy đủ, minh chứng rõ ràng."


@dataclass
class Cast:
    """The demo accounts by role."""

    producer: object
    officer: object
    secretariat: object
    chair: object
    members: list
    signer: object


def _cast() -> Cast:
    users = {user.email.lower(): user for user in get_user_model().objects.filter(
        email__in=[account.email for account in RATING_DEMO_USERS],
    )}
    return Cast(
        producer=users[PRODUCER_EMAIL], officer=users[COMMUNE_OFFICER_EMAIL],
        secretariat=users[SECRETARIAT_EMAIL], chair=users[CHAIR_EMAIL],
        members=[users[email] for email in MEMBER_EMAILS], signer=users[SIGNER_EMAIL],
    )


def _workplaces_load(*, cast: Cast, summary: LoadSummary) -> None:
    """Make the producer account staff of the demo producers and the officer the officer of their communes."""
    for producer in Producer.objects.filter(slug__in=PRODUCER_SLUGS).select_related("partner"):
        linked = producer.partner.users.filter(pk=cast.producer.pk).exists()
        if not linked:
            producer.partner.users.add(cast.producer)
        summary.record("producer staff", created=not linked, updated=False)
        _, created = CommuneOfficer.objects.get_or_create(user=cast.officer, ward_code=producer.ward_code)
        summary.record("commune officers", created=created, updated=False)


def _product(upc: str) -> Product:
    return Product.objects.select_related("producer", "ocop_set").get(upc=upc)


def _expiring_certificate_load(*, summary: LoadSummary) -> None:
    spec = EXPIRING_CERTIFICATE
    product = _product(spec.upc)
    exists = Certificate.objects.filter(product=product, decision_number=spec.decision_number).exists()
    if not exists:
        certificate_issue(
            product=product, stars=spec.stars, decision_number=spec.decision_number,
            decision_date=spec.decision_date, issuing_level=Certificate.IssuingLevel.PROVINCE,
            criteria_version=CriteriaVersion.objects.get(code=spec.criteria_version),
            score_total=Decimal(spec.score),
            issued_on=spec.decision_date, actor=None,
        )
    summary.record("rating certificates", created=not exists, updated=False)


# ---------------------------------------------------------------------------------------------
# Points: a plan reaches the minimum options of a star level on every leaf, then climbs option by
# option, leaf after leaf, until the total is reached (so members' totals differ by a few points).
# ---------------------------------------------------------------------------------------------


def _leaves(dossier: Dossier) -> list[Criterion]:
    return list(
        Criterion.objects.filter(sheet=dossier_sheet(dossier), is_leaf=True).order_by("position")
        .prefetch_related("options")
    )


def _ladder(leaf: Criterion) -> list[tuple[Option | None, Decimal]]:
    if leaf.is_binary:
        return [(None, Decimal(0)), (None, leaf.max_points)]
    return [(option, option.points) for option in sorted(leaf.options.all(), key=lambda o: (o.points, o.position))]


def leaf_choices(leaves: list[Criterion], *, level: int, total: int) -> list[tuple[Criterion, Option | None, Decimal]]:
    """Choose an answer per leaf: every ``level``★ minimum met, then raised until the sum reaches ``total``."""
    ladders = [_ladder(leaf) for leaf in leaves]
    steps = []
    for ladder in ladders:
        marked = [
            index for index, (option, _points) in enumerate(ladder)
            if option is not None and option.min_star is not None and option.min_star <= level
        ]
        steps.append(max(marked) if marked else 0)
    current = sum(ladder[step][1] for ladder, step in zip(ladders, steps, strict=True))
    climbing = True
    while current < total and climbing:
        climbing = False
        for index, ladder in enumerate(ladders):
            if current >= total:
                break
            if steps[index] + 1 < len(ladder):
                current += ladder[steps[index] + 1][1] - ladder[steps[index]][1]
                steps[index] += 1
                climbing = True
    return [(leaf, *ladder[step]) for leaf, ladder, step in zip(leaves, ladders, steps, strict=True)]


def _evidence_image(text: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 320), "white")
    ImageDraw.Draw(image).text((24, 24), text, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("minh-chung.png", buffer.getvalue(), content_type="image/png")


def _open_dossier_exists(product: Product, kind: str) -> bool:
    """True when the product already has this kind of dossier, or any dossier still being processed."""
    return Dossier.objects.filter(product=product).filter(
        Q(kind=kind) | ~Q(status__in=Dossier.CLOSED_STATUSES),
    ).exists()


def _dossier_prepare(*, plan: DossierPlan, cast: Cast, written: list[tuple], summary: LoadSummary,
                     leaves_done: int | None = None, submit: bool = True) -> Dossier | None:
    """Open the dossier as the producer, self-assess, attach evidence and submit it; None if it exists."""
    product = _product(plan.upc)
    if _open_dossier_exists(product, plan.kind):
        summary.record("rating dossiers", created=False, updated=False)
        return None
    actor = cast.producer
    dossier = dossier_create(product=product, kind=plan.kind, actor=actor,
                             registration=REGISTRATIONS[product.producer.slug])
    choices = leaf_choices(_leaves(dossier), level=plan.level, total=plan.total)
    for leaf, option, points in choices[:leaves_done]:
        dossier_self_assessment_set(
            dossier=dossier, criterion=leaf, actor=actor, option=option,
            points=points if option is None else None,
            evidence_note=f"Xem minh chứng kèm theo hồ sơ, mục {leaf.code}.",
        )
    if leaves_done is None:
        for kind, label in (("business_registration", "Giấy chứng nhận đăng ký"), ("test_reports", "Phiếu kiểm nghiệm")):
            evidence = evidence_file_add(dossier=dossier, kind=kind, actor=actor,
                                         uploaded_file=_evidence_image(f"{label} - {product.title}"))
            written.append((evidence.file.storage, evidence.file.name))
    summary.record("rating dossiers", created=True, updated=False)
    if submit and leaves_done is None:
        dossier = dossier_submit(dossier=dossier, actor=actor)
    return dossier


def _early_dossiers_load(*, cast: Cast, written: list[tuple], summary: LoadSummary) -> None:
    _dossier_prepare(plan=DRAFT_DOSSIER, cast=cast, written=written, summary=summary, leaves_done=14, submit=False)
    _dossier_prepare(plan=SUBMITTED_DOSSIER, cast=cast, written=written, summary=summary)
    returned = _dossier_prepare(plan=RETURNED_DOSSIER, cast=cast, written=written, summary=summary)
    if returned is not None:
        dossier_commune_return(dossier=returned, reason=RETURN_REASON, actor=cast.officer)
    forwarded = _dossier_prepare(plan=FORWARDED_DOSSIER, cast=cast, written=written, summary=summary)
    if forwarded is not None:
        dossier_commune_forward(dossier=forwarded, check=FORWARD_CHECKS[forwarded.producer.slug],
                                actor=cast.officer)


def _sheet_fill(*, dossier: Dossier, member, plan: DossierPlan, work: SheetWork) -> None:
    conflict_declare(dossier=dossier, has_conflict=False, actor=member)
    choices = leaf_choices(_leaves(dossier), level=plan.level, total=plan.total + work.offset)
    for leaf, option, points in choices[:work.leaves_done]:
        scorecard_save_entry(dossier=dossier, criterion=leaf, actor=member, option=option,
                             points=points if option is None else None)
    if work.submitted:
        scorecard_submit(dossier=dossier, actor=member, comments=MEMBER_COMMENTS)


def _round_load(*, plan: RoundPlan, cast: Cast, written: list[tuple], summary: LoadSummary) -> None:
    """Open the round, seat the council and secretary, assign the dossiers, score and, if planned, decide."""
    if EvaluationRound.objects.filter(province_code=data.THANH_HOA, name=plan.name).exists():
        summary.record("rating rounds", created=False, updated=False)
        return
    round_ = round_open(province_code=data.THANH_HOA, name=plan.name, opens_on=plan.opens_on,
                        actor=cast.secretariat)
    summary.record("rating rounds", created=True, updated=False)
    seats = [council_member_add(evaluation_round=round_, user=cast.chair, role="chair", actor=cast.secretariat)]
    seats += [council_member_add(evaluation_round=round_, user=member, role="member", actor=cast.secretariat)
              for member in cast.members]
    # The secretariat's officer keeps the minutes as the council's secretary (no sheet to score).
    council_member_add(evaluation_round=round_, user=cast.secretariat, role="secretary", actor=cast.secretariat)
    prepared = []
    for dossier_plan, sheets in plan.dossiers:
        dossier = _dossier_prepare(plan=dossier_plan, cast=cast, written=written, summary=summary)
        if dossier is None:
            continue
        dossier = dossier_commune_forward(dossier=dossier, check=FORWARD_CHECKS[dossier.producer.slug],
                                          actor=cast.officer)
        dossier_assign(evaluation_round=round_, dossier=dossier, actor=cast.secretariat)
        prepared.append((dossier, dossier_plan, sheets))
    round_ = round_scoring_start(evaluation_round=round_, actor=cast.secretariat)
    for dossier, dossier_plan, sheets in prepared:
        for seat, work in zip(seats, sheets, strict=True):
            if work is not UNTOUCHED:
                _sheet_fill(dossier=dossier, member=seat.user, plan=dossier_plan, work=work)
    if not plan.finalise:
        return
    for dossier, _plan, _sheets in prepared:
        result_finalise(dossier=dossier, actor=cast.chair)
    for dossier, _plan, _sheets in prepared:
        result = result_record_decision(
            dossier=dossier, actor=cast.signer, decision_number=plan.decision_number,
            decision_date=plan.decision_date, issued_on=plan.decision_date,
        )
        summary.record("rating certificates", created=result.certificate_id is not None, updated=False)
    round_finalise(evaluation_round=round_, actor=cast.chair)


def rating_demo_load(*, summary: LoadSummary, written: list[tuple]) -> None:
    """Load the rating workflow's demo (after the catalogue and the accounts, in the same transaction)."""
    cast = _cast()
    _workplaces_load(cast=cast, summary=summary)
    _expiring_certificate_load(summary=summary)
    _round_load(plan=FINALISED_ROUND, cast=cast, written=written, summary=summary)
    _round_load(plan=SCORING_ROUND, cast=cast, written=written, summary=summary)
    _early_dossiers_load(cast=cast, written=written, summary=summary)
