"""A producer prepares and submits a rating dossier over HTTP; who may open which dossier page.

Sheet #9 (31 leaves) with the plans of tests/rating.py. Every form is posted with the CSRF token of
the page it came from (Client(enforce_csrf_checks=True)); only the permission matrix posts without
one, because it is about who reaches the view, not about forms.
"""

import datetime
import html

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.core.working_days import working_days_add
from ocop_rating import roles
from ocop_rating.council.services import conflict_declare
from ocop_rating.dossiers.services import (
    dossier_commune_return,
    dossier_create,
    dossier_self_assessment_set,
    dossier_submit,
)
from ocop_rating.models import (
    MAX_EVIDENCE_BYTES,
    AuditEvent,
    CommuneOfficer,
    Dossier,
    DossierEvent,
    EvidenceFile,
    SelfAssessment,
)
from ocop_rating.results.services import result_finalise, result_record_decision
from tests.factories import WARD_BIM_SON, ProductFactory
from tests.rating import (
    PLAN_83,
    REGISTRATION,
    dossier_draft,
    dossier_in_scoring,
    plan_points,
    png_upload,
    sheet_leaves,
    sheet_score,
    user_with_roles,
    workflow_state,
)

from .portal import field_errors, post_form, sheet_data, url
from .shop import elements, message_texts

pytestmark = pytest.mark.django_db

def other_producer_staff():
    """A producer's staff member of another producer, with a product of their own."""
    user = user_with_roles("htx-khac", roles.PRODUCER)
    product = ProductFactory(title="Mắm tôm Hậu Lộc")
    product.producer.partner.users.add(user)
    return user, product


# --- the journey ----------------------------------------------------------------------------------


