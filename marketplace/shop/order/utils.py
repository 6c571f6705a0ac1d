"""Order placement that cannot oversell (decision 4) and splits the order by producer (decision 3)."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401  (re-exported for get_class)
from oscar.core.loading import get_model

from catalog.changes import products_changed

from .exceptions import InsufficientStock
from .fulfilment import fulfilment_groups_create

StockRecord = get_model("partner", "StockRecord")


class OrderCreator(CoreOrderCreator):
    def create_order_model(self, user, basket, shipping_address, shipping_method, shipping_charge, *args, **kwargs):
        """Create the order and, in the same transaction, one fulfilment group per producer of the basket."""
        order = super().create_order_model(user, basket, shipping_address, shipping_method, shipping_charge,
                                           *args, **kwargs)
        self._fulfilment_groups = fulfilment_groups_create(order=order, basket=basket, shipping_method=shipping_method)
        return order

    def create_line_models(self, order, basket_line, extra_line_fields=None):
        """Create the line already linked to its producer's fulfilment group."""
        groups = getattr(self, "_fulfilment_groups", {})
        group = groups.get(basket_line.stockrecord.partner_id) if basket_line.stockrecord else None
        if group is not None and group.order_id == order.pk:
            extra_line_fields = {**(extra_line_fields or {}), "fulfilment_group": group}
        return super().create_line_models(order, basket_line, extra_line_fields)

    def update_stock_records(self, line):
        """Allocate the line's quantity only if it is still free, with one conditional UPDATE.

        Oscar calls this inside the placement transaction, in stock-record order, so the
        row locks the UPDATEs take are always acquired in primary-key order and a
        refused allocation rolls the whole order back.
        """
        stockrecord = line.stockrecord
        if stockrecord is None or not line.product.get_product_class().track_stock:
            return
        already_allocated = Coalesce(F("num_allocated"), Value(0))
        allocated = StockRecord._default_manager.filter(
            pk=stockrecord.pk,
            num_in_stock__gte=already_allocated + line.quantity,
        ).update(num_allocated=already_allocated + line.quantity)
        if allocated != 1:
            raise InsufficientStock(
                _("Sản phẩm “%(title)s” không còn đủ %(quantity)s trong kho. Vui lòng giảm số lượng trong giỏ hàng.")
                % {"title": line.product.get_title(), "quantity": line.quantity}
            )
        products_changed([line.product_id], reason="stock allocated")
