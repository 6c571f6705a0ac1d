"""Certificates of OCOP rating results: issue, revoke, expire, extend, remind.

Every status change goes through ``_certificate_transition`` (``workflow.transitions.transition`` with
``CERTIFICATE_MACHINE``), which locks the row, checks ``ALLOWED_TRANSITIONS``, saves and writes one
``CertificateEvent`` (``certificates/events.py``) in the same transaction. Whether a product shows its star
today is decided here and only here: ``product_certificate_set`` and ``_badge_refresh`` write the product's
badge columns, which the shop, the channel feed and search read (``Product.stars_shown_on``).
"""

from __future__ import annotations

import datetime
import logging
import re
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from catalog.changes import products_changed
from catalog.models import Product
from marketplace.core.divisions import ward_province_code
from ocop_rating.certificates.events import (
    certificate_extended_event,
    certificate_extension_ended_event,
    certificate_issued_event,
    certificate_moved_event,
    certificate_reminded_event,
)
from ocop_rating.certificates.models import Certificate
from ocop_rating.errors import RatingError
from ocop_rating.models import CertificateSequence, CriteriaVersion
from ocop_rating.roles import DECISION_SIGNER, SECRETARIAT, user_has_role
from ocop_rating.workflow.events import PermissionRefused, TransitionRefused, refusals_audited
from ocop_rating.workflow.transitions import StateMachine, transition

logger = logging.getLogger(__name__)

Status = Certificate.Status
IssuingLevel = Certificate.IssuingLevel

VALIDITY_MONTHS = Certificate.VALIDITY_MONTHS
# DOMAIN.md §4.3.6: the re-evaluation dossier is filed 180–120 days before expiry.
REEVALUATION_WINDOW_OPENS_DAYS = 180
REEVALUATION_WINDOW_CLOSES_DAYS = 120
MAX_LATE_EXTENSION_DAYS = 180
# Lower bound of each certified star band on the average score (DOMAIN.md §3.4).
STAR_MIN_SCORE = {3: Decimal(50), 4: Decimal(70), 5: Decimal(90)}
CODE_ALLOCATION_ATTEMPTS = 5

# from status -> statuses it may move to; nothing ever leaves expired or revoked.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    Status.ACTIVE: frozenset({Status.EXPIRED, Status.REVOKED}),
    Status.EXPIRED: frozenset(),
    Status.REVOKED: frozenset(),
}

_CODE_RE = re.compile(r"^(?P<province>\d+)-(?P<ward>\d+)-(?P<seq>\d+)-(?P<year>\d{4})$")


class CertificateError(RatingError):
    """A certificate operation was refused; nothing was written."""


class CertificateTransitionError(CertificateError, TransitionRefused):
    """The certificate's current status does not allow the requested change."""


def certificate_valid_until(*, issued_on: datetime.date) -> datetime.date:
    """The expiry date: 36 months after issue (29 Feb falls back to 28 Feb)."""
    return issued_on + relativedelta(months=VALIDITY_MONTHS)


def _code_prefix(*, province_code: int, ward_code: int) -> str:
    return f"{province_code:02d}-{ward_code:05d}-"


def certificate_code_allocate(*, product: Product, year: int) -> str:
    """Return the next code ``T-X-STT-year`` for the commune of the product's origin and take its number.

    STT counts per commune and year. Call it inside the issuing transaction: the commune's
    ``CertificateSequence`` row stays locked until that transaction ends, so concurrent issues in one
    commune queue there and get consecutive numbers. Codes written without the sequence (imported
    certificates) are skipped over; the unique code stays the final arbiter.
    """
    ward_code = product.origin_ward_code
    province_code = product.origin_province_code
    if not ward_code or not province_code:
        raise CertificateError(
            _("Sản phẩm “%(title)s” chưa có xã/phường xuất xứ: không thể cấp mã số chứng nhận.")
            % {"title": product.get_title()}
        )
    if ward_province_code(ward_code) != province_code:
        raise CertificateError(
            _("Xã/phường xuất xứ %(ward)s không thuộc tỉnh/thành phố %(province)s của sản phẩm.")
            % {"ward": ward_code, "province": province_code}
        )
    CertificateSequence.objects.get_or_create(province_code=province_code, ward_code=ward_code, year=year)
    sequence = CertificateSequence.objects.select_for_update().get(
        province_code=province_code, ward_code=ward_code, year=year,
    )
    prefix = _code_prefix(province_code=province_code, ward_code=ward_code)
    codes = Certificate.objects.filter(code__startswith=prefix, code__endswith=f"-{year}").values_list(
        "code", flat=True,
    )
    used = [int(m["seq"]) for m in map(_CODE_RE.match, codes) if m]
    sequence.last_number = max([sequence.last_number, *used]) + 1
    sequence.save(update_fields=["last_number"])
    return f"{prefix}{sequence.last_number:03d}-{year}"


