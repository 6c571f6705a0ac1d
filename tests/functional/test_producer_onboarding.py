"""Onboarding: a user applies to sell, the provincial office decides, a producer invites its staff.

Approval creates the Producer and its Oscar Partner and gives the applicant the producer role; a refusal
(empty reason, bad document, expired or foreign invitation) shows a clear message and writes nothing.
"""

import datetime
import io
import os

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from oscar.core.loading import get_model
from pypdf import PdfWriter

from marketplace.core.divisions import THANH_HOA
from marketplace.producers.models import (
    Producer,
    ProducerAction,
    ProducerApplication,
    ProducerApplicationDocument,
    ProducerInvitation,
)
from ocop_rating import roles
from tests.factories import WARD_DONG_SON, ProducerFactory, UserFactory, producer_user
from tests.rating import png_upload

pytestmark = pytest.mark.django_db

Partner = get_model("partner", "Partner")
APPLY = reverse("producer_portal:onboarding_apply")
STATUS = reverse("producer_portal:onboarding_status")
QUEUE = reverse("producer_portal:onboarding_review_queue")
STAFF = reverse("producer_portal:onboarding_staff")


def _post(client, url: str, data: dict | None = None):
    """POST like a browser whose page carried the CSRF token (the client enforces CSRF checks)."""
    if "csrftoken" not in client.cookies:
        client.cookies["csrftoken"] = get_random_string(32)
    return client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, **(data or {})})


