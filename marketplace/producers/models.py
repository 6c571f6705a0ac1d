"""Producers (chủ thể OCOP): the cooperatives and household businesses behind each product."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.core.divisions import (
    THANH_HOA,
    DivisionNames,
    validate_province_code,
    validate_ward_code,
)


class Producer(DivisionNames, models.Model):
    class LegalForm(models.TextChoices):
        COOPERATIVE = "cooperative", _("Hợp tác xã")
        COOPERATIVE_GROUP = "cooperative_group", _("Tổ hợp tác")
        ENTERPRISE = "enterprise", _("Doanh nghiệp")
        FARM = "farm", _("Trang trại")
        HOUSEHOLD_BUSINESS = "household_business", _("Hộ kinh doanh")
        PRODUCTION_HOUSEHOLD = "production_household", _("Hộ sản xuất")
        ASSOCIATION = "association", _("Hiệp hội, trung tâm điều hành (du lịch)")

    partner = models.OneToOneField(
        "partner.Partner", verbose_name=_("đối tác bán hàng"), on_delete=models.PROTECT, related_name="producer",
    )
    name = models.CharField(_("tên chủ thể"), max_length=255)
    slug = models.SlugField(_("đường dẫn"), max_length=255, unique=True)
    legal_form = models.CharField(_("loại hình"), max_length=32, choices=LegalForm.choices)
    province_code = models.PositiveIntegerField(_("tỉnh/thành phố"), validators=[validate_province_code])
    ward_code = models.PositiveIntegerField(_("xã/phường"), validators=[validate_ward_code], db_index=True)
    address_line = models.CharField(_("địa chỉ (thôn, số nhà)"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20, blank=True)
    story = models.TextField(_("câu chuyện sản phẩm"), blank=True, help_text=_("Văn bản thuần, không dùng HTML."))
    tax_code = models.CharField(_("mã số thuế / số đăng ký kinh doanh"), max_length=32, blank=True)
    legal_representative = models.CharField(_("người đại diện theo pháp luật"), max_length=255, blank=True)
    bank_name = models.CharField(_("ngân hàng nhận tiền"), max_length=128, blank=True)
    bank_account_number = models.CharField(_("số tài khoản nhận tiền"), max_length=32, blank=True)
    bank_account_holder = models.CharField(_("chủ tài khoản nhận tiền"), max_length=255, blank=True)
    # The producer's own choice (set in the portal): list their eligible products on the postal channel.
    postal_channel_opt_in = models.BooleanField(_("đăng bán trên kênh bưu điện"), default=False)
    postal_channel_opt_in_changed_at = models.DateTimeField(
        _("thời điểm đổi lựa chọn kênh bưu điện"), null=True, blank=True, editable=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chủ thể OCOP")
        verbose_name_plural = _("chủ thể OCOP")
        constraints = [
            models.CheckConstraint(condition=~Q(slug=""), name="producer_slug_not_empty"),
        ]
        permissions = [
            ("act_for_producer", _("Thao tác thay chủ thể (hỗ trợ đăng bán)")),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("producers:detail", kwargs={"slug": self.slug})


class ProducerAction(models.Model):
    """One thing done in the producer portal: who did it, for which producer, and whether on their behalf.

    Assisted listing (a member of staff working for a producer, as postal staff do for rural sellers)
    records both identities: ``actor`` is the person at the keyboard, ``producer`` the seller, and
    ``assisted`` says the actor is not one of the producer's own users. Written only by
    marketplace.producers.portal.access.action_record; never edited.
    """

    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể"), on_delete=models.CASCADE, related_name="actions",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thao tác"), null=True, on_delete=models.SET_NULL,
        related_name="producer_actions",
    )
    assisted = models.BooleanField(_("thao tác thay chủ thể"), default=False)
    action = models.CharField(_("thao tác"), max_length=64)
    target_type = models.CharField(_("loại đối tượng"), max_length=64, blank=True)
    target_id = models.CharField(_("mã đối tượng"), max_length=64, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("thao tác trên cổng chủ thể")
        verbose_name_plural = _("thao tác trên cổng chủ thể")
        indexes = [models.Index(fields=["producer", "-created_at"], name="producer_action_recent")]

    def __str__(self):
        return f"{self.producer_id} {self.action} {self.target_type}:{self.target_id}"


def private_storage():
    """Where application documents live: the "private" storage, which the web server does not publish."""
    return storages["private"]


class ProducerApplication(DivisionNames, models.Model):
    """A user's application to sell on the marketplace, reviewed by the provincial office (secretariat).

    Written only by marketplace.producers.portal.onboarding.services; approval creates the Producer.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Đang chờ xét duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Bị từ chối")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đăng ký"), on_delete=models.CASCADE,
        related_name="producer_applications",
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=Status.choices, default=Status.SUBMITTED)
    legal_form = models.CharField(_("loại hình"), max_length=32, choices=Producer.LegalForm.choices)
    name = models.CharField(_("tên chủ thể"), max_length=255)
    tax_code = models.CharField(_("mã số thuế / số đăng ký kinh doanh"), max_length=32)
    legal_representative = models.CharField(_("người đại diện theo pháp luật"), max_length=255)
    province_code = models.PositiveIntegerField(
        _("tỉnh/thành phố"), validators=[validate_province_code], default=THANH_HOA,
    )
    ward_code = models.PositiveIntegerField(_("xã/phường"), validators=[validate_ward_code])
    address_line = models.CharField(_("địa chỉ (thôn, số nhà)"), max_length=255, blank=True)
    phone = models.CharField(_("số điện thoại"), max_length=20)
    bank_name = models.CharField(_("ngân hàng nhận tiền"), max_length=128)
    bank_account_number = models.CharField(_("số tài khoản nhận tiền"), max_length=32)
    bank_account_holder = models.CharField(_("chủ tài khoản nhận tiền"), max_length=255)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người xét duyệt"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    reviewed_at = models.DateTimeField(_("thời điểm xét duyệt"), null=True, blank=True)
    rejection_reason = models.TextField(_("lý do từ chối"), blank=True)
    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="applications",
    )
    created_at = models.DateTimeField(_("ngày nộp"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("đơn đăng ký bán hàng")
        verbose_name_plural = _("đơn đăng ký bán hàng")
        constraints = [
            models.UniqueConstraint(
                fields=["applicant"], condition=Q(status="submitted"), name="producer_application_one_open",
            ),
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(rejection_reason=""), name="producer_application_rejected_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(producer__isnull=False), name="producer_application_approved_has_producer",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"


class ProducerApplicationDocument(models.Model):
    """A registration document of an application (PDF, JPEG or PNG, checked by content like OCOP evidence)."""

    class Kind(models.TextChoices):
        BUSINESS_REGISTRATION = "business_registration", _("Giấy đăng ký kinh doanh")
        REPRESENTATIVE_ID = "representative_id", _("Giấy tờ tùy thân của người đại diện")
        OTHER = "other", _("Tài liệu khác")

    application = models.ForeignKey(
        ProducerApplication, verbose_name=_("đơn đăng ký"), on_delete=models.CASCADE, related_name="documents",
    )
    kind = models.CharField(_("loại giấy tờ"), max_length=32, choices=Kind.choices)
    file = models.FileField(
        _("tệp"), upload_to="producers/applications/%Y/", max_length=255, storage=private_storage,
    )
    original_name = models.CharField(_("tên tệp gốc"), max_length=255)
    content_type = models.CharField(_("kiểu tệp"), max_length=32)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_at = models.DateTimeField(_("ngày tải lên"), auto_now_add=True)

    class Meta:
        ordering = ["application", "kind", "uploaded_at", "pk"]
        verbose_name = _("giấy tờ đăng ký bán hàng")
        verbose_name_plural = _("giấy tờ đăng ký bán hàng")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="producer_application_document_content_type",
            ),
        ]

    def __str__(self):
        return self.original_name


INVITATION_DAYS = 7


def invitation_token() -> str:
    """A new secret for an invitation link."""
    return secrets.token_urlsafe(32)


class ProducerInvitation(models.Model):
    """An invitation, sent by e-mail, for a further user to work for a producer (valid INVITATION_DAYS days)."""

    producer = models.ForeignKey(
        Producer, verbose_name=_("chủ thể"), on_delete=models.CASCADE, related_name="invitations",
    )
    email = models.EmailField(_("thư điện tử"))
    token = models.CharField(_("mã lời mời"), max_length=64, unique=True, default=invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người mời"), null=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("ngày mời"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận lời"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    accepted_at = models.DateTimeField(_("thời điểm nhận lời"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lời mời làm việc cho chủ thể")
        verbose_name_plural = _("lời mời làm việc cho chủ thể")
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="producer_invitation_not_accepted_and_revoked",
            ),
        ]

    def __str__(self):
        return f"{self.producer_id} → {self.email}"
