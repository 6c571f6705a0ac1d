"""Order and line statuses: stored as stable keys, shown to people in their language."""

from django.utils.translation import gettext_lazy as _

PENDING, CONFIRMED, SHIPPED, DELIVERED, RETURNED, CANCELLED = (
    "pending", "confirmed", "shipped", "delivered", "returned", "cancelled",
)
PACKED = "packed"

LABELS = {
    PENDING: _("Chờ xác nhận"),
    CONFIRMED: _("Đã xác nhận, đang chuẩn bị hàng"),
    PACKED: _("Đã đóng gói, chờ giao cho đơn vị vận chuyển"),
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

# A producer's fulfilment group (ARCHITECTURE.md decision 3): its own steps, packing included; it is
# shipped only when handed to a carrier with a tracking number.
GROUP_PIPELINE = {
    PENDING: (CONFIRMED, CANCELLED),
    CONFIRMED: (PACKED, CANCELLED),
    PACKED: (SHIPPED, CANCELLED),
    SHIPPED: (DELIVERED, RETURNED),
    DELIVERED: (),
    RETURNED: (),
    CANCELLED: (),
}
GROUP_STATUSES = tuple(GROUP_PIPELINE)


def status_label(status: str) -> str:
    return str(LABELS.get(status, status))
