"""Payment methods, states and the one table of allowed transitions (stable keys, labels in the user's language)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Method(models.TextChoices):
    COD = "cod", _("Thanh toán khi nhận hàng (COD)")
    VIETQR = "vietqr", _("Chuyển khoản ngân hàng (VietQR)")
    CARD = "card", _("Thẻ thanh toán")


class State(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    EXPIRED = "expired", _("Quá hạn thanh toán")
    CANCELLED = "cancelled", _("Đã hủy")
    PARTIALLY_REFUNDED = "partially_refunded", _("Đã hoàn tiền một phần")
    REFUNDED = "refunded", _("Đã hoàn tiền")


class Action(models.TextChoices):
    """What caused a change: shown in the payment timeline."""

    CREATED = "created", _("Tạo khi đặt hàng")
    RECEIPT_RECORDED = "receipt_recorded", _("Nhân viên ghi nhận đã nhận tiền chuyển khoản")
    BANK_STATEMENT = "bank_statement", _("Khớp sao kê ngân hàng")
    COD_COLLECTED = "cod_collected", _("Nhân viên ghi nhận tiền thu hộ khi giao hàng")
    EXPIRED = "expired", _("Hết hạn chờ chuyển khoản")
    CANCELLED = "cancelled", _("Hủy thanh toán")
    PROVIDER = "provider", _("Cổng thanh toán báo")
    REFUND = "refund", _("Hoàn tiền")


# A payment that never completed (expired, cancelled) or was fully refunded stays where it is; a partly
# refunded one may be refunded further (its refunded total grows).
TRANSITIONS: dict[str, frozenset[str]] = {
    State.PENDING: frozenset({State.PAID, State.EXPIRED, State.CANCELLED}),
    State.PAID: frozenset({State.PARTIALLY_REFUNDED, State.REFUNDED}),
    State.PARTIALLY_REFUNDED: frozenset({State.PARTIALLY_REFUNDED, State.REFUNDED}),
    State.EXPIRED: frozenset(),
    State.CANCELLED: frozenset(),
    State.REFUNDED: frozenset(),
}

# States of a payment that still counts for its order: one such payment per order at most.
LIVE_STATES = (State.PENDING, State.PAID, State.PARTIALLY_REFUNDED, State.REFUNDED)
