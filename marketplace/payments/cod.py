"""Cash on delivery (thanh toán khi nhận hàng): nothing is taken online; the courier collects."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

CODE = "cod"
NAME = _("Thanh toán khi nhận hàng (COD)")


def cod_payment_source(*, amount: Decimal):
    """Return an unsaved payment source allocating the whole order total to collection on delivery."""
    SourceType = get_model("payment", "SourceType")
    Source = get_model("payment", "Source")
    source_type, _created = SourceType._default_manager.get_or_create(code=CODE, defaults={"name": str(NAME)})
    return Source(source_type=source_type, amount_allocated=amount, reference="")
