"""A channel category renamed by staff changes the items of every product of its set."""

from django.db import transaction

from catalog.models import Product
from marketplace.outbox.services import outbox_write

from .push import TOPIC, push_enabled


def category_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created or not push_enabled():
        return
    with transaction.atomic():  # the admin saves inside a transaction already: this is then a savepoint
        for pk in Product.objects.filter(ocop_set_id=instance.product_set_id).values_list("pk", flat=True):
            outbox_write(topic=TOPIC, key=pk, payload={"reason": "channel category"})
