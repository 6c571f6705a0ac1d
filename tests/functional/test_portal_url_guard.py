"""Every URL of the rating portal, walked from the URLconf, is closed to people without a rating role.

The per-area tests (test_portal_dossiers, _commune, _rounds, _decisions, _dashboard, _certificates,
test_council_scoring) give each role's exact status on their URLs. This test walks the URLconf
itself, so a URL added later without a permission check fails here: anonymous visitors are sent to
sign in (only the public certificate check answers them), and a signed-in customer or an Oscar staff
user holding no rating role gets 403 or 404 (405 for the wrong method), never a page, and changes nothing.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from ocop_rating import urls as rating_urls
from ocop_rating.certificates.models import Certificate
from ocop_rating.models import Assignment, EvidenceFile, Scorecard
from ocop_rating.results.services import result_finalise, result_record_decision
from tests.factories import PASSWORD, UserFactory
from tests.rating import PLAN_81, PLAN_83, dossier_in_scoring, sheet_score, workflow_state

from .urlwalk import routes

pytestmark = pytest.mark.django_db

PUBLIC = {"verify_search", "verify", "certificate_pdf", "certificate_qr"}
PROTECTED = {
    "portal", "dossier_list", "dossier_create", "dossier_detail", "dossier_registration", "dossier_self_assessment",
    "dossier_evidence", "dossier_evidence_download", "dossier_evidence_remove", "dossier_submit", "commune_queue",
    "commune_check", "round_list", "round_create", "round_detail", "round_council_add", "round_dossier_assign",
    "round_scoring_start", "round_finalise", "round_result", "round_result_compute", "round_result_finalise",
    "round_scorecard_reopen", "decision_list", "decision_record", "dashboard", "dashboard_expiring_csv",
    "certificate_list", "certificate_revoke", "score", "minutes_pdf", "minutes_xlsx",
}
ARGUMENT = re.compile(r"<(?:\w+:)?(\w+)>")


URLS = {route.name: route.route for route in routes(rating_urls.urlpatterns)}


@pytest.fixture
def decided(people, rating_product):
    """A dossier scored, finalised and decided (4★), so every URL argument names a real row."""
    dossier, round_ = dossier_in_scoring(rating_product, people)
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
                       (people.members[2], PLAN_83)]:
        sheet_score(dossier, user, plan)
    result_finalise(dossier=dossier, actor=people.chair)
    result = result_record_decision(dossier=dossier, decision_number="123/QĐ-UBND",
                                    decision_date=datetime.date(2026, 11, 20), actor=people.signer)
    certificate = Certificate.objects.get(pk=result.certificate_id)
    return {
        "dossier_id": dossier.pk, "round_id": round_.pk,
        "file_id": EvidenceFile.objects.get(dossier=dossier).pk,
        "scorecard_id": Scorecard.objects.filter(assignment__dossier=dossier).first().pk,
        "assignment_id": Assignment.objects.filter(dossier=dossier).first().pk,
        "certificate_id": certificate.pk, "code": certificate.code,
    }


def _address(name: str, arguments: dict) -> str:
    wanted = ARGUMENT.findall(URLS[name])
    return reverse(f"ocop_rating:{name}", kwargs={key: arguments[key] for key in wanted})


def _post_with_token(client: Client, address: str):
    """POST as a browser would, with a valid CSRF token (taken from a page everyone may open)."""
    page = client.get(reverse("ocop_rating:verify_search"))
    return client.post(address, {"csrfmiddlewaretoken": page.cookies[settings.CSRF_COOKIE_NAME].value})


def test_every_portal_url_is_known_to_this_test():
    assert set(URLS) == PUBLIC | PROTECTED


def test_anonymous_visitors_are_sent_to_sign_in_except_on_the_public_check(decided):
    client = Client()
    login = resolve_url(settings.LOGIN_URL)
    for name in sorted(URLS):
        address = _address(name, decided)
        response = client.get(address)
        if name in PUBLIC:
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302, name
            location = urlsplit(response["Location"])
            assert (location.path, location.query) == (login, f"next={address}"), name


@pytest.mark.parametrize("who", ["customer", "oscar_staff"])
def test_signed_in_users_without_a_rating_role_get_nothing_and_change_nothing(decided, who):
    user = UserFactory(username=who, is_staff=(who == "oscar_staff"))
    client = Client(enforce_csrf_checks=True)
    assert client.login(username=user.username, password=PASSWORD)
    before = workflow_state()
    for name in sorted(PROTECTED):
        address = _address(name, decided)
        assert client.get(address).status_code in (403, 404, 405), f"GET {name}"
        assert _post_with_token(client, address).status_code in (403, 404, 405), f"POST {name}"
    assert workflow_state() == before