def certificate_badge(certificate: Certificate | None) -> tuple[int | None, datetime.date | None]:
    """The product badge a certificate gives: its stars through its last valid day, while it is active."""
    if certificate is None or certificate.status != Status.ACTIVE:
        return None, None
    return certificate.stars, certificate.valid_through


def product_certificate_set(*, product: Product, certificate: Certificate | None) -> None:
    """Make ``certificate`` (or none) the product's current one and write its badge columns.

    With ``_badge_refresh`` the only writer of ``Product.certificate``, ``badge_stars`` and ``badge_until``.
    """
    if certificate is not None and certificate.product_id != product.pk:
        raise ValueError("certificate belongs to another product")
    stars, until = certificate_badge(certificate)
    Product.objects.filter(pk=product.pk).update(certificate=certificate, badge_stars=stars, badge_until=until)
    product.certificate, product.badge_stars, product.badge_until = certificate, stars, until
    products_changed([product.pk], reason="certificate")


def _badge_refresh(certificate: Certificate) -> None:
    """Rewrite the badge of the product whose current certificate this is, after its status or validity changed."""
    stars, until = certificate_badge(certificate)
    products = Product.objects.filter(certificate=certificate)
    products.update(badge_stars=stars, badge_until=until)
    products_changed(products.values_list("pk", flat=True), reason=f"certificate {certificate.status}")


def _transition_refused(certificate: Certificate, to_status: str) -> CertificateTransitionError:
    return CertificateTransitionError(
        _("Chứng nhận %(code)s đang ở trạng thái “%(from)s”, không thể chuyển sang “%(to)s”.")
        % {"code": certificate.code, "from": Status(certificate.status).label, "to": Status(to_status).label}
    )


CERTIFICATE_MACHINE = StateMachine(label=gettext_lazy("chứng nhận"), allowed=ALLOWED_TRANSITIONS,
                                   refusal=_transition_refused)


def _certificate_transition(
    *, certificate: Certificate, to_status: str, actor: AbstractBaseUser | None, note: str,
    **fields,
) -> Certificate:
    """Move a certificate to ``to_status`` (locked, checked against CERTIFICATE_MACHINE, one event);
    the product's badge follows in the same transaction."""
    with transaction.atomic():
        locked = transition(
            certificate, machine=CERTIFICATE_MACHINE, to_status=to_status,
            event=lambda row, from_status: certificate_moved_event(row, from_status, actor=actor, note=note),
            **fields,
        )
        _badge_refresh(locked)
    certificate.refresh_from_db()
    return locked


def _issue_check(*, product, stars: int, decision_number: str, issuing_level: str, score_total,
                 decision_date: datetime.date, issued_on: datetime.date) -> None:
    if stars in (1, 2):
        raise CertificateError(_("Sản phẩm đạt %(stars)s sao không được cấp giấy chứng nhận OCOP (chỉ 3–5 sao).")
                               % {"stars": stars})
    if stars not in (3, 4, 5):
        raise CertificateError(_("Hạng sao %(stars)s không hợp lệ (chỉ 3–5 sao).") % {"stars": stars})
    if issuing_level not in IssuingLevel.values:
        raise CertificateError(_("Cấp công nhận “%(level)s” không hợp lệ.") % {"level": issuing_level})
    if stars == 5 and issuing_level != IssuingLevel.CENTRAL:
        raise CertificateError(_("Sản phẩm 5 sao chỉ do cấp trung ương (Bộ Nông nghiệp và Môi trường) công nhận."))
    if stars < 5 and issuing_level != IssuingLevel.PROVINCE:
        raise CertificateError(_("Sản phẩm 3 sao, 4 sao do Chủ tịch UBND cấp tỉnh công nhận."))
    if not (decision_number or "").strip():
        raise CertificateError(_("Cần số quyết định công nhận để cấp giấy chứng nhận."))
    if score_total is not None and Decimal(score_total) < STAR_MIN_SCORE[stars]:
        raise CertificateError(
            _("Tổng điểm %(score)s không đủ cho hạng %(stars)s sao (tối thiểu %(min)s điểm).")
            % {"score": score_total, "stars": stars, "min": STAR_MIN_SCORE[stars]}
        )
    if decision_date is not None and issued_on < decision_date:
        raise CertificateError(
            _("Ngày cấp giấy chứng nhận không được trước ngày quyết định %(date)s.") % {"date": _date(decision_date)}
        )
    if product.pk is None:
        raise CertificateError(_("Sản phẩm chưa được lưu."))


