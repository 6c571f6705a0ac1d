"""The rating workflow through its services, with a distinct user per role (helpers in tests/rating.py)."""

import datetime
import hashlib
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import AnonymousUser, Group
from django.core.files.uploadedfile import SimpleUploadedFile

from catalog.models import ProductSet
from ocop_rating import roles
from ocop_rating.certificates.models import Certificate
from ocop_rating.council.selectors import scorecards_visible_to
from ocop_rating.council.services import (
    conflict_declare,
    council_member_add,
    dossier_assign,
    round_open,
    round_scoring_start,
    scorecard_reopen,
    scorecard_save_entry,
    scorecard_submit,
)
from ocop_rating.dossiers.services import (
    CommuneCheck,
    dossier_commune_forward,
    dossier_commune_return,
    dossier_create,
    dossier_self_assessment_set,
    dossier_submit,
    evidence_file_add,
)
from ocop_rating.errors import RatingError
from ocop_rating.models import (
    AuditEvent,
    CommuneAssessment,
    CommuneOfficer,
    CriteriaVersion,
    Criterion,
    Dossier,
    DossierEvent,
    Option,
    ProvincePolicy,
    Scorecard,
)
from ocop_rating.results.services import (
    result_compute,
    result_finalise,
    result_record_central_decision,
    result_record_central_refusal,
    result_record_decision,
    round_finalise,
)
from tests.factories import THANH_HOA, WARD_BIM_SON, WARD_DONG_SON
from tests.rating import (
    PLAN_81,
    PLAN_83,
    PLAN_FULL,
    PLAN_LOWEST,
    REGISTRATION,
    assert_refused,
    commune_check_all_ok,
    dossier_draft,
    dossier_forwarded,
    dossier_in_scoring,
    png_upload,
    sheet_leaves,
    sheet_score,
    user_with_roles,
)

pytestmark = pytest.mark.django_db
D = Decimal
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def product(rating_product):
    return rating_product


# ---------------------------------------------------------------------------------------------
# The whole path
# ---------------------------------------------------------------------------------------------