def test_producer_creates_fills_scores_uploads_and_submits(people, rating_product, client_for):
    client = client_for(people.producer)

    # given the producer's home shows the way to a new dossier
    home = client.get(reverse("ocop_rating:portal"))
    assert elements(home.content, href=url("dossier_create"))

    # when they create a first-time dossier for their fish sauce, the set taken from the product
    page = client.get(url("dossier_create"))
    assert elements(page.content, **{"<tag>": "option", "value": str(rating_product.pk),
                                     "data-set": str(rating_product.ocop_set_id)})
    assert elements(page.content, **{"<tag>": "optgroup"})
    response = post_form(client, url("dossier_create"),
                         {"product": rating_product.pk, "kind": "first", "product_set": ""}, follow=False)

    # then a draft exists with the product's set and name, and the page is the dossier
    dossier = Dossier.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("dossier_detail", dossier)
    assert (dossier.status, dossier.kind, dossier.product_set.number) == ("draft", "first", 9)
    assert (dossier.product_name, dossier.contact_phone) == ("Nước mắm Hải Thanh", "+84912345678")
    detail = client.get(url("dossier_detail", dossier))
    assert [e["data-unscored"] for e in elements(detail.content, data_step="self-assessment")] == ["31"]
    assert [e["data-evidence-count"] for e in elements(detail.content, data_step="evidence")] == ["0"]

    # when they fill Mẫu 01 (phone typed the local way)
    page = post_form(client, url("dossier_registration", dossier), {
        "legal_representative_name": "Lê Thị Hoa", "legal_representative_gender": "female",
        "legal_representative_ethnicity": "Kinh", "contact_phone": "0912 345 679",
        "business_registration_number": "2801234567", "product_name": "Nước mắm Hải Thanh 40 độ đạm",
        "sample_count": "5",
    })
    assert message_texts(page) == ["Đã lưu phiếu đăng ký."]
    dossier.refresh_from_db()
    assert (dossier.legal_representative_name, dossier.legal_representative_gender, dossier.contact_phone,
            dossier.sample_count, dossier.product_name) == (
        "Lê Thị Hoa", "female", "+84912345679", 5, "Nước mắm Hải Thanh 40 độ đạm")

    # when they score part A first (a partial save), then the rest
    leaves = sheet_leaves(dossier)
    part_a = [code for code, leaf in leaves.items() if leaf.part == "A"]
    page = post_form(client, url("dossier_self_assessment", dossier),
                     {"action": "save", **sheet_data(dossier, only=part_a)})
    assert message_texts(page) == ["Đã lưu phần tự đánh giá."]
    assert SelfAssessment.objects.filter(dossier=dossier).count() == len(part_a) == 15
    page = post_form(client, url("dossier_self_assessment", dossier), {"action": "save", **sheet_data(dossier)})

    # then every leaf is saved with its note and the page shows the plan's totals (A 36, B 18, C 29)
    rows = SelfAssessment.objects.filter(dossier=dossier)
    assert rows.count() == 31
    assert {r.criterion.code: r.points for r in rows} == {c: plan_points(leaf, PLAN_83) for c, leaf in leaves.items()}
    assert rows.get(criterion=leaves["4.1"]).evidence_note == "minh chứng 4.1"
    totals = {e["data-total-part"]: e["data-value"] for e in elements(page.content, css_class="ocop-total")
              if "data-total-part" in e}
    assert totals == {"A": "36.00", "B": "18.00", "C": "29.00"}
    assert [e["data-value"] for e in elements(page.content, id="ocop-total")] == ["83.00"]

    # when they upload a PNG with a Vietnamese name
    page = post_form(client, url("dossier_evidence", dossier),
                     {"kind": "business_registration", "file": png_upload("giấy-đkkd.png")})
    assert message_texts(page) == ["Đã tải lên tệp minh chứng."]
    evidence = EvidenceFile.objects.get(dossier=dossier)
    assert (evidence.original_name, evidence.content_type, evidence.kind) == (
        "giấy-đkkd.png", "image/png", "business_registration")
    assert elements(page.content, href=url("dossier_evidence_download", dossier, file_id=evidence.pk))
    assert not elements(page.content, href=evidence.file.url)

    # then the checklist is complete
    detail = client.get(url("dossier_detail", dossier))
    assert [e["data-done"] for e in elements(detail.content, data_step="registration")] == ["yes"]
    assert [e["data-unscored"] for e in elements(detail.content, data_step="self-assessment")] == ["0"]
    assert [e["data-self-total"] for e in elements(detail.content) if "data-self-total" in e] == ["83.00"]

    # when they submit
    page = post_form(client, url("dossier_detail", dossier), {}, action_url=url("dossier_submit", dossier))

    # then the dossier waits for the commune, which has 15 working days
    dossier.refresh_from_db()
    deadline = working_days_add(timezone.localdate(), 15)
    assert dossier.status == Dossier.Status.SUBMITTED
    assert dossier.commune_deadline == deadline
    assert dossier.submitted_at is not None
    assert message_texts(page) == [f"Đã nộp hồ sơ. Xã/phường sẽ kiểm tra trước ngày {deadline:%d/%m/%Y}."]
    assert list(DossierEvent.objects.filter(dossier=dossier).values_list("from_status", "to_status", "actor")) == [
        ("", "draft", people.producer.pk), ("draft", "submitted", people.producer.pk)]
    # and the producer's pages are read-only now
    assert not elements(page.content, data_step="registration")
    assert [e["data-status"] for e in elements(page.content, css_class="ocop-dossier__status")] == ["submitted"]


def test_dossier_list_shows_status_deadline_next_step_and_the_return_reason(people, rating_product, client_for):
    dossier = dossier_submit(dossier=dossier_draft(rating_product, people), actor=people.producer)
    dossier_commune_return(dossier=dossier, reason="Thiếu phiếu kiểm nghiệm", actor=people.officer)

    page = client_for(people.producer).get(url("dossier_list"))

    assert page.status_code == 200
    assert [(e["data-dossier"], e["data-status"]) for e in elements(page.content, css_class="ocop-dossier-card")] == [
        (str(dossier.pk), "returned")]
    text = html.unescape(page.content.decode())
    assert "Thiếu phiếu kiểm nghiệm" in text
    assert "Sửa theo lý do xã trả lại rồi nộp lại." in text
    assert f"{dossier.commune_deadline:%d/%m/%Y}" in text