def certificate_issue(
    *,
    product: Product,
    stars: int,
    decision_number: str,
    decision_date: datetime.date,
    issuing_level: str,
    criteria_version: CriteriaVersion,
    score_total: Decimal | None,
    issued_on: datetime.date,
    actor: AbstractBaseUser | None,
) -> Certificate:
    """Issue a 3–5★ certificate valid 36 months and make it the product's current one.

    An earlier active certificate of the product is expired (superseded) in the same transaction.
    Raises ``CertificateError`` (nothing written) for 1–2★, 5★ not central, 3–4★ not provincial,
    a missing decision number, a score below the star's band or a product without origin commune.
    """
    _issue_check(
        product=product, stars=stars, decision_number=decision_number, issuing_level=issuing_level,
        score_total=score_total, decision_date=decision_date, issued_on=issued_on,
    )
    for _attempt in range(CODE_ALLOCATION_ATTEMPTS):
        try:
            return _certificate_issue_once(
                product=product, stars=stars, decision_number=decision_number.strip(),
                decision_date=decision_date, issuing_level=issuing_level,
                criteria_version=criteria_version, score_total=score_total,
                issued_on=issued_on, actor=actor,
            )
        except _CodeTaken:
            continue
    raise CertificateError(_("Không cấp được mã số chứng nhận, vui lòng thử lại."))


class _CodeTaken(Exception):
    pass


def _certificate_issue_once(
    *, product, stars, decision_number, decision_date, issuing_level, criteria_version,
    score_total, issued_on, actor,
) -> Certificate:
    with transaction.atomic():
        # Serialises issues for one product (one active certificate per product).
        locked_product = Product.objects.select_for_update().get(pk=product.pk)
        code = certificate_code_allocate(product=locked_product, year=issued_on.year)
        previous = list(
            Certificate.objects.select_for_update().filter(product=locked_product, status=Status.ACTIVE)
        )
        for earlier in previous:
            _certificate_transition(
                certificate=earlier, to_status=Status.EXPIRED, actor=actor,
                note=_("Được thay thế bởi chứng nhận %(code)s.") % {"code": code},
            )
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    product=locked_product, stars=stars, code=code, decision_number=decision_number,
                    decision_date=decision_date, issuing_level=issuing_level,
                    criteria_version=criteria_version, score_total=score_total, issued_on=issued_on,
                    valid_until=certificate_valid_until(issued_on=issued_on), status=Status.ACTIVE,
                )
        except IntegrityError:
            if Certificate.objects.filter(code=code).exists():
                raise _CodeTaken from None
            raise
        certificate_issued_event(certificate=certificate, actor=actor, decision_number=decision_number)
        product_certificate_set(product=locked_product, certificate=certificate)
    product.certificate = certificate
    return certificate


@refusals_audited("certificate_revoke")
def certificate_revoke(
    *,
    certificate: Certificate,
    reason: str,
    decision_number: str,
    revoked_on: datetime.date,
    actor: AbstractBaseUser | None,
) -> Certificate:
    """Revoke an active certificate; the product keeps pointing at it so the shop can say so.

    The secretariat or the decision signer records the revocation decision (``actor=None`` only for
    system jobs); its date lies between the issue date and today.
    """
    if actor is not None and not user_has_role(actor, SECRETARIAT, DECISION_SIGNER):
        raise PermissionRefused(_("Chỉ cơ quan tham mưu OCOP cấp tỉnh hoặc người ký quyết định được thu hồi "
                                  "giấy chứng nhận."))
    CERTIFICATE_MACHINE.check(certificate, Status.REVOKED)
    reason = (reason or "").strip()
    decision_number = (decision_number or "").strip()
    if not reason:
        raise CertificateError(_("Cần ghi rõ lý do thu hồi giấy chứng nhận."))
    if not decision_number:
        raise CertificateError(_("Cần số quyết định thu hồi giấy chứng nhận."))
    if revoked_on is None:
        raise CertificateError(_("Cần ngày thu hồi giấy chứng nhận."))
    if revoked_on > timezone.localdate():
        raise CertificateError(_("Ngày thu hồi không được sau ngày hôm nay."))
    if revoked_on < certificate.issued_on:
        raise CertificateError(
            _("Ngày thu hồi không được trước ngày cấp %(date)s.") % {"date": _date(certificate.issued_on)}
        )
    return _certificate_transition(
        certificate=certificate, to_status=Status.REVOKED, actor=actor,
        note=_("Thu hồi theo quyết định %(number)s: %(reason)s") % {"number": decision_number, "reason": reason},
        revocation_reason=reason, revocation_decision_number=decision_number, revoked_on=revoked_on,
    )