def test_whole_path_from_dossier_to_a_4_star_certificate_on_the_product(people, product):
    # Given a producer's product, the producer opens, fills and submits a dossier on Friday 27/11/2026
    dossier = dossier_draft(product, people)
    assert (dossier.status, dossier.product_set.number, dossier.criteria_version.code) == ("draft", 9, "QD26-2026")
    assert (dossier.product_name, dossier.ward_code, dossier.province_code) == (
        "Nước mắm Hải Thanh", WARD_DONG_SON, THANH_HOA,
    )
    with time_machine.travel(datetime.datetime(2026, 11, 27, 9, 0, tzinfo=VN), tick=False):
        dossier = dossier_submit(dossier=dossier, actor=people.producer)
    assert dossier.status == "submitted"
    assert dossier.commune_deadline == datetime.date(2026, 12, 18)

    # The commune returns it, the producer resubmits on Monday 30/11, the commune forwards it
    dossier = dossier_commune_return(dossier=dossier, reason="Thiếu bản công bố chất lượng", actor=people.officer)
    assert (dossier.status, dossier.returned_reason) == ("returned", "Thiếu bản công bố chất lượng")
    evidence_file_add(dossier=dossier, kind="quality_declaration", uploaded_file=png_upload("cong-bo.png"),
                      actor=people.producer)
    with time_machine.travel(datetime.datetime(2026, 11, 30, 8, 0, tzinfo=VN), tick=False):
        dossier = dossier_submit(dossier=dossier, actor=people.producer)
    assert dossier.commune_deadline == datetime.date(2026, 12, 21)
    dossier = dossier_commune_forward(
        dossier=dossier, actor=people.officer,
        check=CommuneCheck(local_raw_materials_ok=True, local_labour_ok=True, idea_origin_ok=True,
                           local_identity_ok=False, local_identity_note="Sản phẩm phổ biến nhiều nơi"),
    )
    assessment = CommuneAssessment.objects.get(dossier=dossier)
    assert (assessment.officer, assessment.local_identity_ok, assessment.local_identity_note) == (
        people.officer, False, "Sản phẩm phổ biến nhiều nơi",
    )

    # The secretariat opens a round with a council of four and assigns the dossier
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2 năm 2026", opens_on=datetime.date(2026, 11, 2),
                        actor=people.secretariat)
    assert (round_.quorum_numerator, round_.quorum_denominator, round_.max_spread) == (3, 4, D("10"))
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    for member in people.members:
        council_member_add(evaluation_round=round_, user=member, role="member", actor=people.secretariat)
    assignments = dossier_assign(evaluation_round=round_, dossier=dossier, actor=people.secretariat)
    assert len(assignments) == 4
    round_scoring_start(evaluation_round=round_, actor=people.secretariat)
    for member in people.members:
        conflict_declare(dossier=dossier, has_conflict=False, actor=member)

    # Each member scores blind and submits
    totals = {}
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
                       (people.members[2], PLAN_83)]:
        card = sheet_score(dossier, user, plan)
        totals[user.username] = (card.status, card.total, card.part_a, card.part_b, card.part_c)
    assert totals == {
        "chu-tich": ("submitted", D("83"), D("36"), D("18"), D("29")),
        "thanh-vien-1": ("submitted", D("81"), D("36"), D("16"), D("29")),
        "thanh-vien-2": ("submitted", D("81"), D("36"), D("16"), D("29")),
        "thanh-vien-3": ("submitted", D("83"), D("36"), D("18"), D("29")),
    }

    # The chair finalises: average 82.00, 4★, every sheet locked
    result = result_finalise(dossier=dossier, actor=people.chair)
    assert (result.status, result.average, result.band, result.cap, result.star) == ("finalised", D("82.00"), 4, 4, 4)
    assert (result.spread, result.eliminated, result.proposed_to_central, result.reasons) == (D("2"), False, False, [])
    assert [row["total"] for row in result.member_totals] == ["83.00", "81.00", "81.00", "83.00"]
    assert set(Scorecard.objects.filter(assignment__dossier=dossier).values_list("status", flat=True)) == {"locked"}

    # The signer records the provincial decision: a 4★ certificate becomes the product's badge
    result = result_record_decision(dossier=dossier, decision_number="1234/QĐ-UBND",
                                    decision_date=datetime.date(2026, 12, 10), actor=people.signer)
    assert result.status == "decided"
    certificate = result.certificate
    assert (certificate.stars, certificate.issuing_level, certificate.decision_number, certificate.score_total) == (
        4, "province", "1234/QĐ-UBND", D("82.00"),
    )
    assert (certificate.issued_on, certificate.criteria_version.code) == (datetime.date(2026, 12, 10), "QD26-2026")
    product.refresh_from_db()
    assert product.valid_certificate == certificate
    assert product.valid_certificate.stars == 4

    # The round closes; the dossier's history tells the whole story
    assert round_finalise(evaluation_round=round_, actor=people.chair).status == "finalised"
    assert list(DossierEvent.objects.filter(dossier=dossier).order_by("pk").values_list("to_status", flat=True)) == [
        "draft", "submitted", "returned", "submitted", "forwarded", "in_round", "finalised", "recognised",
    ]
    assert list(DossierEvent.objects.filter(dossier=dossier).order_by("pk").values_list("actor__username", flat=True)) == [
        "htx", "htx", "canbo-xa", "htx", "canbo-xa", "van-phong-ocop", "chu-tich", "nguoi-ky",
    ]
    assert not AuditEvent.objects.filter(refused=True).exists()


def test_five_star_result_is_proposed_to_central_and_certified_only_on_the_ministry_decision(people, product):
    # Given three members give full marks and the chair 95
    dossier, _round = dossier_in_scoring(product, people)
    for user in people.members:
        sheet_score(dossier, user, PLAN_FULL)
    sheet_score(dossier, people.chair, {"4.3": 0})
    result = result_finalise(dossier=dossier, actor=people.chair)
    assert (result.average, result.star, result.proposed_to_central) == (D("98.75"), 5, True)

    # When the signer records the provincial decision, then the dossier waits for the Ministry, without certificate
    result = result_record_decision(dossier=dossier, decision_number="88/QĐ-UBND",
                                    decision_date=datetime.date(2026, 12, 10), actor=people.signer)
    assert (result.status, result.certificate, result.decision_number) == ("proposed_central", None, "88/QĐ-UBND")
    assert Dossier.objects.get(pk=dossier.pk).status == "proposed_central"
    assert not Certificate.objects.exists()

    # When the Ministry's decision is recorded, then a central 5★ certificate is issued
    result = result_record_central_decision(dossier=dossier, decision_number="77/QĐ-BNNMT",
                                            decision_date=datetime.date(2027, 2, 1), actor=people.signer)
    assert (result.status, result.central_decision_number) == ("decided", "77/QĐ-BNNMT")
    assert (result.certificate.stars, result.certificate.issuing_level) == (5, "central")
    product.refresh_from_db()
    assert product.valid_certificate.stars == 5
    assert Dossier.objects.get(pk=dossier.pk).status == "recognised"


