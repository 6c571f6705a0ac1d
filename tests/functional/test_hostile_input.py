"""No input answers a server error: every URL pattern, walked from the root URLconf, with hostile values.

Each path argument gets every hostile value its converter lets through (a value the converter refuses
cannot reach the view: the resolver answers 404 or the next pattern serves it), and the query parameters
the project's and Oscar's views read get hostile values too. Each URL is requested as an anonymous
visitor, a customer with an order and a superuser (who reaches every admin and dashboard view), and the
rating portal's URLs as each rating role; DEBUG is off (test settings) and exceptions are turned into
responses as in production. The assertion lists every 500 with its URL and user.

Bounded for CI (it runs on SQLite and on PostgreSQL): Django admin's and Wagtail admin's generated
per-model URLs share one view class per kind, so each of them gets one hostile value in turn rather
than all of them; the values still all go through every kind of view. The English copies of the
i18n patterns (/en/...) are the same views and are not walked again.
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oscar.core.loading import get_model

from catalog.forms import PRICE_LIMIT, ProductFilterForm
from tests.factories import UserFactory
from tests.search import search_index_drain

from .shop import Shopper, csrf_token
from .urlwalk import Route, routes

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")

HOSTILE = {
    "nul": "\x00",
    "superscript digit": "²",
    "full-width digits": "１２",
    "slash": "a/b",
    "huge number": "99999999999999999999",
    "negative number": "-1",
    "10,000 characters": "x" * 10_000,
    "sql": "' OR 1=1--",
    "template syntax": "{{ 7*7 }}{% debug %}",
    "float overflow": "1e999999",
}
# Query parameters read by the project's views (grep request.GET), Oscar's (search, dashboards' filters and
# sorting, pagination) and Wagtail admin's (search, ordering, pagination).
QUERY_PARAMETERS = (
    "q", "page", "per_page", "sort", "sort_by", "ordering", "province", "ward", "producer", "stars", "group", "set",
    "price", "in_stock", "price_min", "price_max", "code", "next", "status", "p", "order_number", "date_from",
    "date_to",
)
CATALOGUE_PARAMETERS = ("page", "per_page", "sort", "province", "ward", "producer", "stars", "group", "set", "price",
                        "in_stock")
# Arguments whose pattern admits only a few words: a valid word, so the rest of the path is what is tried.
FILLERS = {"app_label": "catalogue", "action": "default_for_billing"}
# Django admin's and Wagtail admin's URLs repeat one view per model: one hostile value each, in turn.
GENERATED_PER_MODEL = ("django.contrib.admin", "wagtail.admin", "wagtail.snippets", "wagtail.contrib", "wagtail.users",
                       "wagtail.images", "wagtail.documents")


def _fill(route: Route, value: str | None = None, argument: str | None = None) -> str:
    """The path with ``value`` in ``argument`` (every argument when None), a harmless word elsewhere."""
    values = {}
    for name in route.arguments:
        harmless = FILLERS.get(name, "1")
        chosen = value if value is not None and argument in (None, name) else harmless
        # Wagtail serves any path of slash-terminated segments: the value is one segment.
        values[name] = f"{chosen}/" if route.name == "wagtail_serve" else chosen
    return route.path(values)


def hostile_paths(route: Route, values: list[str]) -> list[str]:
    """Paths of ``route`` carrying each value in each argument it fits (once when it fits all of them)."""
    paths = []
    for value in values:
        everywhere = _fill(route, value)
        if route.resolves_to_itself(everywhere):
            paths.append(everywhere)
            continue
        paths += [path for path in (_fill(route, value, name) for name in route.arguments)
                  if route.resolves_to_itself(path)]
    return list(dict.fromkeys(paths))


def hostile_query(offset: int) -> str:
    """Every common query parameter, each with another hostile value (rotated by ``offset``)."""
    values = list(HOSTILE.values())
    return urlencode({name: values[(offset + i) % len(values)] for i, name in enumerate(QUERY_PARAMETERS)})


def walk_requests(patterns=None, *, prefix: str = "") -> list[str]:
    """The URLs requested by the walk: hostile path arguments, and hostile query strings."""
    urls = []
    counter = itertools.count()
    for route in routes(patterns or get_resolver().url_patterns):
        if not route.name.startswith(prefix):
            continue
        generated = route.module.startswith(GENERATED_PER_MODEL)
        if route.arguments:
            values = list(HOSTILE.values())
            if generated:
                values = [values[next(counter) % len(values)]]
            urls += hostile_paths(route, values)
        else:
            urls.append(f"{route.path({})}?{hostile_query(next(counter))}")
    return urls


def server_errors(client: Client, urls: list[str], *, who: str, user=None) -> list[str]:
    errors = []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{who}: GET {url[:300]} answered {response.status_code}")
        if user is not None and "logout" in url.split("?")[0]:
            client.force_login(user)
    return errors


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def customer_with_order(product):
    """A signed-in customer who bought the fish sauce: their account pages have an order to show."""
    customer = UserFactory(email="khach.hang@example.vn")
    shopper = Shopper()
    shopper.client.force_login(customer)
    shopper.add_to_basket(product)
    shopper.checkout_to_preview(guest_email=None)
    assert shopper.place_order().status_code == 302
    return customer


def test_the_walk_covers_every_pattern_of_the_urlconf():
    # given the root URLconf's patterns
    all_routes = list(routes(get_resolver().url_patterns))
    # then every one of them resolves to itself when filled with a harmless value, so the walk reaches it
    unreached = [route.route for route in all_routes if not route.resolves_to_itself(_fill(route))]
    assert unreached == []
    # and the walk requests them all: Oscar's, Wagtail's, Django admin's and the rating portal's
    names = {route.name for route in all_routes}
    assert {"catalogue:index", "customer:order-line", "ocop_rating:verify", "admin:index", "wagtailadmin_home",
            "wagtail_serve", "dashboard:order-detail"} <= names


def test_no_url_answers_a_server_error_to_anyone(people, rating_product, customer_with_order):
    # given every URL with hostile arguments and query strings
    urls = walk_requests()
    staff = UserFactory(username="quan-tri", is_staff=True, is_superuser=True)
    errors = []
    # when an anonymous visitor, a customer with an order and a superuser request each of them
    errors += server_errors(_client(), urls, who="anonymous")
    errors += server_errors(_client(customer_with_order), urls, who="customer", user=customer_with_order)
    errors += server_errors(_client(staff), urls, who="superuser", user=staff)
    # and every rating role requests the rating portal's
    portal = walk_requests(prefix="ocop_rating:")
    for role in ("producer", "officer", "secretariat", "chair", "signer"):
        user = getattr(people, role)
        errors += server_errors(_client(user), portal, who=role, user=user)
    errors += server_errors(_client(people.members[0]), portal, who="member", user=people.members[0])
    # then none answers a server error
    assert errors == [], "\n".join(errors)


def test_every_catalogue_filter_takes_every_hostile_value_without_a_server_error(product):
    # given the catalogue and a producer's page, which read the filters
    client = _client()
    pages = [reverse("catalogue:index"), product.producer.get_absolute_url()]
    errors = []
    # when each filter gets each hostile value
    for page, name, (label, value) in itertools.product(pages, CATALOGUE_PARAMETERS, HOSTILE.items()):
        response = client.get(page, {name: value})
        if response.status_code >= 500:
            errors.append(f"{page}?{name}=<{label}> answered {response.status_code}")
    # then none answers a server error
    assert errors == [], "\n".join(errors)


@pytest.mark.parametrize("value", ["²", "１２", "3８"])
def test_a_province_in_non_ascii_digits_is_dropped(search_index_listening, product, value):
    search_index_drain()
    # when the catalogue is asked for a province written in non-ASCII digits
    response = _client().get(reverse("catalogue:index"), {"province": value})
    # then the page answers and leaves the value out instead of the server failing on int()
    assert response.status_code == 200
    assert response.context["chips"] == []
    assert list(response.context["products"]) == [product]


def test_prices_at_the_limits_are_accepted_and_minus_zero_is_zero():
    form = ProductFilterForm({"price_min": "-0", "price_max": str(PRICE_LIMIT)})
    assert form.is_valid(), form.errors
    filters = form.to_filters()
    assert (str(filters.price_min), filters.price_max) == ("0", Decimal("9999999999"))


@pytest.mark.parametrize("path", [
    "/shop/accounts/orders/%00/", "/shop/catalogue/?q=%00", "/ocop/verify/%00/", "/ocop/verify/%00/certificate.pdf",
    "/ocop/verify/%00/qr.png", "/shop/producers/a%00b/", "/%00/",
])
def test_a_nul_character_in_the_path_or_query_is_a_bad_request(customer_with_order, path):
    # when a signed-in customer's request carries a NUL character (PostgreSQL refuses it in text)
    response = _client(customer_with_order).get(path)
    # then it is refused as a bad request before any view runs
    assert response.status_code == 400


def test_a_nul_character_in_a_header_a_cookie_or_a_form_field_is_a_bad_request(customer_with_order):
    client = _client(customer_with_order)
    assert client.get("/shop/catalogue/", headers={"user-agent": "Mozilla\x00"}).status_code == 400
    client.cookies["sessionid"] = "abcdefgh\x00"
    assert client.get("/shop/catalogue/").status_code == 400
    form_client = Client(raise_request_exception=False)
    assert form_client.post(reverse("customer:login"), {"login-username": "a\x00", "login-password": "b"}).status_code == 400


def test_the_owner_sees_an_order_line_and_anyone_else_gets_404(customer_with_order):
    # given the customer's order and its line
    order = Order.objects.get(user=customer_with_order)
    line = order.lines.get()
    address = reverse("customer:order-line", kwargs={"order_number": order.number, "line_id": line.pk})
    # when the owner opens the line
    response = _client(customer_with_order).get(address)
    # then the page shows the product, quantity, price and status
    assert response.status_code == 200
    text = response.content.decode()
    for expected in ("Nước mắm Đông Hải", f"data-line-quantity>{line.quantity}</dd>", "125.000\u00a0₫",
                     f"data-line-status>{line.status_label}</dd>"):
        assert expected in text
    # and a line number that is not in the order, or another customer, gets 404
    missing = reverse("customer:order-line", kwargs={"order_number": order.number, "line_id": line.pk + 1000})
    assert _client(customer_with_order).get(missing).status_code == 404
    assert _client(UserFactory()).get(address).status_code == 404


ADDRESS_FIELDS = ("first_name", "phone_number", "province_code", "ward_code", "line1", "notes")
DOSSIER_FIELDS = ("product", "kind", "product_set", "legal_representative_name", "legal_representative_gender",
                  "legal_representative_ethnicity", "contact_phone", "business_registration_number", "product_name",
                  "sample_count")


def _posted(shopper: Shopper, page: str, data: dict) -> int:
    response = shopper.client.get(page)
    assert response.status_code == 200, page
    return shopper.client.post(page, {"csrfmiddlewaretoken": csrf_token(response), **data}).status_code


@pytest.mark.parametrize("label", list(HOSTILE))
def test_the_main_forms_refuse_hostile_fields_without_a_server_error(people, rating_product, product, label):
    # given the checkout's address step, the producer's new dossier and the secretariat's new round
    value = HOSTILE[label]
    shopper = Shopper(Client(enforce_csrf_checks=True, raise_request_exception=False))
    shopper.add_to_basket(product)
    shopper.start_guest_checkout()
    producer = Shopper(Client(enforce_csrf_checks=True, raise_request_exception=False))
    producer.client.force_login(people.producer)
    secretariat = Shopper(Client(enforce_csrf_checks=True, raise_request_exception=False))
    secretariat.client.force_login(people.secretariat)
    # when each form is posted with the hostile value in every field
    statuses = {
        "address": _posted(shopper, reverse("checkout:shipping-address"), dict.fromkeys(ADDRESS_FIELDS, value)),
        "dossier": _posted(producer, reverse("ocop_rating:dossier_create"),
                           dict.fromkeys(DOSSIER_FIELDS, value)),
        "round": _posted(secretariat, reverse("ocop_rating:round_create"),
                         dict.fromkeys(("name", "opens_on"), value)),
    }
    # then each answers with the form again (or 400 for a NUL), never a server error
    expected = 400 if label == "nul" else 200
    assert statuses == {"address": expected, "dossier": expected, "round": expected}



@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(code=st.one_of(st.text(max_size=60), st.sampled_from(list(HOSTILE.values()))))
def test_any_certificate_code_is_looked_up_without_a_server_error(product, code):
    # given a certified product, and any text typed or scanned as a certificate code
    client = _client()
    # when the public check is asked for it, by the search box and by the QR's path
    searched = client.get(reverse("ocop_rating:verify_search"), {"code": code})
    opened = client.get(f"/ocop/verify/{quote(code, safe='/')}/")
    # then it answers a page, a redirect or "not found" (a NUL is a bad request), never a server error
    allowed = {400} if "\x00" in code else {200, 302, 404}
    assert (searched.status_code in allowed, opened.status_code in allowed) == (True, True), (
        f"{code!r}: search {searched.status_code}, path {opened.status_code}"
    )


HUGE = "9" * 40


def test_numbers_posted_past_any_key_are_refused_without_a_server_error(people, rating_product, customer_with_order):
    # given a round open for assignment with a forwarded dossier, an order in the shop, and a staff member
    from ocop_rating.council.services import round_open
    from ocop_rating.models import Assignment
    from tests.factories import THANH_HOA
    from tests.rating import dossier_forwarded

    dossier = dossier_forwarded(rating_product, people)
    round_ = round_open(province_code=THANH_HOA, name="Đợt 3 năm 2026", opens_on=dossier.created_at.date(),
                        actor=people.secretariat)
    secretariat = Shopper(Client(enforce_csrf_checks=True, raise_request_exception=False))
    secretariat.client.force_login(people.secretariat)
    staff = Shopper(Client(enforce_csrf_checks=True, raise_request_exception=False))
    staff.client.force_login(UserFactory(is_staff=True, is_superuser=True))

    # when numbers no database key can hold are posted where views look rows up by them
    round_page = reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk})
    statuses = {
        "assign members": secretariat.post_form(
            round_page, reverse("ocop_rating:round_dossier_assign", kwargs={"round_id": round_.pk}),
            {"assign-dossier": str(dossier.pk), "assign-members": [HUGE, f"-{HUGE}"]},
        ).status_code,
        "oscar bulk action": staff.post_form(
            "/shop/dashboard/orders/", data={"action": "download_selected_orders", "selected_order": HUGE},
        ).status_code,
        "admin filter": staff.client.get("/django-admin/auth/user/", {"id__in": HUGE}).status_code,
    }

    # then none is a server error, and nothing was assigned
    assert all(status in (200, 302, 400) for status in statuses.values()), statuses
    assert Assignment.objects.filter(dossier=dossier).count() == 0


def test_a_saved_for_later_formset_claiming_a_new_row_is_refused_without_a_server_error(customer_with_order, product):
    # given a customer with a line saved for later
    from oscar.apps.partner.strategy import Selector

    Basket = get_model("basket", "Basket")
    saved = Basket.saved.create(owner=customer_with_order)
    saved.strategy = Selector().strategy(user=customer_with_order)
    line, _created = saved.add(product)
    shopper = Shopper(Client(enforce_csrf_checks=True, raise_request_exception=False))
    shopper.client.force_login(customer_with_order)

    # when the saved-for-later form is posted as a new row ("INITIAL_FORMS=0") to move into the basket
    response = shopper.post_form(reverse("basket:summary"), reverse("basket:saved"), {
        "saved-TOTAL_FORMS": "1", "saved-INITIAL_FORMS": "0", "saved-MIN_NUM_FORMS": "0",
        "saved-MAX_NUM_FORMS": "1000", "saved-0-id": str(line.pk), "saved-0-move_to_basket": "on",
    })

    # then the basket page answers (no server error) and the line stays saved
    assert response.status_code == 302
    assert list(saved.lines.values_list("pk", flat=True)) == [line.pk]
