"""Helpers of the rating workflow tests: a distinct user per role, a product of sheet #9, and plans.

Sheet #9 (nước mắm) of QD26-2026 has 31 leaves and 100 points. Plans below are the points a member
gives; every leaf not named gets its maximum. The fixtures ``people`` and ``rating_product`` (root
conftest) call ``people_make`` and ``rating_product_make``.
"""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.council.services import (
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
    dossier_create,
    dossier_self_assessment_set,
    dossier_submit,
    evidence_file_add,
)
from ocop_rating.errors import RatingError
from ocop_rating.models import (
    AuditEvent,
    CommuneOfficer,
    Criterion,
    Dossier,
    DossierEvent,
    EvaluationRound,
    EvidenceFile,
    Result,
    Scorecard,
    ScoreEntry,
    SelfAssessment,
)
from tests.factories import THANH_HOA, WARD_DONG_SON, ProductFactory, UserFactory

D = Decimal

# 100 − 17 = 83 (A 36, B 18, C 29); every 4★ minimum met, the 5★ minimum of 4.1 missed → 4★.
PLAN_83 = {"1.1": 3, "1.2": 1, "4.1": 3, "4.3": 0, "6.3": 2, "6.4": 2, "6.5": 2, "7": 3}
PLAN_81 = {**PLAN_83, "4.2": 1}
PLAN_FULL: dict[str, int] = {}
# Lowest option everywhere: A 9 + B 1 + C 5 = 15 → band 1.
PLAN_LOWEST = {
    "1.1": 1, "1.2": 1, "1.3": 1, "1.4": 0, "1.5": 1, "1.6": 0, "2.1": 0, "2.2": 0, "2.3": 1, "2.4": 0,
    "3.1": 1, "3.2": 0, "3.3": 1, "3.4": 1, "3.5": 1, "4.1": 1, "4.2": 0, "4.3": 0, "5.1": 0, "5.2": 0,
    "5.3": 0, "6.1": 0, "6.2": 0, "6.3": 0, "6.4": 0, "6.5": 0, "7": 0, "8": 2, "9": 1, "10": 1, "11": 1,
}


def user_with_roles(username: str, *role_names: str):
    user = UserFactory(username=username, first_name=username, last_name="")
    user.groups.add(*Group.objects.filter(name__in=role_names))
    return user


@dataclass
class People:
    producer: object
    officer: object
    secretariat: object
    chair: object
    members: list
    signer: object
    outsider: object
    spare_member: object

    def in_role(self, role: str):
        """The user of ``role`` (a field name; ``"member"`` is the first council member)."""
        return self.members[0] if role == "member" else getattr(self, role)


def people_make():
    officer = user_with_roles("canbo-xa", roles.COMMUNE_OFFICER)
    CommuneOfficer.objects.create(user=officer, ward_code=WARD_DONG_SON)
    return People(
        producer=user_with_roles("htx", roles.PRODUCER),
        officer=officer,
        secretariat=user_with_roles("van-phong-ocop", roles.SECRETARIAT),
        chair=user_with_roles("chu-tich", roles.COUNCIL_CHAIR),
        members=[user_with_roles(f"thanh-vien-{i}", roles.COUNCIL_MEMBER) for i in (1, 2, 3)],
        signer=user_with_roles("nguoi-ky", roles.DECISION_SIGNER),
        outsider=user_with_roles("nguoi-ngoai"),
        spare_member=user_with_roles("thanh-vien-du-bi", roles.COUNCIL_MEMBER),
    )


def rating_product_make(people):
    product = ProductFactory(title="Nước mắm Hải Thanh")
    product.producer.partner.users.add(people.producer)
    return product


REGISTRATION = {
    "legal_representative_name": "Lê Thị Hoa",
    "legal_representative_gender": "female",
    "legal_representative_ethnicity": "Kinh",
    "contact_phone": "+84912345678",
    "sample_count": 5,
}