def test_central_result_below_90_is_recorded_only_by_the_signer_and_only_once_proposed(people, product):
    dossier, _round = dossier_in_scoring(product, people)
    for user in (people.chair, *people.members):
        sheet_score(dossier, user, PLAN_FULL)
    result_finalise(dossier=dossier, actor=people.chair)

    # Before the province's proposal, the central result cannot be recorded
    assert_refused(
        lambda: result_record_central_refusal(dossier=dossier, central_score=D("80"), decision_number="15/QĐ-UBND",
                                              decision_date=datetime.date(2027, 2, 15), actor=people.signer),
        message="Kết quả này chưa được đề nghị trung ương công nhận.", actor=people.signer,
        action="result_record_central_refusal",
    )
    result_record_decision(dossier=dossier, decision_number="88/QĐ-UBND", decision_date=datetime.date(2026, 12, 10),
                           actor=people.signer)
    # nor by the chair, nor with a score of 90 or more
    assert_refused(
        lambda: result_record_central_refusal(dossier=dossier, central_score=D("80"), decision_number="15/QĐ-UBND",
                                              decision_date=datetime.date(2027, 2, 15), actor=people.chair),
        message="Chỉ người ký quyết định được ghi nhận quyết định công nhận.", actor=people.chair,
        action="result_record_central_refusal",
    )
    assert_refused(
        lambda: result_record_central_refusal(dossier=dossier, central_score=D("90.00"), decision_number="15/QĐ-UBND",
                                              decision_date=datetime.date(2027, 2, 15), actor=people.signer),
        message="Điểm của hội đồng trung ương phải từ 0 đến dưới 90.", actor=people.signer,
        action="result_record_central_refusal",
    )

    # When the central council scored 55.5: a provincial 3★ certificate on that score
    result = result_record_central_refusal(dossier=dossier, central_score=D("55.5"), decision_number="15/QĐ-UBND",
                                           decision_date=datetime.date(2027, 2, 15), actor=people.signer)
    assert (result.status, result.central_score, result.certificate.stars, result.certificate.issuing_level,
            result.certificate.score_total) == ("decided", D("55.50"), 3, "province", D("55.50"))


def test_one_star_result_gets_a_decision_but_no_certificate(people, product):
    dossier, _round = dossier_in_scoring(product, people)
    for user in [people.chair, *people.members]:
        sheet_score(dossier, user, PLAN_LOWEST)
    result = result_finalise(dossier=dossier, actor=people.chair)
    assert (result.average, result.band, result.cap, result.star) == (D("15.00"), 1, 2, 1)

    result = result_record_decision(dossier=dossier, actor=people.signer)

    assert (result.status, result.certificate) == ("decided", None)
    assert Dossier.objects.get(pk=dossier.pk).status == "not_recognised"
    assert not Certificate.objects.exists()
    product.refresh_from_db()
    assert product.valid_certificate is None


def test_knock_out_flagged_by_most_members_eliminates_the_product(people, product):
    dossier, _round = dossier_in_scoring(product, people)
    leaf = sheet_leaves(dossier)["1.1"]
    for user in [people.chair, people.members[0], people.members[1]]:
        scorecard_save_entry(dossier=dossier, criterion=leaf, knockout=True, actor=user)
        card = scorecard_submit(dossier=dossier, actor=user)
        assert card.total == D("0")

    result = result_finalise(dossier=dossier, actor=people.chair)

    assert (result.eliminated, result.eliminated_leaf, result.star) == (True, "1.1", None)
    result_record_decision(dossier=dossier, actor=people.signer)
    assert Dossier.objects.get(pk=dossier.pk).status == "not_recognised"


def test_province_policy_is_copied_onto_new_rounds(people):
    ProvincePolicy.objects.create(province_code=THANH_HOA, quorum_numerator=2, quorum_denominator=3,
                                  max_spread=D("8"))
    round_ = round_open(province_code=THANH_HOA, name="Đợt 1 năm 2027", opens_on=datetime.date(2027, 3, 1),
                        actor=people.secretariat)
    assert (round_.quorum_numerator, round_.quorum_denominator, round_.max_spread) == (2, 3, D("8.00"))


# ---------------------------------------------------------------------------------------------
# Dossier and commune refusals
# ---------------------------------------------------------------------------------------------


def test_only_the_producers_staff_may_open_a_dossier(people, product):
    other_producer_user = user_with_roles("htx-khac", roles.PRODUCER)
    assert_refused(
        lambda: dossier_create(product=product, kind="first", actor=other_producer_user),
        message="Bạn chỉ được đăng ký đánh giá sản phẩm của chủ thể mình.", actor=other_producer_user,
        action="dossier_create",
    )
    assert not Dossier.objects.exists()


def test_anonymous_attempt_is_refused_without_an_audit_row(product):
    with pytest.raises(RatingError):
        dossier_create(product=product, kind="first", actor=AnonymousUser())
    assert not AuditEvent.objects.exists()