def test_create_prefills_registration_fields(people, rating_product, client_for):
    client = client_for(people.producer)

    post_form(client, url("dossier_create"), {
        "product": rating_product.pk, "kind": "first", "product_set": "",
        "legal_representative_name": "Lê Thị Hoa", "contact_phone": "0912 000 111", "sample_count": "5",
    })

    dossier = Dossier.objects.get()
    assert (dossier.legal_representative_name, dossier.contact_phone, dossier.sample_count,
            dossier.product_name) == ("Lê Thị Hoa", "+84912000111", 5, "Nước mắm Hải Thanh")


# --- failure paths --------------------------------------------------------------------------------


def test_product_of_another_producer_is_refused_in_create(people, rating_product, client_for):
    _other_user, other_product = other_producer_staff()
    client = client_for(people.producer)

    page = post_form(client, url("dossier_create"), {"product": other_product.pk, "kind": "first"})

    assert page.status_code == 200
    assert field_errors(page) == ["Chỉ được chọn sản phẩm của chủ thể mình."]
    assert not Dossier.objects.exists()
    # and the other producer's product is not even offered
    offered = [e["value"] for e in elements(page.content, **{"<tag>": "option"}) if "data-set" in e]
    assert offered == [str(rating_product.pk)]


def test_second_open_dossier_for_the_same_product_is_refused(people, rating_product, client_for):
    dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = client_for(people.producer)

    page = post_form(client, url("dossier_create"), {"product": rating_product.pk, "kind": "first"})

    assert message_texts(page) == ["Sản phẩm này đã có một hồ sơ đang xử lý."]
    assert Dossier.objects.count() == 1


def test_submitting_an_incomplete_dossier_lists_the_unscored_leaves(people, rating_product, client_for):
    dossier = dossier_create(product=rating_product, kind="first", registration=REGISTRATION, actor=people.producer)
    client = client_for(people.producer)
    post_form(client, url("dossier_evidence", dossier), {"kind": "other", "file": png_upload()})
    for code, leaf in sheet_leaves(dossier).items():
        if code not in ("5.3", "11"):
            dossier_self_assessment_set(dossier=dossier, criterion=leaf, points=leaf.max_points,
                                        actor=people.producer)
    before = workflow_state()

    page = post_form(client, url("dossier_detail", dossier), {}, action_url=url("dossier_submit", dossier))

    assert message_texts(page) == ["Chưa tự chấm các tiêu chí: 5.3, 11."]
    assert workflow_state() == before
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"
    assert [e["data-unscored"] for e in elements(page.content, data_step="self-assessment")] == ["2"]


def test_a_renamed_text_file_is_refused(people, rating_product, client_for):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = client_for(people.producer)
    fake = SimpleUploadedFile("anh-san-pham.png", b"day la mot tep van ban", content_type="image/png")

    page = post_form(client, url("dossier_evidence", dossier), {"kind": "other", "file": fake})

    assert message_texts(page) == [
        "Chỉ nhận tệp PDF, JPEG hoặc PNG: nội dung tệp này không phải một trong các loại đó."]
    assert not EvidenceFile.objects.exists()
    assert AuditEvent.objects.filter(action="evidence_file_add", refused=True, actor=people.producer).count() == 1


def test_a_file_over_10_mb_is_refused(people, rating_product, client_for):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = client_for(people.producer)
    big = SimpleUploadedFile("bao-cao.pdf", b"%PDF-" + b"0" * MAX_EVIDENCE_BYTES, content_type="application/pdf")

    page = post_form(client, url("dossier_evidence", dossier), {"kind": "test_reports", "file": big})

    assert page.status_code == 200
    assert field_errors(page) == ["Tệp quá lớn: tối đa 10 MB."]
    assert not EvidenceFile.objects.exists()
    # and the file input keeps telling the phone which files to offer
    assert [e["accept"] for e in elements(page.content, type="file")] == [".pdf,.jpg,.jpeg,.png"]


