"""Writes of onboarding: applying to sell, the provincial office's decision, inviting a producer's staff.

Every function checks who may do it, changes rows in one transaction and records what it did; e-mails
leave only after the transaction commits.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model
from oscar.core.utils import slugify

from marketplace.producers.models import (
    INVITATION_DAYS,
    Producer,
    ProducerApplication,
    ProducerApplicationDocument,
    ProducerInvitation,
)
from marketplace.producers.portal.access import PortalAccess, action_record, producers_of_user
from ocop_rating import roles
from ocop_rating.dossiers.services import evidence_file_validate
from ocop_rating.workflow.events import WorkflowError

Partner = get_model("partner", "Partner")

MAX_DOCUMENTS = 3
APPLICATION_FIELDS = (
    "legal_form", "name", "tax_code", "legal_representative", "province_code", "ward_code", "address_line",
    "phone", "bank_name", "bank_account_number", "bank_account_holder",
)


class OnboardingError(Exception):
    """A refused onboarding step, with a message the user can read."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class _CheckedDocument:
    kind: str
    original_name: str
    content: bytes
    content_type: str
    extension: str


def _checked_documents(documents) -> list[_CheckedDocument]:
    if not 1 <= len(documents) <= MAX_DOCUMENTS:
        raise OnboardingError(_("Hãy gửi từ 1 đến 3 giấy tờ đăng ký."))
    checked = []
    for kind, uploaded_file in documents:
        if kind not in ProducerApplicationDocument.Kind.values:
            raise OnboardingError(_("Loại giấy tờ không hợp lệ."))
        original_name = (getattr(uploaded_file, "name", "") or "tep").rsplit("/", 1)[-1][:255]
        try:
            upload = evidence_file_validate(uploaded_file=uploaded_file)
        except WorkflowError as exc:
            raise OnboardingError(_("Tệp “%(name)s” không được nhận: %(reason)s") % {
                "name": original_name, "reason": exc.message}) from exc
        checked.append(_CheckedDocument(kind=kind, original_name=original_name, content=upload.content,
                                        content_type=upload.content_type, extension=upload.extension))
    return checked


def application_submit(*, applicant, data: dict, documents: list[tuple[str, object]]) -> ProducerApplication:
    """File an application to sell for ``applicant`` with 1–3 registration documents (checked like OCOP evidence).

    ``data`` holds APPLICATION_FIELDS, already parsed by the form. Every document is checked before anything
    is written; a refusal raises OnboardingError and stores nothing.
    """
    if producers_of_user(applicant).exists():
        raise OnboardingError(_("Bạn đã là người bán của một chủ thể trên sàn."))
    checked = _checked_documents(documents)
    stored = []
    try:
        with transaction.atomic():
            if ProducerApplication.objects.select_for_update().filter(
                applicant=applicant, status=ProducerApplication.Status.SUBMITTED,
            ).exists():
                raise OnboardingError(_("Bạn đã có một đơn đăng ký đang chờ xét duyệt."))
            application = ProducerApplication.objects.create(
                applicant=applicant, status=ProducerApplication.Status.SUBMITTED,
                **{field: data[field] for field in APPLICATION_FIELDS},
            )
            for document in checked:
                row = ProducerApplicationDocument(
                    application=application, kind=document.kind, original_name=document.original_name,
                    content_type=document.content_type, size=len(document.content),
                )
                row.file.save(f"{uuid.uuid4().hex}.{document.extension}", ContentFile(document.content), save=False)
                stored.append(row.file)
                row.save()
    except IntegrityError as exc:
        _files_delete(stored)
        raise OnboardingError(_("Bạn đã có một đơn đăng ký đang chờ xét duyệt.")) from exc
    except Exception:
        _files_delete(stored)
        raise
    return application


def _files_delete(files) -> None:
    for stored_file in files:
        stored_file.storage.delete(stored_file.name)


def _locked_submitted(application: ProducerApplication, actor) -> ProducerApplication:
    if not roles.user_has_role(actor, roles.SECRETARIAT):
        raise OnboardingError(_("Chỉ văn phòng điều phối OCOP tỉnh mới xét duyệt đơn đăng ký bán hàng."))
    locked = ProducerApplication.objects.select_for_update().select_related("applicant").get(pk=application.pk)
    if locked.status != ProducerApplication.Status.SUBMITTED:
        raise OnboardingError(_("Đơn này đã được xét duyệt."))
    return locked