def test_second_open_dossier_for_a_product_is_refused(people, product):
    dossier_draft(product, people)
    assert_refused(
        lambda: dossier_create(product=product, kind="first", actor=people.producer),
        message="Sản phẩm này đã có một hồ sơ đang xử lý.", actor=people.producer, action="dossier_create",
    )


def test_upgrade_needs_an_earlier_certificate(people, product):
    assert_refused(
        lambda: dossier_create(product=product, kind="upgrade", actor=people.producer),
        message="Sản phẩm chưa từng được công nhận OCOP: chỉ có thể đăng ký đánh giá lần đầu.",
        actor=people.producer, action="dossier_create",
    )


def test_submit_refuses_an_incomplete_self_assessment(people, product):
    dossier = dossier_create(product=product, kind="first", registration=REGISTRATION, actor=people.producer)
    leaves = sheet_leaves(dossier)
    for code in ("1.1", "1.2"):
        dossier_self_assessment_set(dossier=dossier, criterion=leaves[code], points=leaves[code].max_points,
                                    actor=people.producer)
    missing = [c.code for c in sorted(leaves.values(), key=lambda c: c.position) if c.code not in ("1.1", "1.2")]
    assert_refused(
        lambda: dossier_submit(dossier=dossier, actor=people.producer),
        message="Chưa tự chấm các tiêu chí: " + ", ".join(missing) + ".", actor=people.producer,
        action="dossier_submit",
    )


def test_submit_refuses_missing_registration_fields_and_missing_evidence(people, product):
    dossier = dossier_create(product=product, kind="first", actor=people.producer)
    assert_refused(
        lambda: dossier_submit(dossier=dossier, actor=people.producer),
        message="Phiếu đăng ký còn thiếu: họ tên người đại diện theo pháp luật, giới tính, dân tộc, "
                "số lượng mẫu sản phẩm.",
        actor=people.producer, action="dossier_submit",
    )
    dossier = Dossier.objects.get()
    Dossier.objects.filter(pk=dossier.pk).update(**REGISTRATION)
    for leaf in sheet_leaves(dossier).values():
        dossier_self_assessment_set(dossier=dossier, criterion=leaf, points=leaf.max_points, actor=people.producer)
    assert_refused(
        lambda: dossier_submit(dossier=dossier, actor=people.producer),
        message="Hồ sơ cần ít nhất một tệp minh chứng.", actor=people.producer, action="dossier_submit",
    )


def test_self_assessment_refuses_points_that_are_not_an_option(people, product):
    dossier = dossier_create(product=product, kind="first", actor=people.producer)
    leaf = sheet_leaves(dossier)["1.1"]
    assert_refused(
        lambda: dossier_self_assessment_set(dossier=dossier, criterion=leaf, points=D("4"), actor=people.producer),
        message="Điểm 4 không phải là một phương án của tiêu chí 1.1 (chỉ được chọn: 1, 3, 5).",
        actor=people.producer, action="dossier_self_assessment_set",
    )


def test_evidence_with_a_fake_pdf_is_refused_and_nothing_is_stored(people, product):
    dossier = dossier_create(product=product, kind="first", actor=people.producer)
    fake = SimpleUploadedFile("giay-phep.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert_refused(
        lambda: evidence_file_add(dossier=dossier, kind="business_registration", uploaded_file=fake,
                                  actor=people.producer),
        message="Chỉ nhận tệp PDF, JPEG hoặc PNG: nội dung tệp này không phải một trong các loại đó.",
        actor=people.producer, action="evidence_file_add",
    )


def test_evidence_png_is_stored_under_a_random_name_with_its_digest(people, product):
    dossier = dossier_create(product=product, kind="first", actor=people.producer)
    upload = png_upload("ảnh giấy phép.png")
    evidence = evidence_file_add(dossier=dossier, kind="production_conditions", uploaded_file=upload,
                                 actor=people.producer)
    assert (evidence.original_name, evidence.content_type, evidence.size) == ("ảnh giấy phép.png", "image/png",
                                                                              upload.size)
    assert evidence.file.name.startswith(f"ocop/dossiers/{datetime.date.today().year}/")
    assert evidence.file.name.endswith(".png")
    upload.seek(0)
    assert evidence.sha256 == hashlib.sha256(upload.read()).hexdigest()
    # kept out of the published media directory: only the portal's permission-checked download serves it
    stored = Path(evidence.file.path)
    assert stored.is_relative_to(settings.PRIVATE_MEDIA_ROOT)
    assert not stored.is_relative_to(settings.MEDIA_ROOT)
    assert not Path(settings.MEDIA_ROOT, evidence.file.name).exists()


