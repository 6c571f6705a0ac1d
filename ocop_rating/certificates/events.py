"""A certificate's history (``CertificateEvent``): issued, extended, reminded, expired, revoked.
The only writer of those rows.
"""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from ocop_rating.certificates.models import Certificate, CertificateEvent
from ocop_rating.workflow.events import user_or_none


def _write(*, certificate: Certificate, actor, from_status: str, note: str) -> CertificateEvent:
    return CertificateEvent.objects.create(
        certificate=certificate, actor=user_or_none(actor), from_status=from_status, to_status=certificate.status,
        note=note,
    )


def certificate_issued_event(*, certificate: Certificate, actor, decision_number: str) -> CertificateEvent:
    return _write(certificate=certificate, actor=actor, from_status="",
                  note=_("Cấp theo quyết định %(number)s.") % {"number": decision_number})


def certificate_moved_event(certificate: Certificate, from_status: str, *, actor, note: str) -> CertificateEvent:
    """A status change (``workflow.transitions.transition`` calls this with the locked row)."""
    return _write(certificate=certificate, actor=actor, from_status=from_status, note=note)


def certificate_extended_event(*, certificate: Certificate, actor, until_text: str) -> CertificateEvent:
    return _write(certificate=certificate, actor=actor, from_status=certificate.status,
                  note=_("Gia hạn hiệu lực đến %(date)s trong khi chờ đánh giá lại.") % {"date": until_text})


def certificate_extension_ended_event(*, certificate: Certificate, actor) -> CertificateEvent:
    return _write(certificate=certificate, actor=actor, from_status=certificate.status,
                  note=_("Hồ sơ đánh giá lại không được công nhận: chấm dứt gia hạn."))


def certificate_reminded_event(*, certificate: Certificate, recipients: list[str], day: datetime.date):
    note = (_("Đã gửi nhắc đánh giá lại tới: %(emails)s") % {"emails": ", ".join(recipients)} if recipients
            else _("Nhắc đánh giá lại: chủ thể không có địa chỉ e-mail."))
    return _write(certificate=certificate, actor=None, from_status=certificate.status, note=note)