def _pdf_upload(name="dang-ky-kinh-doanh.pdf") -> SimpleUploadedFile:
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.write(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/pdf")


def _application_data(**overrides) -> dict:
    data = {
        "legal_form": Producer.LegalForm.COOPERATIVE, "name": "Hợp tác xã Đồng Tâm", "tax_code": "2801234567",
        "legal_representative": "Nguyễn Văn Đức", "province_code": str(THANH_HOA), "ward_code": str(WARD_DONG_SON),
        "address_line": "Thôn 3", "phone": "0912 345 678", "bank_name": "Agribank Thanh Hóa",
        "bank_account_number": "3500205123456", "bank_account_holder": "HTX Đồng Tâm",
        "document_registration": _pdf_upload(), "document_representative": png_upload("cccd.png"),
    }
    data.update(overrides)
    return data


def _secretary():
    user = UserFactory(first_name="Trần", last_name="Văn Sở", email="vanphong@thanhhoa.gov.vn")
    user.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    return user


def _private_files() -> list[str]:
    root = settings.STORAGES["private"]["OPTIONS"]["location"]
    found = []
    for folder, _dirs, files in os.walk(os.path.join(root, "producers", "applications")):
        found.extend(os.path.join(folder, name) for name in files)
    return sorted(found)


def _submitted(applicant, client_for, **overrides) -> ProducerApplication:
    response = _post(client_for(applicant), APPLY, _application_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == STATUS
    return ProducerApplication.objects.get(applicant=applicant)


def test_an_approved_applicant_becomes_aproducer_user(client_for, django_capture_on_commit_callbacks):
    # Given a customer who applies with two documents
    applicant = UserFactory(email="htx.dongtam@example.vn")
    application = _submitted(applicant, client_for)
    assert (application.status, application.name, application.phone, application.province_code) == (
        "submitted", "Hợp tác xã Đồng Tâm", "+84912345678", THANH_HOA)
    documents = list(application.documents.order_by("kind"))
    assert [(d.kind, d.original_name, d.content_type) for d in documents] == [
        ("business_registration", "dang-ky-kinh-doanh.pdf", "application/pdf"),
        ("representative_id", "cccd.png", "image/png"),
    ]
    assert documents[0].file.name.startswith("producers/applications/")
    applicant_client = client_for(applicant)
    status_page = applicant_client.get(STATUS).content.decode()
    assert 'data-status="submitted"' in status_page
    assert applicant_client.get(APPLY)["Location"] == STATUS
    download = applicant_client.get(reverse("producer_portal:onboarding_document",
                                            args=[application.pk, documents[0].pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"

    # When the provincial office approves it
    secretary = _secretary()
    office = client_for(secretary)
    assert f'data-application="{application.pk}"' in office.get(QUEUE).content.decode()
    assert "dang-ky-kinh-doanh.pdf" in office.get(
        reverse("producer_portal:onboarding_review", args=[application.pk])).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(office, reverse("producer_portal:onboarding_approve", args=[application.pk]))
    assert response.status_code == 302

    # Then the Producer and its Partner exist and the applicant works for them
    producer = Producer.objects.get(name="Hợp tác xã Đồng Tâm")
    assert (producer.slug, producer.partner.name, producer.tax_code, producer.bank_account_number,
            producer.ward_code, producer.phone) == (
        "hop-tac-xa-dong-tam", "Hợp tác xã Đồng Tâm", "2801234567", "3500205123456", WARD_DONG_SON, "+84912345678")
    assert list(producer.partner.users.all()) == [applicant]
    assert applicant.groups.filter(name=roles.PRODUCER).exists()
    application.refresh_from_db()
    assert (application.status, application.producer, application.reviewed_by) == ("approved", producer, secretary)
    action = ProducerAction.objects.get(producer=producer)
    assert (action.action, action.actor, action.assisted, action.target_id) == (
        "application_approved", secretary, False, str(application.pk))
    assert [m.to for m in mail.outbox] == [["htx.dongtam@example.vn"]]
    assert "đã được duyệt" in mail.outbox[0].subject
    assert "http://testserver/producer/" in mail.outbox[0].body
    home = client_for(applicant).get(reverse("producer_portal:home"))
    assert home.status_code == 200
    assert f'data-producer="{producer.pk}"' in home.content.decode()

    # And approving twice changes nothing
    _post(office, reverse("producer_portal:onboarding_approve", args=[application.pk]))
    assert (Producer.objects.count(), Partner.objects.count()) == (1, 1)


def test_the_slug_of_a_second_producer_with_the_same_name_is_unique(client_for):
    ProducerFactory(name="Hợp tác xã Đồng Tâm", slug="hop-tac-xa-dong-tam")
    application = _submitted(UserFactory(), client_for)
    _post(client_for(_secretary()), reverse("producer_portal:onboarding_approve", args=[application.pk]))
    assert Producer.objects.get(applications=application).slug == "hop-tac-xa-dong-tam-2"


def test_a_rejection_needs_a_reason_and_the_applicant_may_apply_again(client_for, django_capture_on_commit_callbacks):
    applicant = UserFactory(email="hokd@example.vn")
    application = _submitted(applicant, client_for)
    office = client_for(_secretary())
    reject = reverse("producer_portal:onboarding_reject", args=[application.pk])

    # An empty reason is refused and nothing changes
    response = _post(office, reject, {"reason": "   "})
    assert response.status_code == 400
    assert "Hãy ghi lý do từ chối." in response.content.decode()
    application.refresh_from_db()
    assert (application.status, application.rejection_reason, application.reviewed_at) == ("submitted", "", None)

    # A reason rejects it, and the applicant reads it
    with django_capture_on_commit_callbacks(execute=True):
        _post(office, reject, {"reason": "Giấy đăng ký kinh doanh bị mờ, không đọc được."})
    application.refresh_from_db()
    assert (application.status, application.rejection_reason) == (
        "rejected", "Giấy đăng ký kinh doanh bị mờ, không đọc được.")
    assert application.reviewed_at is not None
    assert (Producer.objects.count(), Partner.objects.count()) == (0, 0)
    assert not applicant.groups.filter(name=roles.PRODUCER).exists()
    assert "Giấy đăng ký kinh doanh bị mờ" in mail.outbox[0].body
    assert "http://testserver/producer/dang-ky/" in mail.outbox[0].body
    page = client_for(applicant).get(STATUS).content.decode()
    assert 'data-status="rejected"' in page
    assert "Giấy đăng ký kinh doanh bị mờ, không đọc được." in page

    # And they apply again
    _post(client_for(applicant), APPLY, _application_data(name="Hộ kinh doanh Đồng Tâm"))
    assert list(ProducerApplication.objects.filter(applicant=applicant).order_by("pk").values_list(
        "name", "status")) == [("Hợp tác xã Đồng Tâm", "rejected"), ("Hộ kinh doanh Đồng Tâm", "submitted")]


def test_only_the_secretariat_sees_the_review_pages(client, client_for):
    application = _submitted(UserFactory(), client_for)
    document = application.documents.first()
    customer = client_for(UserFactory())
    urls = [
        QUEUE, reverse("producer_portal:onboarding_review", args=[application.pk]),
        reverse("producer_portal:onboarding_document", args=[application.pk, document.pk]),
    ]
    for url in urls:
        assert customer.get(url).status_code == 404
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('customer:login')}?next={url}"
    for url in (reverse("producer_portal:onboarding_approve", args=[application.pk]),
                reverse("producer_portal:onboarding_reject", args=[application.pk])):
        assert _post(customer, url, {"reason": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.status == "submitted"
    assert Producer.objects.count() == 0


@pytest.mark.parametrize("name", ["giay-phep.pdf", "giay-phep.jpg"])
def test_a_document_that_is_not_a_pdf_or_photo_is_refused_and_nothing_is_stored(client_for, name):
    before = _private_files()
    fake = SimpleUploadedFile(name, b"Day la mot tep van ban, khong phai PDF.\n", content_type="application/pdf")
    response = _post(client_for(UserFactory()), APPLY, _application_data(document_registration=fake))
    assert response.status_code == 200
    assert (f"Tệp “{name}” không được nhận: Chỉ nhận tệp PDF, JPEG hoặc PNG: nội dung tệp này không phải "
            "một trong các loại đó.") in response.content.decode()
    assert ProducerApplication.objects.count() == 0
    assert ProducerApplicationDocument.objects.count() == 0
    assert _private_files() == before


def test_an_application_without_the_registration_document_is_refused(client_for):
    data = _application_data()
    del data["document_registration"]
    response = _post(client_for(UserFactory()), APPLY, data)
    assert response.status_code == 200
    assert "Hãy gửi giấy đăng ký kinh doanh." in response.content.decode()
    assert ProducerApplication.objects.count() == 0


def test_a_producer_user_cannot_apply_again(client_for):
    seller = producer_user(ProducerFactory())
    response = _post(client_for(seller), APPLY, _application_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("producer_portal:home")
    assert ProducerApplication.objects.count() == 0


def test_an_invited_user_joins_the_producer(client_for, django_capture_on_commit_callbacks):
    # Given a producer user who invites a colleague
    producer = ProducerFactory(name="HTX Nem chua Vạn Thắng")
    owner = producer_user(producer)
    owner_client = client_for(owner)
    sent_at = timezone.now().replace(microsecond=0)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(sent_at, tick=False):
        response = _post(owner_client, STAFF, {"email": "Ke.Toan@Example.vn"})
    assert response.status_code == 302
    invitation = ProducerInvitation.objects.get(producer=producer)
    assert (invitation.email, invitation.invited_by) == ("ke.toan@example.vn", owner)
    assert (invitation.created_at, invitation.expires_at) == (sent_at, sent_at + datetime.timedelta(days=7))
    link = reverse("producer_portal:onboarding_invitation", args=[invitation.token])
    assert [m.to for m in mail.outbox] == [["ke.toan@example.vn"]]
    assert f"http://testserver{link}" in mail.outbox[0].body
    assert f'data-invitation="{invitation.pk}"' in owner_client.get(STAFF).content.decode()

    # When someone else signed in opens the forwarded link and accepts, then they are refused
    forwarded_to = UserFactory(email="nguoi.khac@example.vn")
    response = _post(client_for(forwarded_to), link)
    assert response.status_code == 410
    assert ("Lời mời này gửi tới ke.toan@example.vn. Hãy đăng nhập bằng tài khoản có địa chỉ thư điện tử đó."
            in response.content.decode())
    assert not producer.partner.users.filter(pk=forwarded_to.pk).exists()
    assert ProducerInvitation.objects.get(pk=invitation.pk).accepted_at is None

    # When the colleague opens the link and accepts
    colleague = UserFactory(email="Ke.Toan@example.vn")
    colleague_client = client_for(colleague)
    assert "HTX Nem chua Vạn Thắng mời bạn" in colleague_client.get(link).content.decode()
    response = _post(colleague_client, link)
    assert response.status_code == 302
    assert response["Location"] == reverse("producer_portal:home")

    # Then they work for the producer, and the link is used up
    assert set(producer.partner.users.all()) == {owner, colleague}
    assert colleague.groups.filter(name=roles.PRODUCER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague
    assert list(ProducerAction.objects.filter(producer=producer).order_by("pk").values_list("action", "actor")) == [
        ("invitation_sent", owner.pk), ("invitation_accepted", colleague.pk)]
    assert client_for(colleague).get(reverse("producer_portal:home")).status_code == 200
    stranger = UserFactory()
    response = _post(client_for(stranger), link)
    assert response.status_code == 410
    assert "Lời mời này đã được sử dụng." in response.content.decode()
    assert not producer.partner.users.filter(pk=stranger.pk).exists()


def test_an_expired_or_unknown_invitation_changes_nothing(client_for):
    producer = ProducerFactory()
    invitation = ProducerInvitation.objects.create(
        producer=producer, email="muon@example.vn", expires_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    user = UserFactory()
    client = client_for(user)
    response = _post(client, reverse("producer_portal:onboarding_invitation", args=[invitation.token]))
    assert response.status_code == 410
    assert "Lời mời này đã hết hạn." in response.content.decode()
    response = _post(client, reverse("producer_portal:onboarding_invitation", args=["khong-co-ma-nay"]))
    assert response.status_code == 404
    assert "Liên kết mời không tồn tại." in response.content.decode()
    assert not producer.partner.users.filter(pk=user.pk).exists()
    assert not user.groups.filter(name=roles.PRODUCER).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert ProducerAction.objects.count() == 0


def test_a_producer_revokes_its_own_invitation_but_not_another_producers(client_for):
    mine, theirs = ProducerFactory(), ProducerFactory()
    expires = timezone.now() + datetime.timedelta(days=7)
    own = ProducerInvitation.objects.create(producer=mine, email="a@example.vn", expires_at=expires)
    foreign = ProducerInvitation.objects.create(producer=theirs, email="b@example.vn", expires_at=expires)
    client = client_for(producer_user(mine))

    assert _post(client, reverse("producer_portal:onboarding_revoke", args=[foreign.pk])).status_code == 404
    foreign.refresh_from_db()
    assert foreign.revoked_at is None

    assert _post(client, reverse("producer_portal:onboarding_revoke", args=[own.pk])).status_code == 302
    own.refresh_from_db()
    assert own.revoked_at is not None
    assert list(ProducerAction.objects.values_list("producer", "action")) == [(mine.pk, "invitation_revoked")]
    response = _post(client_for(UserFactory()), reverse("producer_portal:onboarding_invitation", args=[own.token]))
    assert "Lời mời này đã bị chủ thể thu hồi." in response.content.decode()


def test_a_second_pending_invitation_to_the_same_address_is_refused(client_for):
    producer = ProducerFactory()
    client = client_for(producer_user(producer))
    _post(client, STAFF, {"email": "a@example.vn"})
    response = _post(client, STAFF, {"email": "A@example.vn"})
    assert response.status_code == 200
    assert "Đã có lời mời còn hiệu lực gửi tới a@example.vn." in response.content.decode()
    assert ProducerInvitation.objects.filter(producer=producer).count() == 1


def test_assisted_listing_staff_can_neither_invite_nor_revoke_so_cannot_make_themselves_aproducer_user(
        client_for, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Permission

    producer = ProducerFactory()
    owner = producer_user(producer)
    _post(client_for(owner), STAFF, {"email": "ke.toan@example.vn"})
    pending = ProducerInvitation.objects.get()
    assistant = UserFactory(is_staff=True, email="hotro@example.vn")
    assistant.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
    client = client_for(assistant)
    _post(client, reverse("producer_portal:assist"), {"producer": producer.pk})
    refusal = ("Chỉ người của chủ thể mới được mời hoặc thu hồi lời mời nhân viên; nhân viên hỗ trợ đăng bán "
               "không được thay đổi ai làm việc cho chủ thể.")

    # the staff page shows the people and the pending invitation, without the invite form or a revoke button
    page = client.get(STAFF).content.decode()
    assert "ke.toan@example.vn" in page and refusal in page
    assert 'name="email"' not in page
    assert reverse("producer_portal:onboarding_revoke", args=[pending.pk]) not in page

    # and a posted invitation of themselves, or a revocation, is refused with why; nothing is written or sent
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        invited = _post(client, STAFF, {"email": "hotro@example.vn"})
        revoked = _post(client, reverse("producer_portal:onboarding_revoke", args=[pending.pk]))
    for response in (invited, revoked):
        assert response.status_code == 403
        assert refusal in response.content.decode()
    assert callbacks == []
    assert list(ProducerInvitation.objects.values_list("email", "revoked_at")) == [("ke.toan@example.vn", None)]
    assert list(ProducerAction.objects.filter(actor=assistant).values_list("action", flat=True)) == ["assist_start"]
    assert not producer.partner.users.filter(pk=assistant.pk).exists()