def test_commune_officer_of_another_ward_cannot_forward(people, product):
    dossier = dossier_submit(dossier=dossier_draft(product, people), actor=people.producer)
    elsewhere = user_with_roles("canbo-bim-son", roles.COMMUNE_OFFICER)
    CommuneOfficer.objects.create(user=elsewhere, ward_code=WARD_BIM_SON)
    assert_refused(
        lambda: dossier_commune_forward(dossier=dossier, check=commune_check_all_ok(), actor=elsewhere),
        message="Chỉ cán bộ của xã/phường nơi nộp hồ sơ mới được xử lý hồ sơ này.", actor=elsewhere,
        action="dossier_commune_forward",
    )


def test_commune_return_needs_a_reason_and_a_failed_item_needs_a_note(people, product):
    dossier = dossier_submit(dossier=dossier_draft(product, people), actor=people.producer)
    assert_refused(
        lambda: dossier_commune_return(dossier=dossier, reason="  ", actor=people.officer),
        message="Hãy ghi rõ lý do trả lại hồ sơ.", actor=people.officer, action="dossier_commune_return",
    )
    check = CommuneCheck(local_raw_materials_ok=False, local_labour_ok=True, idea_origin_ok=True,
                         local_identity_ok=True)
    assert_refused(
        lambda: dossier_commune_forward(dossier=dossier, check=check, actor=people.officer),
        message="Hãy ghi rõ lý do cho các nội dung không đạt: nguyên liệu địa phương.", actor=people.officer,
        action="dossier_commune_forward",
    )


def test_producer_cannot_edit_a_submitted_dossier(people, product):
    dossier = dossier_submit(dossier=dossier_draft(product, people), actor=people.producer)
    leaf = sheet_leaves(dossier)["1.2"]
    assert_refused(
        lambda: dossier_self_assessment_set(dossier=dossier, criterion=leaf, points=D("1"), actor=people.producer),
        message="Hồ sơ đang ở trạng thái “đã nộp, chờ xã kiểm tra”, không thể sửa.", actor=people.producer,
        action="dossier_self_assessment_set",
    )


# ---------------------------------------------------------------------------------------------
# Rounds and council refusals
# ---------------------------------------------------------------------------------------------


def test_only_the_secretariat_opens_rounds_and_assigns(people, product):
    assert_refused(
        lambda: round_open(province_code=THANH_HOA, name="Đợt lạ", opens_on=datetime.date(2026, 12, 1),
                           actor=people.chair),
        message="Chỉ cơ quan tham mưu OCOP cấp tỉnh được mở đợt đánh giá.", actor=people.chair,
        action="round_open",
    )
    dossier = dossier_forwarded(product, people)
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2", opens_on=datetime.date(2026, 12, 1),
                        actor=people.secretariat)
    event = assert_refused(
        lambda: dossier_assign(evaluation_round=round_, dossier=dossier, actor=people.members[0]),
        message="Chỉ cơ quan tham mưu OCOP cấp tỉnh được phân công chấm.", actor=people.members[0],
        action="dossier_assign",
    )
    assert (event.dossier, event.round) == (dossier, round_)


def test_a_chair_seat_needs_the_chair_role_and_only_one_chair(people):
    round_ = round_open(province_code=THANH_HOA, name="Đợt 2", opens_on=datetime.date(2026, 12, 1),
                        actor=people.secretariat)
    assert_refused(
        lambda: council_member_add(evaluation_round=round_, user=people.members[0], role="chair", actor=people.secretariat),
        message="Người này chưa được cấp vai trò chủ tịch hội đồng.", actor=people.secretariat,
        action="council_member_add",
    )
    council_member_add(evaluation_round=round_, user=people.chair, role="chair", actor=people.secretariat)
    second_chair = user_with_roles("chu-tich-2", roles.COUNCIL_CHAIR)
    assert_refused(
        lambda: council_member_add(evaluation_round=round_, user=second_chair, role="chair", actor=people.secretariat),
        message="Hội đồng đã có chủ tịch.", actor=people.secretariat, action="council_member_add",
    )


# ---------------------------------------------------------------------------------------------
# Scoring refusals ("Bad input and integrity")
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def scoring(people, product):
    dossier, round_ = dossier_in_scoring(product, people)
    return dossier, round_, sheet_leaves(dossier)


def test_score_outside_the_options_is_refused(people, scoring):
    dossier, _round, leaves = scoring
    member = people.members[0]
    sheet_score(dossier, member, PLAN_83, submit=False)
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], points=D("4"), actor=member),
        message="Điểm 4 không phải là một phương án của tiêu chí 1.1 (chỉ được chọn: 1, 3, 5).", actor=member,
        action="scorecard_save_entry",
    )
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["2.4"], points=D("0.5"), actor=member),
        message="Tiêu chí 2.4 chỉ được 0 hoặc 1 điểm.", actor=member, action="scorecard_save_entry",
    )
    option_1 = leaves["1.1"].options.get(points=D("1"))
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], option=option_1, points=D("3"),
                                     actor=member),
        message="Điểm 3 không khớp với phương án đã chọn (1 điểm).", actor=member, action="scorecard_save_entry",
    )