def _unique_slug(name: str) -> str:
    base = (slugify(name) or "chu-the")[:240]
    slug, number = base, 2
    while Producer.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def application_approve(*, application: ProducerApplication, actor, site_url: str = "") -> Producer:
    """Approve a submitted application: create the Partner and Producer, make the applicant its first user.

    ``site_url`` (scheme and host) starts the link in the e-mail to the applicant.
    """
    with transaction.atomic():
        locked = _locked_submitted(application, actor)
        partner = Partner.objects.create(name=locked.name)
        producer = Producer.objects.create(
            partner=partner, name=locked.name, slug=_unique_slug(locked.name), legal_form=locked.legal_form,
            province_code=locked.province_code, ward_code=locked.ward_code, address_line=locked.address_line,
            phone=locked.phone, tax_code=locked.tax_code, legal_representative=locked.legal_representative,
            bank_name=locked.bank_name, bank_account_number=locked.bank_account_number,
            bank_account_holder=locked.bank_account_holder,
        )
        applicant = locked.applicant
        partner.users.add(applicant)
        applicant.groups.add(Group.objects.get_or_create(name=roles.PRODUCER)[0])
        locked.status = ProducerApplication.Status.APPROVED
        locked.producer = producer
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "producer", "reviewed_by", "reviewed_at"])
        action_record(PortalAccess(producer=producer, user=actor, assisted=False), "application_approved", locked,
                      applicant=applicant.pk)
        transaction.on_commit(lambda: _decision_mail(locked, site_url))
    return producer


def application_reject(*, application: ProducerApplication, actor, reason: str, site_url: str = "",
                       ) -> ProducerApplication:
    """Reject a submitted application with a reason the applicant will read; they may apply again."""
    reason = (reason or "").strip()
    if not reason:
        raise OnboardingError(_("Hãy ghi lý do từ chối."))
    with transaction.atomic():
        locked = _locked_submitted(application, actor)
        locked.status = ProducerApplication.Status.REJECTED
        locked.rejection_reason = reason
        locked.reviewed_by = actor
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=["status", "rejection_reason", "reviewed_by", "reviewed_at"])
        transaction.on_commit(lambda: _decision_mail(locked, site_url))
    return locked


def _decision_mail(application: ProducerApplication, site_url: str) -> None:
    if not application.applicant.email:
        return
    if application.status == ProducerApplication.Status.APPROVED:
        subject = _("Đơn đăng ký bán hàng của %(name)s đã được duyệt") % {"name": application.name}
        body = _(
            "Chúc mừng! Văn phòng điều phối OCOP tỉnh đã duyệt đơn đăng ký bán hàng của %(name)s.\n"
            "Bạn có thể đăng nhập và mở cổng chủ thể tại %(url)s để đăng sản phẩm."
        ) % {"name": application.name, "url": site_url.rstrip("/") + reverse("producer_portal:home")}
    else:
        subject = _("Đơn đăng ký bán hàng của %(name)s chưa được duyệt") % {"name": application.name}
        body = _(
            "Văn phòng điều phối OCOP tỉnh chưa duyệt đơn đăng ký bán hàng của %(name)s.\n"
            "Lý do: %(reason)s\n"
            "Bạn có thể bổ sung và nộp lại đơn tại %(url)s."
        ) % {"name": application.name, "reason": application.rejection_reason,
             "url": site_url.rstrip("/") + reverse("producer_portal:onboarding_apply")}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [application.applicant.email])


ASSISTED_PEOPLE_REFUSAL = "assisted"


def _people_refused_to_assistants(access: PortalAccess) -> None:
    """Who works for a producer is the producer's own decision: staff doing assisted listing cannot change it."""
    if access.assisted:
        raise OnboardingError(_(
            "Chỉ người của chủ thể mới được mời hoặc thu hồi lời mời nhân viên; nhân viên hỗ trợ đăng bán "
            "không được thay đổi ai làm việc cho chủ thể."
        ), code=ASSISTED_PEOPLE_REFUSAL)