def test_a_bad_phone_number_is_refused(people, rating_product, client_for):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = client_for(people.producer)

    page = post_form(client, url("dossier_registration", dossier),
                     {"legal_representative_name": "Lê Thị Hoa", "contact_phone": "1900 1234"})

    assert page.status_code == 200
    assert field_errors(page) == [
        "Số điện thoại không hợp lệ. Nhập số di động hoặc cố định Việt Nam, ví dụ 0912 345 678."]
    dossier.refresh_from_db()
    assert (dossier.legal_representative_name, dossier.contact_phone) == ("", "+84912345678")


def test_a_submitted_dossier_cannot_be_edited(people, rating_product, client_for):
    dossier = dossier_submit(dossier=dossier_draft(rating_product, people), actor=people.producer)
    client = client_for(people.producer)
    message = "Hồ sơ đang ở trạng thái “đã nộp, chờ xã kiểm tra”, không thể sửa."
    before = workflow_state()

    # the pages open read-only with the reason
    for name in ("dossier_registration", "dossier_self_assessment", "dossier_evidence"):
        page = client.get(url(name, dossier))
        assert page.status_code == 200
        assert message in html.unescape(page.content.decode())
        assert elements(page.content, data_locked="yes")
    # and whatever is posted anyway is refused by the service with the same message
    registration = post_form(client, url("dossier_registration", dossier), {"legal_representative_name": "Người khác"})
    assert message_texts(registration) == [message]
    assert elements(registration.content, name="legal_representative_name", value="Người khác")  # input kept
    sheet = post_form(client, url("dossier_self_assessment", dossier),
                      {"action": "save", **sheet_data(dossier, {"1.1": 1})})
    assert message_texts(sheet) == [message]
    unchanged = post_form(client, url("dossier_self_assessment", dossier), {"action": "save", **sheet_data(dossier)})
    assert message_texts(unchanged) == ["Không có thay đổi nào để lưu."]
    upload = post_form(client, url("dossier_evidence", dossier), {"kind": "other", "file": png_upload()})
    assert message_texts(upload) == [message]
    evidence = EvidenceFile.objects.get()
    removal = post_form(client, url("dossier_evidence", dossier), {},
                        action_url=url("dossier_evidence_remove", dossier, file_id=evidence.pk))
    assert message_texts(removal) == [message]
    assert workflow_state() == before
    assert Dossier.objects.get(pk=dossier.pk).legal_representative_name == "Lê Thị Hoa"


def test_an_option_of_another_leaf_saves_nothing(people, rating_product, client_for):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    leaves = sheet_leaves(dossier)
    data = sheet_data(dossier)
    data[f"leaf-{leaves['1.2'].pk}"] = str(leaves["1.1"].options.first().pk)
    client = client_for(people.producer)

    page = post_form(client, url("dossier_self_assessment", dossier), {"action": "save", **data})

    assert message_texts(page) == ["Phương án đã chọn không thuộc tiêu chí 1.2."]
    assert not SelfAssessment.objects.exists()
    assert AuditEvent.objects.filter(action="dossier_self_assessment_set", refused=True).count() == 1


def test_evidence_is_removed_with_its_stored_file(people, rating_product, django_capture_on_commit_callbacks,
                                                  client_for):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    client = client_for(people.producer)
    post_form(client, url("dossier_evidence", dossier), {"kind": "other", "file": png_upload()})
    evidence = EvidenceFile.objects.get()
    stored = evidence.file.name
    assert storages["private"].exists(stored)

    with django_capture_on_commit_callbacks(execute=True):
        page = post_form(client, url("dossier_evidence", dossier), {},
                         action_url=url("dossier_evidence_remove", dossier, file_id=evidence.pk))

    assert message_texts(page) == ["Đã xóa tệp “giay-dkkd.png”."]
    assert not EvidenceFile.objects.exists()
    assert not storages["private"].exists(stored)


# --- the evidence download ------------------------------------------------------------------------