def test_option_or_criterion_of_another_sheet_is_refused(people, scoring):
    dossier, _round, leaves = scoring
    member = people.members[0]
    version = CriteriaVersion.objects.get(code="QD26-2026")
    other_leaf = Criterion.objects.get(sheet__version=version, sheet__product_set__number=8, code="1.1")
    other_option = Option.objects.filter(criterion=other_leaf).first()
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], option=other_option, actor=member),
        message="Phương án đã chọn không thuộc tiêu chí 1.1.", actor=member, action="scorecard_save_entry",
    )
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=other_leaf, option=other_option, actor=member),
        message="Tiêu chí 1.1 thuộc phiếu khác, không thuộc phiếu của hồ sơ này.", actor=member,
        action="scorecard_save_entry",
    )


def test_sheet_submitted_twice_and_editing_a_submitted_sheet_are_refused(people, scoring):
    dossier, _round, leaves = scoring
    member = people.members[0]
    card = sheet_score(dossier, member, PLAN_83)
    assert (card.status, card.total) == ("submitted", D("83"))
    assert_refused(
        lambda: scorecard_submit(dossier=dossier, actor=member),
        message="Phiếu chấm đã được nộp, không thể nộp lại.", actor=member, action="scorecard_submit",
    )
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.2"], points=D("1"), actor=member),
        message="Phiếu chấm đã nộp và bị khóa; cần chủ tịch hội đồng mở lại để sửa.", actor=member,
        action="scorecard_save_entry",
    )


def test_incomplete_sheet_cannot_be_submitted(people, scoring):
    dossier, _round, leaves = scoring
    member = people.members[0]
    scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], points=D("5"), actor=member)
    event = assert_refused(
        lambda: scorecard_submit(dossier=dossier, actor=member),
        message="Bạn chưa chấm các tiêu chí: "
        + ", ".join(c.code for c in sorted(leaves.values(), key=lambda c: c.position) if c.code != "1.1") + ".",
        actor=member, action="scorecard_submit",
    )
    assert event.dossier == dossier


def test_unassigned_member_cannot_score(people, scoring):
    dossier, _round, leaves = scoring
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], points=D("5"),
                                     actor=people.spare_member),
        message="Bạn không được phân công chấm hồ sơ này.", actor=people.spare_member,
        action="scorecard_save_entry",
    )
    assert not Scorecard.objects.exists()


def test_conflicted_member_cannot_score_and_their_draft_is_discarded(people, scoring):
    dossier, _round, leaves = scoring
    member = people.members[2]
    scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], points=D("5"), actor=member)
    conflict_declare(dossier=dossier, has_conflict=True, note="Là thành viên hợp tác xã", actor=member)
    assert not Scorecard.objects.filter(assignment__member__user=member).exists()
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], points=D("5"), actor=member),
        message="Bạn đã khai báo xung đột lợi ích với hồ sơ này nên không được chấm.", actor=member,
        action="scorecard_save_entry",
    )
    # The conflicted member leaves a council of 3 for this dossier: 3 sheets reach the quorum.
    for user in [people.chair, people.members[0], people.members[1]]:
        sheet_score(dossier, user, PLAN_83)
    result = result_finalise(dossier=dossier, actor=people.chair)
    assert (result.council_size, len(result.member_totals), result.star) == (3, 3, 4)


def test_finalising_without_quorum_is_refused_with_the_reason(people, scoring):
    dossier, _round, _leaves_ = scoring
    sheet_score(dossier, people.chair, PLAN_83)
    sheet_score(dossier, people.members[0], PLAN_83)
    event = assert_refused(
        lambda: result_finalise(dossier=dossier, actor=people.chair),
        message="Chưa thể chốt kết quả: Chưa đủ số thành viên chấm điểm: 2/4 thành viên, "
                "cần tối thiểu 3/4 hội đồng.",
        actor=people.chair, action="result_finalise",
    )
    assert event.dossier == dossier
    # The computed result tells the same reason and cannot be finalised.
    result = result_compute(dossier=dossier, actor=people.secretariat)
    assert (result.status, result.can_finalise, result.average) == ("computed", False, D("83.00"))
    assert result.reasons == ["Chưa đủ số thành viên chấm điểm: 2/4 thành viên, cần tối thiểu 3/4 hội đồng."]


