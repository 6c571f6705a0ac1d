"""Writes of the contact form: store a message (rate-limited per address) and tell the staff about it once."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from .models import ContactMessage, ContactPage, SiteSettings
from .selectors import CONTACT_RATE_LIMIT, CONTACT_RATE_WINDOW, contact_messages_recent_count

logger = logging.getLogger(__name__)


class ContactRateLimited(Exception):
    """Too many messages from one address within the window; the message says when to try again."""

    def __init__(self):
        minutes = int(CONTACT_RATE_WINDOW.total_seconds() // 60)
        super().__init__(
            _("Bạn đã gửi %(limit)d tin nhắn trong %(minutes)d phút vừa qua. Vui lòng thử lại sau hoặc gọi "
              "đường dây nóng.") % {"limit": CONTACT_RATE_LIMIT, "minutes": minutes}
        )


def contact_message_create(*, page: ContactPage, name: str, phone: str, email: str, subject: str, message: str,
                           ip_address: str | None) -> ContactMessage:
    """Store a cleaned message and, once committed, have the staff told by e-mail (a Celery task).

    Raises ContactRateLimited when the address has sent CONTACT_RATE_LIMIT messages within CONTACT_RATE_WINDOW.
    """
    from ..tasks import contact_message_notify_task

    with transaction.atomic():
        if contact_messages_recent_count(ip_address=ip_address) >= CONTACT_RATE_LIMIT:
            raise ContactRateLimited()
        contact = ContactMessage.objects.create(
            page=page, name=name, phone=phone, email=email, subject=subject, message=message, ip_address=ip_address,
        )
        # robust: a broker that is down must not turn a stored message into an error page.
        transaction.on_commit(lambda: contact_message_notify_task.delay(contact.pk), robust=True)
    return contact


def _recipient(contact: ContactMessage) -> str:
    site = contact.page.get_site() if contact.page_id else None
    site = site or Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).email if site else ""


def contact_message_notify(*, message_id: int) -> bool:
    """E-mail the operator's address (site settings) about a stored message; once only (safe to run twice).

    Returns whether a mail was sent. Without an address in the settings nothing is sent and the message stays
    un-notified, so it is sent by a later run once the address is filled in.
    """
    with transaction.atomic():
        contact = ContactMessage.objects.select_for_update().filter(pk=message_id).first()
        if contact is None or contact.notified_at is not None:
            return False
        recipient = _recipient(contact)
        if not recipient:
            logger.warning("Contact message %s not e-mailed: no e-mail address in the site settings.", contact.pk)
            return False
        admin_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/") + reverse(
            "contact_messages:edit", args=[contact.pk])
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[Liên hệ] %(subject)s – %(name)s") % {
                "subject": contact.get_subject_display(), "name": contact.name}
            body = "\n".join([
                _("Có tin nhắn mới gửi qua trang Liên hệ."),
                "",
                _("Họ và tên: %(name)s") % {"name": contact.name},
                _("Số điện thoại: %(phone)s") % {"phone": contact.phone_display or "–"},
                _("Thư điện tử: %(email)s") % {"email": contact.email or "–"},
                _("Chủ đề: %(subject)s") % {"subject": contact.get_subject_display()},
                "",
                contact.message,
                "",
                _("Xem và đánh dấu đã xử lý: %(url)s") % {"url": admin_url},
            ])
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        contact.notified_at = timezone.now()
        contact.save(update_fields=["notified_at"])
    return True
