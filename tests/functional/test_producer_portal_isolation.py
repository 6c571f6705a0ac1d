"""Every URL of the producer portal, walked from the URLconf, keeps one producer's data from everyone else.

Producer A has a product with a photo, an order of a customer who bought only from A, a pending
invitation, and an applicant's pending application with a document. Each portal URL (so a URL added
later is covered at once) is requested with A's ids, by GET and by POST, as an anonymous visitor, a
customer, producer B's user, a member of staff doing assisted listing for B, and a superuser who acts
for no producer. None of them gets A's page: anonymous visitors are sent to sign in, the others get
403, 404 or 410 (the invitation link shows whom it is from, but cannot be accepted by another account),
no response carries A's customer's name, phone or e-mail or A's product, and nothing is written.
A's own user (and the applicant, for the application) opens every page, so the ids are real.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import get_resolver, reverse
from oscar.core.loading import get_model

from marketplace.producers.models import (
    ProducerAction,
    ProducerApplication,
    ProducerApplicationDocument,
)
from marketplace.producers.portal.access import SESSION_ASSISTED, PortalAccess
from marketplace.producers.portal.onboarding.services import invitation_create
from ocop_rating.dossiers.services import dossier_create
from tests.factories import (
    THANH_HOA,
    WARD_DONG_SON,
    ProducerFactory,
    ProductFactory,
    ProductImageFactory,
    UserFactory,
    producer_user,
)
from tests.rating import png_upload

from .shop import Shopper
from .urlwalk import routes

pytestmark = pytest.mark.django_db

FulfilmentGroup = get_model("order", "FulfilmentGroup")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

CUSTOMER_NAME = "Phạm Thị Kín Đáo"
CUSTOMER_PHONES = ("0987 654 321", "0987654321", "+84987654321")
CUSTOMER_EMAIL = "kin.dao@example.vn"
PRODUCT_TITLE = "Nước mắm cốt nhĩ Đông Hải"
SECRETS = (CUSTOMER_NAME, *CUSTOMER_PHONES, CUSTOMER_EMAIL, PRODUCT_TITLE)
# Plausible fields of every portal form, with values that would change A's rows if they were accepted.
TAMPERED = {
    "to_status": "confirmed", "tracking_number": "VN123", "carrier": "vnpost", "amount": "1", "cod_amount": "1",
    "title": "Đã bị sửa", "price": "1", "num_in_stock": "0", "stock": "0", "is_public": "", "direction": "up",
    "reason": "Không", "email": "ke.gian@example.vn", "producer": "", "note": "x",
}
LOGIN = reverse("customer:login")
BULK_PAGES = {"bulk_home", "bulk_export", "bulk_template", "bulk_preview", "bulk_confirm"}
NO_ARGUMENT_PAGES = {"home", "choose", "assist", "assist_stop", "listing_list", "listing_create", "order_list",
                     "onboarding_apply", "onboarding_status", "onboarding_review_queue", "onboarding_staff",
                     "sales_overview", "sales_csv", "channel_settings"}


def _portal_routes():
    return [route for route in routes(get_resolver().url_patterns) if route.name.startswith("producer_portal:")]


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


class World:
    """Producer A's rows, producer B, and a signed-in client for every kind of visitor."""

    def __init__(self):
        self.a, self.b = ProducerFactory(name="HTX Nước mắm Đông Hải"), ProducerFactory(name="HTX Chè lam Phủ Quảng")
        self.product = ProductFactory(title=PRODUCT_TITLE, producer=self.a, weight_grams=500,
                                      stockrecord__price=100000, stockrecord__num_in_stock=10)
        self.image = ProductImageFactory(product=self.product)
        ProductFactory(title="Chè lam gừng Phủ Quảng", producer=self.b)
        self.user_a, self.user_b = producer_user(self.a), producer_user(self.b)
        self.dossier = dossier_create(product=self.product, kind="first", actor=self.user_a)

        shopper = Shopper()
        assert shopper.add_to_basket(self.product, quantity=2).status_code == 302
        assert shopper.checkout_to_preview(guest_email=CUSTOMER_EMAIL, first_name=CUSTOMER_NAME,
                                           phone_number=CUSTOMER_PHONES[0]).status_code == 200
        assert shopper.place_order().status_code == 302
        self.group = FulfilmentGroup.objects.get(partner=self.a.partner)

        self.invitation = invitation_create(
            access=PortalAccess(producer=self.a, user=self.user_a, assisted=False), email="ke.toan@example.vn",
            site_url="http://testserver",
        )
        self.applicant = UserFactory(email="htx.moi@example.vn")
        client = _signed_in(self.applicant)
        response = client.post(reverse("producer_portal:onboarding_apply"), {
            "legal_form": "cooperative", "name": "HTX Đồng Tâm", "tax_code": "2801234567",
            "legal_representative": "Nguyễn Văn Đức", "province_code": str(THANH_HOA), "ward_code": str(WARD_DONG_SON),
            "address_line": "Thôn 3", "phone": "0912 345 678", "bank_name": "Agribank",
            "bank_account_number": "3500205123456", "bank_account_holder": "HTX Đồng Tâm",
            "document_registration": png_upload("dkkd.png"),
        })
        assert response.status_code == 302, response.content.decode()[:1000]
        self.application = ProducerApplication.objects.get(applicant=self.applicant)
        self.document = ProducerApplicationDocument.objects.get(application=self.application)

        assistant = UserFactory(is_staff=True)
        assistant.user_permissions.add(Permission.objects.get(codename="act_for_producer"))
        assisted = self._assisted = _signed_in(assistant)
        self.assist_b()
        self.outsiders = {
            "anonymous": Client(),
            "customer": _signed_in(UserFactory()),
            "producer B": _signed_in(self.user_b),
            "assisted listing for B": assisted,
            "superuser acting for no producer": _signed_in(UserFactory(is_staff=True, is_superuser=True)),
        }

    def assist_b(self) -> None:
        """Put the assisted-listing session back on producer B."""
        session = self._assisted.session
        session[SESSION_ASSISTED] = self.b.pk
        session.save()

    def arguments(self) -> dict[str, str]:
        return {
            "product_id": str(self.product.pk), "image_id": str(self.image.pk), "group_id": str(self.group.pk),
            "application_id": str(self.application.pk), "document_id": str(self.document.pk),
            "invitation_id": str(self.invitation.pk), "token": self.invitation.token,
            "dossier_id": str(self.dossier.pk),
        }

    def state(self):
        """Everything of A's that a write through the portal could change."""
        stock = StockRecord.objects.get(product=self.product)
        self.group.refresh_from_db()
        self.invitation.refresh_from_db()
        self.application.refresh_from_db()
        return (
            Product.objects.filter(pk=self.product.pk).values_list("title", "is_public", "description").get(),
            (stock.price, stock.num_in_stock, stock.num_allocated),
            list(self.product.images.values_list("pk", "display_order")),
            (self.group.status, self.group.tracking_number, self.group.cod_amount_collected),
            (self.invitation.accepted_at, self.invitation.revoked_at),
            (self.application.status, self.application.producer_id),
            sorted(self.a.partner.users.values_list("pk", flat=True)),
            ProducerAction.objects.filter(producer=self.a).count(),
            list(self.dossier.evidence.values_list("pk", flat=True)),
            type(self.a).objects.values_list("postal_channel_opt_in", flat=True).get(pk=self.a.pk),
        )