def test_finalising_with_a_spread_beyond_10_points_is_refused(people, scoring):
    dossier, _round, _leaves_ = scoring
    sheet_score(dossier, people.chair, PLAN_83)
    sheet_score(dossier, people.members[0], PLAN_83)
    sheet_score(dossier, people.members[1], {**PLAN_83, "4.1": 1, "5.1": 0, "5.3": 1})  # 83 − 2 − 5 − 4 = 72
    assert_refused(
        lambda: result_finalise(dossier=dossier, actor=people.chair),
        message="Chưa thể chốt kết quả: Tổng điểm của các thành viên chênh lệch 11 điểm, vượt quá 10 điểm cho "
                "phép: hội đồng cần thảo luận và chấm lại.",
        actor=people.chair, action="result_finalise",
    )


def test_only_the_chair_finalises_and_reopens(people, scoring):
    dossier, _round, _leaves_ = scoring
    for user in [people.chair, *people.members]:
        sheet_score(dossier, user, PLAN_83)
    assert_refused(
        lambda: result_finalise(dossier=dossier, actor=people.members[0]),
        message="Chỉ chủ tịch hội đồng được chốt kết quả.", actor=people.members[0], action="result_finalise",
    )
    card = Scorecard.objects.get(assignment__member__user=people.members[1])
    assert_refused(
        lambda: scorecard_reopen(scorecard=card, note="Chấm lại 4.1", actor=people.members[0]),
        message="Chỉ chủ tịch hội đồng được mở lại phiếu chấm.", actor=people.members[0],
        action="scorecard_reopen",
    )
    assert_refused(
        lambda: scorecard_reopen(scorecard=card, note="", actor=people.chair),
        message="Hãy ghi rõ lý do mở lại phiếu chấm.", actor=people.chair, action="scorecard_reopen",
    )


def test_reopened_sheet_can_be_corrected_and_resubmitted_and_is_audited(people, scoring):
    dossier, _round, leaves = scoring
    member = people.members[1]
    card = sheet_score(dossier, member, PLAN_83)
    card = scorecard_reopen(scorecard=card, note="Chấm nhầm tiêu chí 4.2", actor=people.chair)
    assert card.status == "reopened"
    scorecard_save_entry(dossier=dossier, criterion=leaves["4.2"], points=D("1"), actor=member)
    card = scorecard_submit(dossier=dossier, actor=member)
    assert (card.status, card.total) == ("submitted", D("81"))
    assert list(
        AuditEvent.objects.filter(action="scorecard_transition", target=f"scorecard:{card.pk}")
        .values_list("actor__username", "from_status", "to_status", "note")
    ) == [
        ("thanh-vien-2", "draft", "submitted", "nộp phiếu chấm"),
        ("chu-tich", "submitted", "reopened", "Chấm nhầm tiêu chí 4.2"),
        ("thanh-vien-2", "reopened", "submitted", "nộp phiếu chấm"),
    ]


def test_locked_sheet_and_finalised_result_cannot_be_changed(people, scoring):
    dossier, _round, leaves = scoring
    for user in [people.chair, *people.members]:
        sheet_score(dossier, user, PLAN_83)
    result_finalise(dossier=dossier, actor=people.chair)
    member = people.members[0]
    assert_refused(
        lambda: scorecard_save_entry(dossier=dossier, criterion=leaves["1.2"], points=D("1"), actor=member),
        message="Phiếu chấm đã khóa vì hội đồng đã chốt kết quả.", actor=member, action="scorecard_save_entry",
    )
    card = Scorecard.objects.get(assignment__member__user=member)
    assert_refused(
        lambda: scorecard_reopen(scorecard=card, note="Sửa sau khi chốt", actor=people.chair),
        message="Phiếu chấm đã khóa vì hội đồng đã chốt kết quả.", actor=people.chair, action="scorecard_reopen",
    )
    assert_refused(
        lambda: result_compute(dossier=dossier, actor=people.chair),
        message="Kết quả đã được hội đồng chốt, không thể tính lại hay sửa.", actor=people.chair,
        action="result_compute",
    )
    assert_refused(
        lambda: result_finalise(dossier=dossier, actor=people.chair),
        message="Kết quả đã được hội đồng chốt, không thể tính lại hay sửa.", actor=people.chair,
        action="result_finalise",
    )


