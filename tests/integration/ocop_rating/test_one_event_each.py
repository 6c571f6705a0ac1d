"""The whole rating path, step by step: every transition, every refusal and every successful edit leaves
exactly one event in the audit trail (dossier timeline, audit trail or certificate history), and a step
that changes nothing leaves none.
"""

import datetime

import pytest

from ocop_rating.certificates.models import CertificateEvent
from ocop_rating.certificates.services import certificate_revoke
from ocop_rating.council.services import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
    scorecard_reopen,
    scorecard_sheet_save,
    scorecard_submit,
)
from ocop_rating.criteria.forms import LeafChoice
from ocop_rating.dossiers.services import (
    AssessmentChoice,
    dossier_commune_forward,
    dossier_commune_return,
    dossier_create,
    dossier_registration_set,
    dossier_self_assessment_save,
    dossier_submit,
    evidence_file_add,
    evidence_file_remove,
)
from ocop_rating.errors import RatingError
from ocop_rating.models import AuditEvent, DossierEvent, Scorecard
from ocop_rating.results.services import (
    result_compute,
    result_finalise,
    result_record_decision,
    round_finalise,
)
from tests.factories import THANH_HOA
from tests.rating import (
    PLAN_83,
    REGISTRATION,
    commune_check_all_ok,
    plan_points,
    png_upload,
    sheet_leaves,
)

pytestmark = pytest.mark.django_db


class Trail:
    """The events written since the last look, across the three histories, in order."""

    def __init__(self):
        self.marks = self._marks()

    @staticmethod
    def _marks():
        return tuple(model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
                     for model in (DossierEvent, AuditEvent, CertificateEvent))

    def new(self) -> list[tuple]:
        dossier_mark, audit_mark, certificate_mark = self.marks
        events = [
            *(("dossier", e.to_status, e.at, e.pk) for e in DossierEvent.objects.filter(pk__gt=dossier_mark)),
            *(("audit", f"{e.action}{' refused' if e.refused else ''}", e.at, e.pk)
              for e in AuditEvent.objects.filter(pk__gt=audit_mark)),
            *(("certificate", e.to_status, e.at, e.pk) for e in CertificateEvent.objects.filter(pk__gt=certificate_mark)),
        ]
        self.marks = self._marks()
        return sorted((kind, what) for kind, what, _at, _pk in events)


def _refused(call) -> None:
    with pytest.raises(RatingError):
        call()