def test_evidence_download_is_an_attachment_with_safe_headers(people, rating_product, client_for):
    dossier = dossier_create(product=rating_product, kind="first", actor=people.producer)
    upload = png_upload("giấy-đkkd.png")
    content = upload.read()
    upload.seek(0)
    client = client_for(people.producer)
    post_form(client, url("dossier_evidence", dossier), {"kind": "other", "file": upload})
    evidence = EvidenceFile.objects.get()

    response = client.get(url("dossier_evidence_download", dossier, file_id=evidence.pk))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''gi%E1%BA%A5y-%C4%91kkd.png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_evidence_download_is_for_those_who_may_see_the_dossier(people, rating_product, client_for):
    dossier = dossier_draft(rating_product, people)
    evidence = EvidenceFile.objects.get()
    download = url("dossier_evidence_download", dossier, file_id=evidence.pk)

    # a draft: only the producer
    assert client_for(people.outsider).get(download).status_code == 404
    assert client_for(people.secretariat).get(download).status_code == 404
    assert client_for(people.officer).get(download).status_code == 404
    assert client_for(people.producer).get(download).status_code == 200

    # once submitted: the secretariat and the commune officer too
    dossier_submit(dossier=dossier, actor=people.producer)
    assert client_for(people.secretariat).get(download).status_code == 200
    assert client_for(people.officer).get(download).status_code == 200
    assert client_for(people.outsider).get(download).status_code == 404
    # a file id of another dossier is not found under this one
    assert client_for(people.producer).get(
        url("dossier_evidence_download", dossier, file_id=evidence.pk + 1000)).status_code == 404


# --- the council's result ------------------------------------------------------------------------


def test_result_and_certificate_show_once_decided(people, rating_product, client_for):
    dossier, _round = dossier_in_scoring(rating_product, people)
    for user in (people.chair, *people.members):
        conflict_declare(dossier=dossier, has_conflict=False, actor=user)
        sheet_score(dossier, user, PLAN_83)
    result_finalise(dossier=dossier, actor=people.chair)
    detail = url("dossier_detail", dossier)

    # finalised: the secretariat and the chair see it, the producer not yet
    assert [e["data-star"] for e in elements(client_for(people.secretariat).get(detail).content)
            if "data-star" in e] == ["4"]
    assert [e["data-average"] for e in elements(client_for(people.chair).get(detail).content)
            if "data-average" in e] == ["83.00"]
    assert not [e for e in elements(client_for(people.producer).get(detail).content) if "data-star" in e]

    # decided: the producer sees the star and the certificate's public page
    result = result_record_decision(dossier=dossier, decision_number="1234/QĐ-UBND",
                                    decision_date=datetime.date(2026, 12, 10), actor=people.signer)
    page = client_for(people.producer).get(detail)
    assert [e["data-star"] for e in elements(page.content) if "data-star" in e] == ["4"]
    assert elements(page.content, href=reverse("ocop_rating:verify", kwargs={"code": result.certificate.code}))
    assert [e["data-status"] for e in elements(page.content, css_class="ocop-dossier__status")] == ["recognised"]


# --- who may open what ------------------------------------------------------------------------------

ANONYMOUS, OUTSIDER, OTHER_PRODUCER, OTHER_OFFICER = "anonymous", "outsider", "other_producer", "other_officer"
SECRETARIAT, MEMBER, SIGNER, PRODUCER, OFFICER = "secretariat", "member", "signer", "producer", "officer"
ROLES = (ANONYMOUS, OUTSIDER, OTHER_PRODUCER, OTHER_OFFICER, SECRETARIAT, MEMBER, SIGNER, PRODUCER, OFFICER)
LOGIN = "login"


def _expect(default, **overrides):
    return {role: overrides.get(role, default) for role in ROLES} | {ANONYMOUS: LOGIN}


