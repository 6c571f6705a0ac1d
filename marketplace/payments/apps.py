from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payments of orders (cash on delivery, bank transfer by VietQR, later card) and their audit trail."""

    name = "marketplace.payments"
    label = "payments"
    verbose_name = _("Thanh toán")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # A bank account half configured is refused at start-up, not when the first shopper checks out.
        from .vietqr import vietqr_account

        vietqr_account()