def test_only_the_signer_records_decisions_and_a_certified_star_needs_a_decision_number(people, scoring):
    dossier, _round, _leaves_ = scoring
    for user in [people.chair, *people.members]:
        sheet_score(dossier, user, PLAN_83)
    result_finalise(dossier=dossier, actor=people.chair)
    assert_refused(
        lambda: result_record_decision(dossier=dossier, decision_number="1/QĐ", decision_date=datetime.date(2026, 12, 1),
                                       actor=people.chair),
        message="Chỉ người ký quyết định được ghi nhận quyết định công nhận.", actor=people.chair,
        action="result_record_decision",
    )
    assert_refused(
        lambda: result_record_decision(dossier=dossier, actor=people.signer),
        message="Hãy nhập số và ngày của quyết định công nhận.", actor=people.signer,
        action="result_record_decision",
    )
    assert_refused(
        lambda: result_record_central_decision(dossier=dossier, decision_number="2/QĐ-BNNMT",
                                               decision_date=datetime.date(2027, 1, 5), actor=people.signer),
        message="Kết quả này chưa được đề nghị trung ương công nhận.", actor=people.signer,
        action="result_record_central_decision",
    )


# ---------------------------------------------------------------------------------------------
# Blind scoring
# ---------------------------------------------------------------------------------------------


def _visible(user, dossier) -> list[str]:
    return [card.assignment.member.user.username for card in scorecards_visible_to(user=user, dossier=dossier)]


def test_scores_are_blind_until_own_submission_and_finalisation(people, scoring):
    dossier, _round, leaves = scoring
    m1, m2, m3 = people.members
    # Given m1 is still scoring and m2 has submitted
    scorecard_save_entry(dossier=dossier, criterion=leaves["1.1"], points=D("5"), actor=m1)
    sheet_score(dossier, m2, PLAN_83)

    # Then m1 sees only their own draft; m2 sees the submitted sheets only (not m1's draft)
    assert _visible(m1, dossier) == ["thanh-vien-1"]
    assert _visible(m2, dossier) == ["thanh-vien-2"]
    # The chair (not yet scored), the secretariat, the signer and outsiders see nothing before finalisation
    for user in (people.chair, people.secretariat, people.signer, people.outsider, people.spare_member):
        assert _visible(user, dossier) == []
    assert _visible(AnonymousUser(), dossier) == []

    # When m1 submits, m1 sees both submitted sheets
    sheet_score(dossier, m1, PLAN_81)
    assert _visible(m1, dossier) == ["thanh-vien-1", "thanh-vien-2"]

    # When the chair has submitted and finalised, the chair and secretariat see every sheet
    sheet_score(dossier, people.chair, PLAN_83)
    sheet_score(dossier, m3, PLAN_83)
    result_finalise(dossier=dossier, actor=people.chair)
    everyone = ["chu-tich", "thanh-vien-1", "thanh-vien-2", "thanh-vien-3"]
    assert _visible(people.chair, dossier) == everyone
    assert _visible(people.secretariat, dossier) == everyone
    assert _visible(people.outsider, dossier) == []


def test_a_reopened_sheet_hides_the_others_again(people, scoring):
    dossier, _round, _leaves_ = scoring
    m1, m2, _m3 = people.members
    sheet_score(dossier, m1, PLAN_83)
    card = sheet_score(dossier, m2, PLAN_83)
    scorecard_reopen(scorecard=card, note="Xem lại", actor=people.chair)
    assert _visible(m2, dossier) == ["thanh-vien-2"]
    assert _visible(m1, dossier) == ["thanh-vien-1"]


# ---------------------------------------------------------------------------------------------
# Roles
# ---------------------------------------------------------------------------------------------


def test_role_groups_exist_with_their_permissions():
    groups = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.filter(
        name__in=roles.ROLES)}
    assert set(groups) == set(roles.ROLES)
    assert {"add_dossier", "add_evidencefile", "add_selfassessment"} <= groups[roles.PRODUCER]
    assert "add_communeassessment" in groups[roles.COMMUNE_OFFICER]
    assert {"add_evaluationround", "add_councilmember", "add_assignment"} <= groups[roles.SECRETARIAT]
    assert {"add_scoreentry", "add_conflictdeclaration"} <= groups[roles.COUNCIL_MEMBER]
    assert "change_result" in groups[roles.COUNCIL_CHAIR]
    assert "add_certificate" in groups[roles.DECISION_SIGNER]
    assert "add_scoreentry" not in groups[roles.PRODUCER]


def test_user_has_role(people):
    assert roles.user_has_role(people.chair, roles.COUNCIL_CHAIR)
    assert roles.user_has_role(people.chair, roles.COUNCIL_MEMBER, roles.COUNCIL_CHAIR)
    assert not roles.user_has_role(people.chair, roles.SECRETARIAT)
    assert not roles.user_has_role(AnonymousUser(), roles.PRODUCER)
    people.chair.is_active = False
    assert not roles.user_has_role(people.chair, roles.COUNCIL_CHAIR)


def test_product_set_is_prefilled_from_the_product(people, product):
    product.ocop_set = ProductSet.objects.get(number=8)
    product.save()
    dossier = dossier_create(product=product, kind="first", actor=people.producer)
    assert dossier.product_set.number == 8
