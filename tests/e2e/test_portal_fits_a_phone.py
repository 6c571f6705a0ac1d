"""Every role's rating-portal pages fit a 390 px phone: nothing makes the page scroll sideways.

Wide tables may scroll inside their own frame; the page itself must not. Real Chromium, one sign-in
per role, pages filled with a decided dossier, a dossier at the commune and a draft.
"""

import datetime

import pytest
from django.urls import reverse

from ocop_rating.certificates.models import Certificate
from ocop_rating.dossiers.services import dossier_submit
from ocop_rating.models import Assignment
from ocop_rating.results.services import result_finalise, result_record_decision
from tests.factories import ProductFactory
from tests.rating import PLAN_81, PLAN_83, dossier_draft, dossier_in_scoring, sheet_score

from .browser import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE_WIDTH = 390


def _pages(people, rating_product) -> dict[str, list[str]]:
    """The pages each role works on, by e-mail address (the sign-in name)."""
    dossier, round_ = dossier_in_scoring(rating_product, people)
    for user, plan in [(people.chair, PLAN_83), (people.members[0], PLAN_81), (people.members[1], PLAN_81),
                       (people.members[2], PLAN_83)]:
        sheet_score(dossier, user, plan)
    result_finalise(dossier=dossier, actor=people.chair)
    result_record_decision(dossier=dossier, decision_number="123/QĐ-UBND", decision_date=datetime.date(2026, 11, 20),
                           actor=people.signer)
    certificate = Certificate.objects.get()
    at_commune = dossier_submit(
        dossier=dossier_draft(ProductFactory(producer=rating_product.producer, title="Mắm tép chưng thịt"), people),
        actor=people.producer,
    )
    draft = dossier_draft(ProductFactory(producer=rating_product.producer, title="Nước mắm cốt nhĩ 40 độ đạm"),
                          people)

    def url(name, **kwargs):
        return reverse(f"ocop_rating:{name}", kwargs=kwargs or None)

    return {
        people.producer.email: [
            url("portal"), url("dossier_list"), url("dossier_create"), url("dossier_detail", dossier_id=draft.pk),
            url("dossier_registration", dossier_id=draft.pk), url("dossier_self_assessment", dossier_id=draft.pk),
            url("dossier_evidence", dossier_id=draft.pk), url("dossier_detail", dossier_id=dossier.pk),
        ],
        people.officer.email: [url("commune_queue"), url("commune_check", dossier_id=at_commune.pk)],
        people.secretariat.email: [
            url("portal"), url("dashboard"), url("round_list"), url("round_create"),
            url("round_detail", round_id=round_.pk), url("round_result", round_id=round_.pk, dossier_id=dossier.pk),
            url("certificate_list"), url("certificate_revoke", certificate_id=certificate.pk),
        ],
        people.members[0].email: [
            url("portal"), url("score", assignment_id=Assignment.objects.get(member__user=people.members[0]).pk),
        ],
        people.signer.email: [url("decision_list"), url("decision_record", dossier_id=dossier.pk)],
        "": [url("verify_search"), url("verify", code=certificate.code)],
    }


def test_every_roles_pages_fit_a_phone(live_server, in_phone_browser, people, rating_product):
    pages = _pages(people, rating_product)

    portal = reverse("ocop_rating:portal")

    def visit(page) -> dict[str, tuple[int, int]]:
        seen = {}
        for email, paths in pages.items():
            page.context.clear_cookies()
            if email:
                sign_in(page, base_url=live_server.url, username=email, next_path=portal)
            for path in paths:
                response = page.goto(f"{live_server.url}{path}")
                seen[path] = (response.status, page.evaluate("document.documentElement.scrollWidth"))
        return seen

    seen = in_phone_browser(visit)

    assert seen == {path: (200, PHONE_WIDTH) for paths in pages.values() for path in paths}
