from django.conf import settings
from django.core.management.base import BaseCommand

from marketplace.shop.order.order_payments import orders_expire_unpaid_transfers


class Command(BaseCommand):
    help = (
        "Cancel the orders whose bank transfer by VietQR has not been recorded within VIETQR_TRANSFER_EXPIRY_HOURS, "
        "release their stock and e-mail their customers. Safe to run at any time (beat runs it every 15 minutes)."
    )

    def handle(self, *args, **options):
        numbers = orders_expire_unpaid_transfers()
        for number in numbers:
            self.stdout.write(f"cancelled {number}")
        self.stdout.write(self.style.SUCCESS(
            f"{len(numbers)} order(s) cancelled: transfer not received within {settings.VIETQR_TRANSFER_EXPIRY_HOURS} h"
        ))
