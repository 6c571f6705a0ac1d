"""Bank transfer by VietQR (chuyển khoản): the order waits, pending payment, until the money is recorded."""

from decimal import Decimal

from oscar.core.loading import get_model

from .states import Method

CODE = Method.VIETQR.value
NAME = Method.VIETQR.label


def bank_transfer_payment_source(*, amount: Decimal, reference: str):
    """Return an unsaved Oscar payment source allocating the whole order total to a transfer with ``reference``."""
    SourceType = get_model("payment", "SourceType")
    Source = get_model("payment", "Source")
    source_type, _created = SourceType._default_manager.get_or_create(code=CODE, defaults={"name": str(NAME)})
    return Source(source_type=source_type, amount_allocated=amount, reference=reference)