# (URL name, method, expected per role) on a submitted dossier of ``people.producer`` in Đông Sơn.
MATRIX = [
    ("dossier_list", "get", _expect(404, outsider=403, other_producer=200, producer=200)),
    ("dossier_create", "get", _expect(404, outsider=403, other_producer=200, producer=200)),
    ("dossier_detail", "get", _expect(404, secretariat=200, producer=200, officer=200)),
    ("dossier_registration", "get", _expect(404, producer=200)),
    ("dossier_self_assessment", "get", _expect(404, producer=200)),
    ("dossier_evidence", "get", _expect(404, producer=200)),
    ("dossier_evidence_download", "get", _expect(404, secretariat=200, producer=200, officer=200)),
    ("dossier_submit", "post", _expect(404, producer=302)),
    ("dossier_evidence_remove", "post", _expect(404, producer=302)),
    ("commune_queue", "get", _expect(404, outsider=403, other_officer=200, officer=200)),
    ("commune_check", "get", _expect(404, officer=200)),
]
TAKES_DOSSIER = {"dossier_detail", "dossier_registration", "dossier_self_assessment", "dossier_evidence",
                 "dossier_evidence_download", "dossier_submit", "dossier_evidence_remove", "commune_check"}
TAKES_FILE = {"dossier_evidence_download", "dossier_evidence_remove"}


@pytest.fixture
def actors(people, rating_product):
    other_producer, _product = other_producer_staff()
    other_officer = user_with_roles("can-bo-bim-son", roles.COMMUNE_OFFICER)
    CommuneOfficer.objects.create(user=other_officer, ward_code=WARD_BIM_SON)
    dossier = dossier_submit(dossier=dossier_draft(rating_product, people), actor=people.producer)
    users = {
        OUTSIDER: people.outsider, OTHER_PRODUCER: other_producer, OTHER_OFFICER: other_officer,
        SECRETARIAT: people.secretariat, MEMBER: people.members[0], SIGNER: people.signer,
        PRODUCER: people.producer, OFFICER: people.officer,
    }
    return users, dossier


def matrix_url(name: str, dossier) -> str:
    kwargs = {}
    if name in TAKES_DOSSIER:
        kwargs["dossier_id"] = dossier.pk
    if name in TAKES_FILE:
        kwargs["file_id"] = EvidenceFile.objects.get(dossier=dossier).pk
    return reverse(f"ocop_rating:{name}", kwargs=kwargs or None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_each_role_gets_exactly_what_it_may_see(actors, role, name, method, expected):
    users, dossier = actors
    client = Client()
    if role != ANONYMOUS:
        client.force_login(users[role])
    target = matrix_url(name, dossier)

    response = getattr(client, method)(target)

    want = expected[role]
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"] == f"/shop/accounts/login/?next={target}"
    else:
        assert response.status_code == want, f"{role} {method.upper()} {target}: {response.status_code}"
    if want == 403:
        assert "chưa được cấp vai trò nào" in response.content.decode()


def test_post_only_urls_refuse_get(people, rating_product, client_for):
    dossier = dossier_draft(rating_product, people)
    client = client_for(people.producer)

    assert client.get(url("dossier_submit", dossier)).status_code == 405
    assert Dossier.objects.get(pk=dossier.pk).status == "draft"


# --- query counts ---------------------------------------------------------------------------------

# The page's own: the user's roles and the producer's dossiers with product and set (one query). The
# rest is every signed-in page of the site once its menu is cached: session, user, unread
# notifications, the navigation's roles, permissions (2), the basket and its lines (3).
DOSSIER_LIST_QUERIES = 12


@pytest.mark.parametrize("count", [1, 5])
def test_dossier_list_costs_the_same_for_1_and_5_dossiers(people, rating_product, count,
                                                          django_assert_num_queries, client_for):
    producer = rating_product.producer
    products = [rating_product] + [ProductFactory(producer=producer, title=f"Nước mắm {n}") for n in range(count - 1)]
    for product in products:
        dossier_create(product=product, kind="first", registration=REGISTRATION, actor=people.producer)
    client = client_for(people.producer)
    client.get(url("dossier_list"))  # the first page of a session creates the basket

    with django_assert_num_queries(DOSSIER_LIST_QUERIES):
        page = client.get(url("dossier_list"))

    assert len(elements(page.content, css_class="ocop-dossier-card")) == count