def invitation_create(*, access: PortalAccess, email: str, site_url: str) -> ProducerInvitation:
    """Invite ``email`` to work for the producer; the link is valid INVITATION_DAYS days.

    ``site_url`` is the scheme and host the link in the e-mail starts with (https://example.vn).
    """
    _people_refused_to_assistants(access)
    email = (email or "").strip().lower()
    if not email:
        raise OnboardingError(_("Hãy nhập địa chỉ thư điện tử."))
    producer = access.producer
    if producer.partner.users.filter(email__iexact=email).exists():
        raise OnboardingError(_("Người dùng %(email)s đã làm việc cho chủ thể này.") % {"email": email})
    now = timezone.now()
    with transaction.atomic():
        Producer.objects.select_for_update().filter(pk=producer.pk).first()
        if ProducerInvitation.objects.filter(
            producer=producer, email=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now,
        ).exists():
            raise OnboardingError(_("Đã có lời mời còn hiệu lực gửi tới %(email)s.") % {"email": email})
        invitation = ProducerInvitation.objects.create(
            producer=producer, email=email, invited_by=access.user,
            expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
        )
        action_record(access, "invitation_sent", invitation, email=email)
        link = site_url.rstrip("/") + reverse("producer_portal:onboarding_invitation", args=[invitation.token])
        transaction.on_commit(lambda: _invitation_mail(invitation, link))
    return invitation


def _invitation_mail(invitation: ProducerInvitation, link: str) -> None:
    subject = _("Lời mời làm việc cho %(name)s trên sàn OCOP") % {"name": invitation.producer.name}
    body = _(
        "%(name)s mời bạn cùng quản lý gian hàng trên sàn OCOP.\n"
        "Đăng nhập (hoặc tạo tài khoản) rồi mở liên kết sau để nhận lời mời, trước %(expires)s:\n%(link)s"
    ) % {"name": invitation.producer.name, "link": link,
         "expires": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y %H:%M")}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])


def invitation_revoke(*, access: PortalAccess, invitation: ProducerInvitation) -> ProducerInvitation:
    """Withdraw a pending invitation of the producer; its link stops working."""
    _people_refused_to_assistants(access)
    with transaction.atomic():
        locked = ProducerInvitation.objects.select_for_update().get(pk=invitation.pk, producer=access.producer)
        if locked.accepted_at is not None or locked.revoked_at is not None:
            raise OnboardingError(_("Lời mời này đã được nhận hoặc đã bị thu hồi."))
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        action_record(access, "invitation_revoked", locked, email=locked.email)
    return locked


def invitation_refusal(invitation: ProducerInvitation | None) -> str | None:
    """Why an invitation link cannot be used any more (translated), or None when it can."""
    if invitation is None:
        return _("Liên kết mời không tồn tại. Hãy kiểm tra lại thư mời.")
    if invitation.accepted_at is not None:
        return _("Lời mời này đã được sử dụng.")
    if invitation.revoked_at is not None:
        return _("Lời mời này đã bị chủ thể thu hồi.")
    if invitation.expires_at <= timezone.now():
        return _("Lời mời này đã hết hạn. Hãy đề nghị chủ thể gửi lời mời mới.")
    return None


def invitation_accept(*, token: str, user) -> Producer:
    """Make ``user`` one of the producer's users through a valid invitation link (used once)."""
    with transaction.atomic():
        invitation = ProducerInvitation.objects.select_for_update().select_related("producer__partner").filter(
            token=token,
        ).first()
        refusal = invitation_refusal(invitation)
        if refusal:
            raise OnboardingError(refusal)
        if (user.email or "").strip().lower() != invitation.email.lower():
            # A forwarded or leaked link does not let someone else join the producer.
            raise OnboardingError(_(
                "Lời mời này gửi tới %(email)s. Hãy đăng nhập bằng tài khoản có địa chỉ thư điện tử đó."
            ) % {"email": invitation.email})
        producer = invitation.producer
        producer.partner.users.add(user)
        user.groups.add(Group.objects.get_or_create(name=roles.PRODUCER)[0])
        invitation.accepted_by = user
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_by", "accepted_at"])
        action_record(PortalAccess(producer=producer, user=user, assisted=False), "invitation_accepted",
                      invitation, email=invitation.email)
    return producer