def test_every_step_of_the_path_leaves_exactly_one_event(people, rating_product):
    trail = Trail()
    producer, officer, secretariat, chair = people.producer, people.officer, people.secretariat, people.chair

    # the producer files a dossier: created, edited, self-assessed, evidenced
    dossier = dossier_create(product=rating_product, kind="first", registration=REGISTRATION, actor=producer)
    assert trail.new() == [("dossier", "draft")]

    dossier_registration_set(dossier=dossier, registration={"legal_representative_name": "Lê Thị Hương"},
                             actor=producer)
    assert trail.new() == [("audit", "dossier_registration_set")]
    dossier_registration_set(dossier=dossier, registration={"legal_representative_name": "Lê Thị Hương"},
                             actor=producer)
    assert trail.new() == []  # nothing changed: no edit

    leaves = sheet_leaves(dossier)
    dossier_self_assessment_save(dossier=dossier, actor=producer, choices=[
        AssessmentChoice(criterion=leaf, points=plan_points(leaf, PLAN_83), evidence_note="có") for leaf in leaves.values()
    ])
    assert trail.new() == [("audit", "dossier_self_assessment_set")]

    evidence = evidence_file_add(dossier=dossier, kind="business_registration", uploaded_file=png_upload(),
                                 actor=producer)
    extra = evidence_file_add(dossier=dossier, kind="other", uploaded_file=png_upload("them.png"), actor=producer)
    assert trail.new() == [("audit", "evidence_file_add"), ("audit", "evidence_file_add")]
    evidence_file_remove(dossier=dossier, evidence=extra, actor=producer)
    assert trail.new() == [("audit", "evidence_file_remove")]
    assert evidence.pk

    # a refusal is one event, and changes nothing else
    _refused(lambda: dossier_submit(dossier=dossier, actor=people.outsider))
    assert trail.new() == [("audit", "dossier_submit refused")]

    # submitted, returned, resubmitted, forwarded: one timeline event each
    dossier = dossier_submit(dossier=dossier, actor=producer)
    assert trail.new() == [("dossier", "submitted")]
    dossier = dossier_commune_return(dossier=dossier, reason="Thiếu giấy phép", actor=officer)
    assert trail.new() == [("dossier", "returned")]
    dossier = dossier_submit(dossier=dossier, actor=producer)
    dossier = dossier_commune_forward(dossier=dossier, check=commune_check_all_ok(), actor=officer)
    assert trail.new() == [("dossier", "forwarded"), ("dossier", "submitted")]

    # the secretariat opens a round, seats the council, assigns, starts scoring
    evaluation_round = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026",
                                  opens_on=datetime.date(2026, 11, 2), actor=secretariat)
    assert trail.new() == [("audit", "round_open")]
    council_member_add(evaluation_round=evaluation_round, user=chair, role="chair", actor=secretariat)
    for member in people.members:
        council_member_add(evaluation_round=evaluation_round, user=member, role="member", actor=secretariat)
    assert trail.new() == [("audit", "council_member_add")] * 4
    _refused(lambda: council_member_add(evaluation_round=evaluation_round, user=chair, role="member",
                                        actor=secretariat))
    assert trail.new() == [("audit", "council_member_add refused")]
    dossier_assign(evaluation_round=evaluation_round, dossier=dossier, actor=secretariat)
    # a transition (the dossier enters the round) and an edit (its sheets are handed out)
    assert trail.new() == [("audit", "dossier_assign"), ("dossier", "in_round")]
    round_scoring_start(evaluation_round=evaluation_round, actor=secretariat)
    assert trail.new() == [("audit", "round_transition")]

    # members declare, score in one save each, submit
    scorers = [chair, *people.members]
    for scorer in scorers:
        conflict_declare(dossier=dossier, has_conflict=False, actor=scorer)
    assert trail.new() == [("audit", "conflict_declare")] * 4
    choices = [LeafChoice(criterion=leaf, option=None, points=plan_points(leaf, PLAN_83), knockout=False)
               for leaf in leaves.values()]
    for scorer in scorers:
        scorecard_sheet_save(dossier=dossier, choices=choices, actor=scorer)
    assert trail.new() == [("audit", "scorecard_save_entry")] * 4
    for scorer in scorers:
        scorecard_submit(dossier=dossier, actor=scorer)
    assert trail.new() == [("audit", "scorecard_transition")] * 4
    _refused(lambda: scorecard_submit(dossier=dossier, actor=chair))
    assert trail.new() == [("audit", "scorecard_submit refused")]

    # the chair reopens one sheet, its member corrects and submits again
    sheet = Scorecard.objects.get(assignment__dossier=dossier, assignment__member__user=people.members[0])
    scorecard_reopen(scorecard=sheet, note="Xem lại tiêu chí 4.1", actor=chair)
    assert trail.new() == [("audit", "scorecard_transition")]
    scorecard_sheet_save(dossier=dossier, choices=choices[:1], actor=people.members[0])
    scorecard_submit(dossier=dossier, actor=people.members[0])
    assert trail.new() == [("audit", "scorecard_save_entry"), ("audit", "scorecard_transition")]

    # the result is computed, then finalised: recomputed from the sheets (computed → computed), its four sheets
    # locked, the result and the dossier finalised; one event per transition
    result_compute(dossier=dossier, actor=chair)
    assert trail.new() == [("audit", "result_compute")]
    result_finalise(dossier=dossier, actor=chair)
    assert trail.new() == [
        *[("audit", "result_transition")] * 2, *[("audit", "scorecard_transition")] * 4, ("dossier", "finalised"),
    ]
    round_finalise(evaluation_round=evaluation_round, actor=chair)
    assert trail.new() == [("audit", "round_transition")]

    # the decision issues the certificate; revoking it is one more event
    result_record_decision(dossier=dossier, actor=people.signer, decision_number="4718/QĐ-UBND",
                           decision_date=datetime.date(2026, 11, 20), issued_on=datetime.date(2026, 11, 20))
    assert trail.new() == [("audit", "result_transition"), ("certificate", "active"), ("dossier", "recognised")]
    certificate = rating_product.certificates.get()
    certificate_revoke(certificate=certificate, reason="Vi phạm an toàn thực phẩm", decision_number="99/QĐ-UBND",
                       revoked_on=datetime.date(2026, 11, 30), actor=secretariat)
    assert trail.new() == [("certificate", "revoked")]
