"""The producer portal's demo: producer accounts for several producers and an assisted-listing account.

Each producer account holds the producer role and is a user of its producers' Oscar Partner, so it
opens /producer/ on that producer's products. The assisted-listing account is a member of the
provincial office's staff who may work for any producer (``producers.act_for_producer``).
Idempotent like the rest of the demo: a second run changes nothing.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from marketplace.demo import catalogue_data
from marketplace.demo.catalogue import DemoUser, LoadSummary
from marketplace.demo.rating import DEMO_PASSWORD
from marketplace.producers.models import Producer
from ocop_rating import roles

ASSISTANT_EMAIL = "hotro.dangban@ocop.vn"

# (account, the producers it works for). The rating demo's producer account (chuthe@ocop.vn) works
# for two more producers, set up by marketplace.demo.rating.
PRODUCER_ACCOUNTS: tuple[tuple[DemoUser, tuple[str, ...]], ...] = (
    (DemoUser(email="nuocmam@ocop.vn", password=DEMO_PASSWORD, first_name="Trần Văn", last_name="Biển",
              groups=(roles.PRODUCER,)), ("cty-nuoc-mam-bien-xanh-sam-son",)),
    (DemoUser(email="matong@ocop.vn", password=DEMO_PASSWORD, first_name="Hà Thị", last_name="Mơ",
              groups=(roles.PRODUCER,)), ("trang-trai-mat-ong-rung-ba-thuoc",)),
    (DemoUser(email="banhgai@ocop.vn", password=DEMO_PASSWORD, first_name="Lê Thị", last_name="Nhung",
              groups=(roles.PRODUCER,)), ("hkd-banh-gai-ba-nhung",)),
)
ASSISTANT = DemoUser(email=ASSISTANT_EMAIL, password=DEMO_PASSWORD, first_name="Nguyễn Văn", last_name="Hỗ Trợ")

PORTAL_DEMO_USERS = [*(account for account, _slugs in PRODUCER_ACCOUNTS), ASSISTANT]
PORTAL_DEMO_ACCOUNTS: tuple[tuple[str, DemoUser], ...] = (
    *(("producer", account) for account, _slugs in PRODUCER_ACCOUNTS),
    ("assisted listing", ASSISTANT),
)


def portal_demo_load(*, summary: LoadSummary, written: list | None = None) -> None:
    """Link the producer accounts to their producers, let the assistant act for producers, and opt the
    demo's producers in to the postal channel (so /feeds/postal.xml lists every eligible demo product)."""
    User = get_user_model()
    for account, slugs in PRODUCER_ACCOUNTS:
        user = User.objects.get(email__iexact=account.email)
        for producer in Producer.objects.filter(slug__in=slugs).select_related("partner"):
            if not producer.partner.users.filter(pk=user.pk).exists():
                producer.partner.users.add(user)
                summary.record("producer users", created=True, updated=False)
    assistant = User.objects.get(email__iexact=ASSISTANT_EMAIL)
    permission = Permission.objects.get(content_type__app_label="producers", codename="act_for_producer")
    if not assistant.user_permissions.filter(pk=permission.pk).exists():
        assistant.user_permissions.add(permission)
        summary.record("assisted-listing permissions", created=True, updated=False)
    demo_slugs = [spec.slug for spec in catalogue_data.PRODUCERS]
    for producer in Producer.objects.filter(slug__in=demo_slugs, postal_channel_opt_in=False):
        producer.postal_channel_opt_in = True
        producer.postal_channel_opt_in_changed_at = timezone.now()
        producer.save(update_fields=["postal_channel_opt_in", "postal_channel_opt_in_changed_at"])
        summary.record("postal channel opt-ins", created=False, updated=True)
