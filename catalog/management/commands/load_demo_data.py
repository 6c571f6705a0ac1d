"""`manage.py load_demo_data`: the Thanh Hóa OCOP demo catalogue and two demo accounts (idempotent)."""

from django.core.management.base import BaseCommand

from catalog.demo.loader import DemoUser, demo_data_load

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
]


class Command(BaseCommand):
    help = "Load the demo catalogue of Thanh Hóa OCOP products and the demo accounts; safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-images", action="store_true", help="Do not draw product images (faster, e.g. in tests).",
        )

    def handle(self, *args, **options):
        summary = demo_data_load(users=DEMO_USERS, with_images=not options["no_images"])
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
        self.stdout.write("Demo accounts (sign in with the e-mail address):")
        self.stdout.write(f"  shopper  {SHOPPER_EMAIL} / {SHOPPER_PASSWORD}")
        self.stdout.write(f"  admin    {ADMIN_EMAIL} / {ADMIN_PASSWORD}")
