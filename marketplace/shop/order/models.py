from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.address.abstract_models import AbstractShippingAddress
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from marketplace.core.addresses import VietnameseAddressMixin

from . import statuses
from .statuses import status_label


class Order(AbstractOrder):
    class Meta(AbstractOrder.Meta):
        pass

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class FulfilmentGroup(models.Model):
    """One producer's part of an order: their lines, their parcel, its shipping charge and tracking.

    A customer pays once for the order; each producer (the group's partner) confirms, packs and ships
    only their own lines (ARCHITECTURE.md decision 3). ``status`` changes only through
    marketplace.shop.order.fulfilment.fulfilment_group_transition, which writes a FulfilmentGroupEvent.
    """

    STATUS_CHOICES = [(key, statuses.LABELS[key]) for key in statuses.GROUP_STATUSES]

    order = models.ForeignKey(
        "order.Order", verbose_name=_("đơn hàng"), on_delete=models.CASCADE, related_name="fulfilment_groups",
    )
    partner = models.ForeignKey(
        "partner.Partner", verbose_name=_("đối tác bán hàng"), on_delete=models.PROTECT,
        related_name="fulfilment_groups",
    )
    status = models.CharField(_("trạng thái"), max_length=20, choices=STATUS_CHOICES, default=statuses.PENDING)
    shipping_charge = models.DecimalField(_("phí vận chuyển"), max_digits=12, decimal_places=0, default=0)
    carrier = models.CharField(_("đơn vị vận chuyển"), max_length=100, blank=True)
    tracking_number = models.CharField(_("mã vận đơn"), max_length=64, blank=True)
    cod_amount_collected = models.DecimalField(
        _("tiền thu hộ đã nhận"), max_digits=12, decimal_places=0, null=True, blank=True,
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("nhóm giao hàng")
        verbose_name_plural = _("nhóm giao hàng")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "partner"], name="fulfilment_group_one_per_partner"),
            models.CheckConstraint(condition=Q(shipping_charge__gte=0), name="fulfilment_group_shipping_not_negative"),
            models.CheckConstraint(
                condition=Q(cod_amount_collected__isnull=True) | Q(cod_amount_collected__gte=0),
                name="fulfilment_group_cod_not_negative",
            ),
            # Handed to a carrier: the parcel can be traced from then on.
            models.CheckConstraint(
                condition=~Q(status__in=[statuses.SHIPPED, statuses.DELIVERED, statuses.RETURNED])
                | (~Q(tracking_number="") & ~Q(carrier="")),
                name="fulfilment_group_shipped_is_tracked",
            ),
        ]
        indexes = [models.Index(fields=["partner", "status"], name="fulfilment_group_partner")]

    def __str__(self):
        return f"{self.order_id}/{self.partner_id} {self.status}"

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    @property
    def next_statuses(self) -> tuple[str, ...]:
        return statuses.GROUP_PIPELINE.get(self.status, ())

    @property
    def seller_name(self) -> str:
        """The name the customer knows the seller by: the producer's, else the partner's."""
        producer = getattr(self.partner, "producer", None)
        return producer.name if producer is not None else self.partner.name


class FulfilmentGroupEvent(models.Model):
    """One change of a fulfilment group: who, when, from which state to which, and why. Never edited."""

    group = models.ForeignKey(
        FulfilmentGroup, verbose_name=_("nhóm giao hàng"), on_delete=models.CASCADE, related_name="events",
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=20)
    to_status = models.CharField(_("sang trạng thái"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+",
    )
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("sự kiện giao hàng")
        verbose_name_plural = _("sự kiện giao hàng")
        ordering = ["group", "created_at", "pk"]

    def __str__(self):
        return f"{self.group_id}: {self.from_status} → {self.to_status}"


class Line(AbstractLine):
    # Null only for lines placed before orders were split by producer.
    fulfilment_group = models.ForeignKey(
        FulfilmentGroup, verbose_name=_("nhóm giao hàng"), on_delete=models.RESTRICT, null=True, blank=True,
        related_name="lines",
    )

    class Meta(AbstractLine.Meta):
        pass

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class ShippingAddress(VietnameseAddressMixin, AbstractShippingAddress):
    class Meta(AbstractShippingAddress.Meta):
        pass


from oscar.apps.order.models import *  # noqa: E402, F403
