"""Order placement that cannot oversell (ARCHITECTURE.md decision 4)."""

from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.apps.order.utils import OrderCreator as CoreOrderCreator
from oscar.apps.order.utils import OrderNumberGenerator  # noqa: F401  (re-exported for get_class)
from oscar.core.loading import get_model

from .exceptions import InsufficientStock

StockRecord = get_model("partner", "StockRecord")


class OrderCreator(CoreOrderCreator):
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
