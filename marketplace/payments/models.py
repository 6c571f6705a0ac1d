from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .states import LIVE_STATES, Action, Method, State


class Payment(models.Model):
    """How one order is paid: method, exact amount in whole đồng, state, and references for people and providers.

    ``state`` (with the received and refunded amounts) changes only through
    marketplace.payments.services.payment_transition, which writes a PaymentEvent. The order is referred to
    by the model's label so that this low layer imports nothing of the shop (pyproject.toml, importlinter).
    """

    order = models.ForeignKey(
        "order.Order", verbose_name=_("đơn hàng"), on_delete=models.PROTECT, related_name="payments",
    )
    method = models.CharField(_("phương thức"), max_length=20, choices=Method.choices)
    amount = models.DecimalField(_("số tiền"), max_digits=14, decimal_places=0)
    currency = models.CharField(_("tiền tệ"), max_length=3, default="VND")
    state = models.CharField(_("trạng thái"), max_length=20, choices=State.choices, default=State.PENDING)
    reference = models.CharField(
        _("mã tham chiếu"), max_length=19, blank=True,
        help_text=_("Nội dung chuyển khoản khách ghi (chỉ chữ in hoa và số)."),
    )
    provider_reference = models.CharField(_("mã của nhà cung cấp"), max_length=255, blank=True)
    amount_received = models.DecimalField(_("số tiền đã nhận"), max_digits=14, decimal_places=0, null=True, blank=True)
    amount_refunded = models.DecimalField(_("số tiền đã hoàn"), max_digits=14, decimal_places=0, default=0)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    paid_at = models.DateTimeField(_("thanh toán lúc"), null=True, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("thanh toán")
        verbose_name_plural = _("thanh toán")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payment_amount_not_negative"),
            models.CheckConstraint(condition=Q(method__in=Method.values), name="payment_method_known"),
            models.CheckConstraint(condition=Q(state__in=State.values), name="payment_state_known"),
            models.CheckConstraint(
                condition=Q(reference="") | Q(reference__regex=r"^[A-Z0-9]{1,19}$"), name="payment_reference_ascii",
            ),
            # Paid (or refunded from paid) means the money arrived: the amount received is known.
            models.CheckConstraint(
                condition=Q(state__in=[State.PENDING, State.EXPIRED, State.CANCELLED])
                | (Q(amount_received__isnull=False) & Q(paid_at__isnull=False)),
                name="payment_paid_has_amount_received",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded__gte=0)
                & (Q(amount_refunded=0) | Q(amount_refunded__lte=F("amount_received"))),
                name="payment_refund_within_received",
            ),
            # One payment that counts per order: a new attempt only after the last one expired or was cancelled.
            models.UniqueConstraint(fields=["order"], condition=Q(state__in=LIVE_STATES), name="payment_one_live_per_order"),
            models.UniqueConstraint(
                fields=["reference"], condition=Q(state__in=LIVE_STATES) & ~Q(reference=""),
                name="payment_live_reference_unique",
            ),
            models.UniqueConstraint(
                fields=["method", "provider_reference"], condition=~Q(provider_reference=""),
                name="payment_provider_reference_unique",
            ),
        ]
        indexes = [models.Index(fields=["method", "state", "expires_at"], name="payment_method_state_expiry")]

    def __str__(self):
        return f"{self.reference or self.pk} {self.method} {self.state}"

    @property
    def state_label(self) -> str:
        return str(State(self.state).label)

    @property
    def method_label(self) -> str:
        return str(Method(self.method).label)


class PaymentEvent(models.Model):
    """One change of a payment: who (a person, or none for the system), what, when, from which state to which."""

    payment = models.ForeignKey(Payment, verbose_name=_("thanh toán"), on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("hành động"), max_length=30, choices=Action.choices)
    from_state = models.CharField(_("từ trạng thái"), max_length=20, blank=True)
    to_state = models.CharField(_("sang trạng thái"), max_length=20)
    amount = models.DecimalField(_("số tiền"), max_digits=14, decimal_places=0, null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện thanh toán")
        verbose_name_plural = _("sự kiện thanh toán")
        ordering = ["payment", "created_at", "pk"]

    def __str__(self):
        return f"{self.payment_id}: {self.from_state or '∅'} → {self.to_state} ({self.action})"

    @property
    def action_label(self) -> str:
        return str(Action(self.action).label)

    @property
    def from_state_label(self) -> str:
        return str(State(self.from_state).label) if self.from_state else ""

    @property
    def to_state_label(self) -> str:
        return str(State(self.to_state).label)