@pytest.fixture
def world():
    return World()


def test_every_argument_of_every_portal_url_names_one_of_producer_as_rows(world):
    # Given the portal's URLs, then each argument they take is one the world gives a value of A's for
    # (a new kind of argument must be added here, so its URLs are walked too).
    arguments = {name for route in _portal_routes() for name in route.arguments}
    assert arguments <= set(world.arguments()), arguments - set(world.arguments())
    assert {route.name.split(":")[1] for route in _portal_routes() if not route.arguments} <= (
        NO_ARGUMENT_PAGES | BULK_PAGES)


def test_producer_as_own_people_open_every_page_with_these_ids(world):
    # Given A's user (and the applicant for the application's document), when they GET each page with an
    # argument, then it answers 200 (or 405 for a POST-only action): the ids the walk uses are real.
    owners = {"application_id": _signed_in(world.applicant)}
    user_a = _signed_in(world.user_a)
    for route in _portal_routes():
        if not route.arguments:
            continue
        client = owners.get(route.arguments[0], user_a)
        status = client.get(route.path(world.arguments())).status_code
        if route.name == "producer_portal:onboarding_review":
            assert status == 404  # the secretariat's page
        else:
            assert status in (200, 405), (route.name, status)
    # and the secrets the walk looks for are on A's own pages (so their absence elsewhere means something)
    order_page = user_a.get(reverse("producer_portal:order_detail", args=[world.group.pk])).content.decode()
    assert CUSTOMER_NAME in order_page
    assert any(phone in order_page for phone in CUSTOMER_PHONES)
    assert PRODUCT_TITLE in user_a.get(reverse("producer_portal:listing_list")).content.decode()


@pytest.mark.parametrize("who", ["anonymous", "customer", "producer B", "assisted listing for B",
                                 "superuser acting for no producer"])
def test_no_one_else_gets_producer_as_pages_or_data_and_nothing_changes(world, who):
    client = world.outsiders[who]
    before = world.state()
    for route in _portal_routes():
        path = route.path(world.arguments())
        for method in ("get", "post"):
            if who == "assisted listing for B":
                world.assist_b()  # a POST to "stop assisting" must not change what the next request is
            response = getattr(client, method)(path, TAMPERED if method == "post" else None)
            where = f"{who}: {method.upper()} {path} ({route.name}) → {response.status_code}"
            body = response.content.decode()
            assert not [secret for secret in SECRETS if secret in body], where
            if who == "anonymous":
                assert response.status_code == 302 and response["Location"].startswith(LOGIN), where
            elif route.arguments and not (route.name == "producer_portal:onboarding_invitation" and method == "get"):
                allowed = {403, 404, 405, 410}
                if who == "superuser acting for no producer":
                    allowed.add(302)  # sent to choose a producer first
                assert response.status_code in allowed, where
                if response.status_code == 302:
                    assert response["Location"] == reverse("producer_portal:assist"), where
            else:
                assert response.status_code < 500, where
            if route.name == "producer_portal:onboarding_invitation" and method == "get" and who != "anonymous":
                assert response.status_code == 200 and re.search(r"HTX Nước mắm Đông Hải", body), where
    assert world.state() == before
