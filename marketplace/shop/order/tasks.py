from celery import shared_task

from .order_payments import orders_expire_unpaid_transfers


@shared_task(acks_late=True, reject_on_worker_lost=True, ignore_result=True)
def expire_unpaid_bank_transfers() -> list[str]:
    """Cancel the orders whose bank transfer is overdue and release their stock (beat, every 15 minutes)."""
    return orders_expire_unpaid_transfers()
