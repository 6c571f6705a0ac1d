"""`manage.py load_demo_data`: the Thanh Hóa OCOP demo catalogue, the rating portal's demo, orders and accounts.

Idempotent: a second run creates and updates nothing.
"""

from functools import partial

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from marketplace.demo.catalogue import DemoUser, LoadSummary, demo_data_load
from marketplace.demo.editorial import EDITORIAL_DEMO_ACCOUNTS, EDITORIAL_DEMO_USERS
from marketplace.demo.home import home_demo_load
from marketplace.demo.news import news_demo_load
from marketplace.demo.orders import orders_demo_load
from marketplace.demo.portal import PORTAL_DEMO_ACCOUNTS, PORTAL_DEMO_USERS, portal_demo_load
from marketplace.demo.programme import programme_demo_load
from marketplace.demo.rating import RATING_DEMO_ACCOUNTS, RATING_DEMO_USERS, rating_demo_load
from marketplace.demo.translations import translations_demo_load
from marketplace.demo.trust import trust_demo_load
from marketplace.search_index.api import reindex

# Demo-only credentials, printed at the end of every run: never load the demo into production.
SHOPPER_EMAIL = "khachhang@ocop.vn"
SHOPPER_PASSWORD = "ocop-demo-2026"  # noqa: S105
ADMIN_EMAIL = "admin@ocop.vn"
ADMIN_PASSWORD = "ocop-admin-2026"  # noqa: S105

DEMO_USERS = [
    DemoUser(email=SHOPPER_EMAIL, password=SHOPPER_PASSWORD, first_name="Nguyễn Thị", last_name="Lan"),
    DemoUser(
        email=ADMIN_EMAIL, password=ADMIN_PASSWORD, first_name="Quản trị", last_name="OCOP", is_superuser=True,
    ),
    *RATING_DEMO_USERS,
    *PORTAL_DEMO_USERS,
    *EDITORIAL_DEMO_USERS,
]


def _rating_portal_orders_and_news(*, summary: LoadSummary, written: list, with_images: bool) -> None:
    rating_demo_load(summary=summary, written=written)
    portal_demo_load(summary=summary, written=written)
    orders_demo_load(summary=summary, written=written)
    news_demo_load(summary=summary, written=written, with_images=with_images)
    programme_demo_load(summary=summary, written=written, with_images=with_images)
    trust_demo_load(summary=summary)
    home_demo_load(summary=summary, written=written, with_images=with_images)
    # Last: the English pages translate the Vietnamese ones loaded above.
    translations_demo_load(summary=summary)


class Command(BaseCommand):
    help = (
        "Load the demo catalogue of Thanh Hóa OCOP products, the rating portal's rounds and dossiers, "
        "the producers' orders, the news and the demo accounts; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-images", action="store_true", help="Do not draw product images (faster, e.g. in tests).",
        )

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError(
                "The demo creates accounts for every role (secretariat, decision signer...) with published "
                "passwords. Set DEMO_DATA_ALLOWED=True only on a machine for trying the project, never in production."
            )
        # The demo orders' customers are fictional: the e-mails of each fulfilment step (sent when the demo's
        # one transaction commits) go nowhere.
        with_images = not options["no_images"]
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            summary = demo_data_load(
                users=DEMO_USERS, with_images=with_images,
                then=partial(_rating_portal_orders_and_news, with_images=with_images),
            )
        kinds = sorted(set(summary.created) | set(summary.updated))
        width = max(len(kind) for kind in kinds)
        for kind in kinds:
            self.stdout.write(
                f"  {kind:<{width}}  {summary.created[kind]:>4} created  {summary.updated[kind]:>4} updated"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data loaded: {summary.total_created} rows created, {summary.total_updated} updated."
            )
        )
        for warning in summary.warnings:
            self.stdout.write(self.style.WARNING(warning))
        # The outbox keeps the index true from now on; this covers a database loaded before the index existed.
        indexed = reindex()
        self.stdout.write(f"Search index: {indexed.indexed} products indexed.")
        accounts = [
            ("shopper", SHOPPER_EMAIL, SHOPPER_PASSWORD),
            ("admin", ADMIN_EMAIL, ADMIN_PASSWORD),
            *((role, account.email, account.password) for role, account in RATING_DEMO_ACCOUNTS),
            *((role, account.email, account.password) for role, account in PORTAL_DEMO_ACCOUNTS),
            *((role, account.email, account.password) for role, account in EDITORIAL_DEMO_ACCOUNTS),
        ]
        width = max(len(role) for role, _, _ in accounts)
        self.stdout.write("Demo accounts (sign in with the e-mail address; the rating portal is at /ocop/, "
                          "the producer portal at /producer/, the CMS at /cms/):")
        for role, email, password in accounts:
            self.stdout.write(f"  {role:<{width}}  {email} / {password}")