def _due_for_expiry(*, today: datetime.date) -> Q:
    return Q(status=Status.ACTIVE, valid_until__lt=today) & (
        Q(extended_until__isnull=True) | Q(extended_until__lt=today)
    )


def certificates_expire_due(*, today: datetime.date) -> int:
    """Expire every active certificate past its validity (and extension); return how many. Idempotent."""
    count = 0
    due = list(Certificate.objects.filter(_due_for_expiry(today=today)).values_list("pk", flat=True))
    for pk in due:
        with transaction.atomic():
            # Re-read under the lock: another run may have expired (or someone revoked) it meanwhile.
            certificate = (
                Certificate.objects.select_for_update().filter(_due_for_expiry(today=today), pk=pk).first()
            )
            if certificate is None:
                continue
            _certificate_transition(
                certificate=certificate, to_status=Status.EXPIRED, actor=None, note=_("hết hạn"),
            )
            count += 1
    return count


def certificate_extend_for_late_reevaluation(
    *, certificate: Certificate, until: datetime.date, actor: AbstractBaseUser | None,
) -> Certificate:
    """Keep an active certificate valid past expiry up to ``until`` (≤ 180 days) while a late
    re-evaluation is pending; the caller checks that such a re-evaluation exists."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != Status.ACTIVE:
            raise CertificateTransitionError(
                _("Chứng nhận %(code)s đang ở trạng thái “%(status)s”, không thể gia hạn.")
                % {"code": locked.code, "status": locked.get_status_display()}
            )
        limit = locked.valid_until + datetime.timedelta(days=MAX_LATE_EXTENSION_DAYS)
        if until <= locked.valid_until:
            raise CertificateError(
                _("Ngày gia hạn phải sau ngày hết hạn %(date)s.") % {"date": _date(locked.valid_until)}
            )
        if until > limit:
            raise CertificateError(
                _("Chỉ được gia hạn tối đa %(days)s ngày sau ngày hết hạn, tức đến %(limit)s.")
                % {"days": MAX_LATE_EXTENSION_DAYS, "limit": _date(limit)}
            )
        locked.extended_until = until
        locked.save(update_fields=["extended_until", "updated_at"])
        _badge_refresh(locked)
        certificate_extended_event(certificate=locked, actor=actor, until_text=_date(until))
    certificate.refresh_from_db()
    return locked


def certificate_reevaluation_filed(
    *, certificate: Certificate, filed_on: datetime.date, actor: AbstractBaseUser | None,
) -> Certificate:
    """Note that a re-evaluation of ``certificate`` was filed on ``filed_on``.

    Filed in time (up to 120 days before expiry) nothing changes. Filed late, an active certificate
    stays valid past its expiry while the re-evaluation is pending, at most 180 days (Decision 26/2026
    Art. 12.3): ``extended_until`` is set to that limit and cut short when the decision comes
    (``certificate_issue`` supersedes it, ``certificate_reevaluation_refused`` ends it).
    """
    closes = certificate.valid_until - datetime.timedelta(days=REEVALUATION_WINDOW_CLOSES_DAYS)
    if certificate.status != Status.ACTIVE or filed_on <= closes or certificate.extended_until is not None:
        return certificate
    return certificate_extend_for_late_reevaluation(
        certificate=certificate,
        until=certificate.valid_until + datetime.timedelta(days=MAX_LATE_EXTENSION_DAYS), actor=actor,
    )


def certificate_reevaluation_refused(
    *, certificate: Certificate, today: datetime.date, actor: AbstractBaseUser | None,
) -> Certificate:
    """End the late-filing extension of ``certificate`` once its re-evaluation is not recognised.

    Past its expiry it expires now; before, it keeps its own expiry date and loses the extension.
    """
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != Status.ACTIVE or locked.extended_until is None:
            return locked
        note = _("Hồ sơ đánh giá lại không được công nhận: chấm dứt gia hạn.")
        if today > locked.valid_until:
            return _certificate_transition(certificate=locked, to_status=Status.EXPIRED, actor=actor, note=note)
        locked.extended_until = None
        locked.save(update_fields=["extended_until", "updated_at"])
        _badge_refresh(locked)
        certificate_extension_ended_event(certificate=locked, actor=actor)
    return locked


def _date(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _reminder_recipients(certificate: Certificate) -> list[str]:
    producer = certificate.product.producer
    if producer is None:
        return []
    emails = producer.partner.users.exclude(email="").filter(is_active=True).values_list("email", flat=True)
    return sorted(set(emails))


def _reminder_send(*, certificate: Certificate, recipients: list[str]) -> None:
    opens = certificate.valid_until - datetime.timedelta(days=REEVALUATION_WINDOW_OPENS_DAYS)
    closes = certificate.valid_until - datetime.timedelta(days=REEVALUATION_WINDOW_CLOSES_DAYS)
    with translation.override("vi"):
        params = {
            "product": certificate.product.get_title(), "code": certificate.code, "stars": certificate.stars,
            "valid_until": _date(certificate.valid_until), "opens": _date(opens), "closes": _date(closes),
        }
        subject = _("Nhắc nộp hồ sơ đánh giá lại sản phẩm OCOP %(product)s") % params
        body = _(
            "Kính gửi chủ thể OCOP,\n\n"
            "Giấy chứng nhận OCOP %(stars)s sao số %(code)s của sản phẩm “%(product)s” hết hạn ngày "
            "%(valid_until)s.\n"
            "Hồ sơ đánh giá lại được nộp trong thời hạn từ 180 đến 120 ngày trước ngày hết hạn, "
            "tức từ ngày %(opens)s đến ngày %(closes)s.\n\n"
            "Trân trọng,\nCơ quan tham mưu quản lý Chương trình OCOP tỉnh"
        ) % params
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


def _due_for_reminder(*, today: datetime.date) -> Q:
    horizon = today + datetime.timedelta(days=REEVALUATION_WINDOW_OPENS_DAYS)
    return Q(status=Status.ACTIVE, reminder_sent_on__isnull=True, valid_until__gte=today, valid_until__lte=horizon)


def certificates_remind_reevaluation(*, today: datetime.date) -> int:
    """E-mail the producer's users once when a certificate enters its last 180 days; return how many
    certificates were reminded. A producer without e-mail is recorded as reminded (and logged)."""
    count = 0
    due = list(Certificate.objects.filter(_due_for_reminder(today=today)).values_list("pk", flat=True))
    for pk in due:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update()
                .filter(_due_for_reminder(today=today), pk=pk)
                .first()
            )
            if certificate is None:
                continue
            recipients = _reminder_recipients(certificate)
            if recipients:
                # Sent inside the transaction: a failed send rolls back and the next run retries.
                _reminder_send(certificate=certificate, recipients=recipients)
            else:
                logger.warning("OCOP certificate %s: no producer e-mail for the re-evaluation reminder",
                               certificate.code)
            certificate.reminder_sent_on = today
            certificate.save(update_fields=["reminder_sent_on", "updated_at"])
            certificate_reminded_event(certificate=certificate, recipients=recipients, day=today)
            count += 1
    return count


def certificate_status_text(*, certificate: Certificate, today: datetime.date) -> str:
    """The status in words for the public check: còn hiệu lực / hết hiệu lực / đã thu hồi."""
    if certificate.status == Status.REVOKED:
        return str(Status.REVOKED.label)
    if certificate.is_valid(on=today):
        return str(Status.ACTIVE.label)
    return str(Status.EXPIRED.label)


__all__ = [
    "ALLOWED_TRANSITIONS", "CertificateError", "CertificateTransitionError", "certificate_code_allocate",
    "certificate_extend_for_late_reevaluation", "certificate_issue", "certificate_reevaluation_filed",
    "certificate_reevaluation_refused", "certificate_revoke",
    "certificate_status_text", "certificate_valid_until", "certificates_expire_due",
    "certificates_remind_reevaluation",
]