def sheet_leaves(dossier) -> dict[str, Criterion]:
    return {
        c.code: c for c in Criterion.objects.filter(
            sheet__version=dossier.criteria_version, sheet__product_set=dossier.product_set, is_leaf=True,
        ).prefetch_related("options")
    }


def plan_points(criterion: Criterion, plan: dict) -> Decimal:
    return D(plan[criterion.code]) if criterion.code in plan else criterion.max_points


def png_upload(name="giay-dkkd.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def dossier_draft(product, people, *, plan=PLAN_83, kind=Dossier.Kind.FIRST):
    dossier = dossier_create(product=product, kind=kind, registration=REGISTRATION,
                             actor=people.producer)
    for leaf in sheet_leaves(dossier).values():
        dossier_self_assessment_set(dossier=dossier, criterion=leaf, points=plan_points(leaf, plan),
                                    evidence_note=f"minh chứng {leaf.code}", actor=people.producer)
    evidence_file_add(dossier=dossier, kind="business_registration", uploaded_file=png_upload(), actor=people.producer)
    return dossier


def dossier_forwarded(product, people, *, kind=Dossier.Kind.FIRST):
    dossier = dossier_submit(dossier=dossier_draft(product, people, kind=kind), actor=people.producer)
    return dossier_commune_forward(dossier=dossier, check=commune_check_all_ok(), actor=people.officer)


def commune_check_all_ok() -> CommuneCheck:
    return CommuneCheck(local_raw_materials_ok=True, local_labour_ok=True, idea_origin_ok=True,
                        local_identity_ok=True)


def dossier_in_scoring(product, people, *, kind=Dossier.Kind.FIRST):
    """A forwarded dossier in a round in scoring, assigned to the chair and three members."""
    dossier = dossier_forwarded(product, people, kind=kind)
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    for member in people.members:
        council_member_add(evaluation_round=round_, user=member, role="member", actor=people.secretariat)
    dossier_assign(evaluation_round=round_, dossier=dossier, actor=people.secretariat)
    round_ = round_scoring_start(evaluation_round=round_, actor=people.secretariat)
    return Dossier.objects.get(pk=dossier.pk), round_


def sheet_score(dossier, user, plan, *, submit=True):
    for leaf in sheet_leaves(dossier).values():
        scorecard_save_entry(dossier=dossier, criterion=leaf, points=plan_points(leaf, plan), actor=user)
    if submit:
        return scorecard_submit(dossier=dossier, actor=user)
    return None


def workflow_state():
    """Everything a refused call must leave untouched (refusal events excepted)."""
    return (
        list(Dossier.objects.order_by("pk").values_list("pk", "status", "round_id", "returned_reason")),
        list(DossierEvent.objects.values_list("pk", flat=True)),
        list(AuditEvent.objects.filter(refused=False).values_list("pk", flat=True)),
        list(SelfAssessment.objects.order_by("pk").values_list("pk", "option_id", "points")),
        list(EvidenceFile.objects.values_list("pk", flat=True)),
        list(Scorecard.objects.order_by("pk").values_list("pk", "status", "total")),
        list(ScoreEntry.objects.order_by("pk").values_list("pk", "option_id", "points", "knockout")),
        list(Result.objects.order_by("pk").values_list("pk", "status", "average", "star")),
        list(EvaluationRound.objects.order_by("pk").values_list("pk", "status")),
        list(Certificate.objects.values_list("pk", "status")),
    )


def assert_refused(call, *, message: str, actor, action: str) -> AuditEvent:
    """Then: the call raises ``message``, nothing changes, and one refusal is in the audit trail."""
    before = workflow_state()
    refusals = AuditEvent.objects.filter(refused=True).count()
    with pytest.raises(RatingError) as refused:
        call()
    assert refused.value.message == message
    assert workflow_state() == before
    assert AuditEvent.objects.filter(refused=True).count() == refusals + 1
    event = AuditEvent.objects.filter(refused=True).latest("pk")
    assert (event.actor, event.action, event.note) == (actor, action, f"từ chối: {message}")
    return event
