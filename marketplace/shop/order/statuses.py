"""Order and line statuses: stored as stable keys, shown to people in their language."""

from django.utils.translation import gettext_lazy as _

PENDING, CONFIRMED, SHIPPED, DELIVERED, RETURNED, CANCELLED = (
    "pending", "confirmed", "shipped", "delivered", "returned", "cancelled",
)

LABELS = {
    PENDING: _("Chờ xác nhận"),
    CONFIRMED: _("Đã xác nhận, đang chuẩn bị hàng"),
    SHIPPED: _("Đang giao hàng"),
    DELIVERED: _("Đã giao hàng"),
    RETURNED: _("Đã hoàn trả"),
    CANCELLED: _("Đã hủy"),
}

PIPELINE = {
    PENDING: (CONFIRMED, CANCELLED),
    CONFIRMED: (SHIPPED, CANCELLED),
    SHIPPED: (DELIVERED, RETURNED),
    DELIVERED: (),
    RETURNED: (),
    CANCELLED: (),
}


def status_label(status: str) -> str:
    return str(LABELS.get(status, status))
