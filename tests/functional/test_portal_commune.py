"""A commune officer checks submitted dossiers over HTTP: the queue, forwarding with Mẫu 03, returning.

The permission matrix of these URLs is in test_portal_dossiers.py with the producer's.
"""

import datetime
import html
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.core.working_days import working_days_add
from ocop_rating import roles
from ocop_rating.dossiers.services import dossier_commune_forward, dossier_submit
from ocop_rating.models import CommuneAssessment, CommuneOfficer, Dossier, DossierEvent
from tests.factories import WARD_BIM_SON, ProductFactory
from tests.rating import (
    commune_check_all_ok,
    dossier_draft,
    png_upload,
    user_with_roles,
    workflow_state,
)

from .portal import field_errors, post_form, url
from .shop import elements, message_texts

pytestmark = pytest.mark.django_db

ALL_PASS = {
    "local_raw_materials_ok": "pass", "local_labour_ok": "pass", "idea_origin_ok": "pass", "local_identity_ok": "pass",
}


@pytest.fixture
def submitted(people, rating_product):
    return dossier_submit(dossier=dossier_draft(rating_product, people), actor=people.producer)


def test_officer_sees_the_dossier_in_the_queue_and_forwards_it_with_the_four_items(people, submitted, client_for):
    client = client_for(people.officer)

    # given the officer's home and queue show the waiting dossier with 15 working days left
    home = client.get(reverse("ocop_rating:portal"))
    assert [e["data-waiting"] for e in elements(home.content) if "data-waiting" in e] == ["1"]
    queue = client.get(url("commune_queue"))
    assert [(e["data-dossier"], e["data-days-left"], e["data-overdue"])
            for e in elements(queue.content, css_class="ocop-queue-item")] == [(str(submitted.pk), "15", "no")]
    assert elements(queue.content, href=url("commune_check", submitted))

    # when they forward it, one item not met with its note
    page = post_form(client, url("commune_check", submitted), {
        "action": "forward", **ALL_PASS, "idea_origin_ok": "fail",
        "idea_origin_note": "Sản phẩm phổ biến ở nhiều tỉnh", "local_labour_note": "12 lao động trong phường",
    })

    # then the dossier goes to the province with the commune's assessment
    assert message_texts(page) == [f"Đã chuyển hồ sơ #{submitted.pk} lên tỉnh."]
    submitted.refresh_from_db()
    assert submitted.status == Dossier.Status.FORWARDED
    assessment = CommuneAssessment.objects.get(dossier=submitted)
    assert (assessment.officer, assessment.assessed_on) == (people.officer, timezone.localdate())
    assert (assessment.local_raw_materials_ok, assessment.local_labour_ok, assessment.idea_origin_ok,
            assessment.local_identity_ok) == (True, True, False, True)
    assert (assessment.idea_origin_note, assessment.local_labour_note, assessment.local_raw_materials_note) == (
        "Sản phẩm phổ biến ở nhiều tỉnh", "12 lao động trong phường", "")
    event = DossierEvent.objects.filter(dossier=submitted).latest("pk")
    assert (event.from_status, event.to_status, event.actor) == ("submitted", "forwarded", people.officer)
    # and the queue is empty, the dossier listed as handled
    assert not elements(page.content, css_class="ocop-queue-item")
    assert [(e["data-dossier"], e["data-to"]) for e in elements(page.content, css_class="ocop-handled__item")] == [
        (str(submitted.pk), "forwarded")]
    # and the producer sees the commune's assessment on the dossier
    detail = client_for(people.producer).get(url("dossier_detail", submitted))
    assert "Sản phẩm phổ biến ở nhiều tỉnh" in html.unescape(detail.content.decode())
    # once the officer no longer covers that commune, the dossier leaves their list (it would be a 404)
    CommuneOfficer.objects.filter(user=people.officer).delete()
    assert not elements(client.get(url("commune_queue")).content, css_class="ocop-handled__item")


def test_returned_dossier_is_fixed_and_resubmitted(people, submitted, client_for):
    officer, producer = client_for(people.officer), client_for(people.producer)
    reason = "Thiếu bản công bố chất lượng sản phẩm"

    # when the officer returns it with a reason
    page = post_form(officer, url("commune_check", submitted), {"action": "return", "reason": f"  {reason} "})

    # then it is back with the producer, who reads the reason on the list and on the dossier
    assert message_texts(page) == [f"Đã trả hồ sơ #{submitted.pk} cho chủ thể."]
    submitted.refresh_from_db()
    assert (submitted.status, submitted.returned_reason) == ("returned", reason)
    listing = producer.get(url("dossier_list"))
    assert reason in html.unescape(listing.content.decode())
    detail = producer.get(url("dossier_detail", submitted))
    assert elements(detail.content, css_class="ocop-returned-reason")
    assert reason in html.unescape(detail.content.decode())
    assert elements(detail.content, data_step="evidence")

    # when the producer adds the missing declaration and submits again
    post_form(producer, url("dossier_evidence", submitted),
              {"kind": "quality_declaration", "file": png_upload("cong-bo-chat-luong.png")})
    page = post_form(producer, url("dossier_detail", submitted), {}, action_url=url("dossier_submit", submitted))

    # then it waits for the commune again with a new 15-working-day deadline
    submitted.refresh_from_db()
    assert submitted.status == Dossier.Status.SUBMITTED
    assert submitted.commune_deadline == working_days_add(timezone.localdate(), 15)
    assert submitted.evidence.count() == 2
    assert list(DossierEvent.objects.filter(dossier=submitted).values_list("from_status", "to_status")) == [
        ("", "draft"), ("draft", "submitted"), ("submitted", "returned"), ("returned", "submitted")]
    assert [e["data-to"] for e in elements(page.content, css_class="ocop-history__event")] == [
        "draft", "submitted", "returned", "submitted"]
    # and the officer's queue has it again
    queue = officer.get(url("commune_queue"))
    assert [e["data-dossier"] for e in elements(queue.content, css_class="ocop-queue-item")] == [str(submitted.pk)]


def test_a_failed_item_without_a_note_is_refused(people, submitted, client_for):
    client = client_for(people.officer)
    before = workflow_state()

    page = post_form(client, url("commune_check", submitted),
                     {"action": "forward", **ALL_PASS, "local_labour_ok": "fail", "local_labour_note": "  "})

    assert page.status_code == 200
    assert message_texts(page) == ["Hãy ghi rõ lý do cho các nội dung không đạt: lao động địa phương."]
    assert workflow_state() == before
    assert not CommuneAssessment.objects.exists()
    # and what the officer chose is kept on the re-shown form
    assert elements(page.content, name="local_labour_ok", value="fail", checked="")


def test_an_item_left_unanswered_is_refused(people, submitted, client_for):
    client = client_for(people.officer)
    data = {**ALL_PASS}
    del data["local_identity_ok"]

    page = post_form(client, url("commune_check", submitted), {"action": "forward", **data})

    assert field_errors(page) == ["Hãy chọn “đạt” hoặc “không đạt”."]
    assert Dossier.objects.get(pk=submitted.pk).status == "submitted"
    assert not CommuneAssessment.objects.exists()


def test_returning_without_a_reason_is_refused(people, submitted, client_for):
    client = client_for(people.officer)
    before = workflow_state()

    page = post_form(client, url("commune_check", submitted), {"action": "return", "reason": "   "})

    assert message_texts(page) == ["Hãy ghi rõ lý do trả lại hồ sơ."]
    assert workflow_state() == before
    assert Dossier.objects.get(pk=submitted.pk).returned_reason == ""


def test_a_forwarded_dossier_shows_no_forms(people, submitted, client_for):
    dossier_commune_forward(dossier=submitted, check=commune_check_all_ok(), actor=people.officer)

    page = client_for(people.officer).get(url("commune_check", submitted))

    assert page.status_code == 200
    assert elements(page.content, data_pending="no")
    assert not elements(page.content, name="action", value="forward")
    assert not elements(page.content, name="action", value="return")


@time_machine.travel(datetime.datetime(2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)
def test_overdue_dossiers_are_marked_and_come_first(people, rating_product, client_for):
    # given two dossiers submitted on Wednesday 25/11/2026, the second one's deadline moved back to
    # Friday 20/11 (2 working days ago: Mon 23 and Wed 25; Tue 24 is Vietnam Culture Day)
    first = dossier_submit(dossier=dossier_draft(rating_product, people), actor=people.producer)
    later = ProductFactory(producer=rating_product.producer, title="Nước mắm nhĩ")
    second = dossier_submit(dossier=dossier_draft(later, people), actor=people.producer)
    Dossier.objects.filter(pk=second.pk).update(commune_deadline=datetime.date(2026, 11, 20))

    page = client_for(people.officer).get(url("commune_queue"))

    items = elements(page.content, css_class="ocop-queue-item")
    assert [(e["data-dossier"], e["data-overdue"], e["data-days-left"]) for e in items] == [
        (str(second.pk), "yes", "-2"), (str(first.pk), "no", "15")]
    assert first.commune_deadline == datetime.date(2026, 12, 16)
    assert "Quá hạn 2 ngày làm việc" in page.content.decode()
    home = client_for(people.officer).get(reverse("ocop_rating:portal"))
    assert "Hạn gần nhất: 20/11/2026" in html.unescape(home.content.decode())


def test_officer_of_another_ward_sees_nothing_of_this_dossier(people, submitted, client_for):
    other = user_with_roles("can-bo-bim-son", roles.COMMUNE_OFFICER)
    CommuneOfficer.objects.create(user=other, ward_code=WARD_BIM_SON)
    client = client_for(other)

    queue = client.get(url("commune_queue"))
    assert not elements(queue.content, css_class="ocop-queue-item")
    assert client.get(url("commune_check", submitted)).status_code == 404
    assert client.get(url("dossier_detail", submitted)).status_code == 404
    # and a forged POST (no page of theirs carries this form) reaches nothing
    forger = Client()
    forger.force_login(other)
    response = forger.post(url("commune_check", submitted), {"action": "return", "reason": "Không rõ"})
    assert response.status_code == 404
    assert Dossier.objects.get(pk=submitted.pk).status == "submitted"


# --- query count ----------------------------------------------------------------------------------

# The page's own: the user's roles, the pending dossiers with product, producer and set, the officer's
# recent forwards/returns with their dossiers. The rest as on every signed-in page (see
# test_portal_dossiers.DOSSIER_LIST_QUERIES): session, user, notifications, navigation roles,
# permissions (2), the basket and its lines (3).
COMMUNE_QUEUE_QUERIES = 13


@pytest.mark.parametrize("count", [1, 5])
def test_commune_queue_costs_the_same_for_1_and_5_dossiers(people, rating_product, count,
                                                           django_assert_num_queries, client_for):
    products = [rating_product] + [ProductFactory(producer=rating_product.producer, title=f"Nước mắm {n}")
                                   for n in range(count)]
    dossiers = [dossier_submit(dossier=dossier_draft(product, people), actor=people.producer) for product in products]
    # one more than ``count`` was submitted: the officer already handled the last one
    dossier_commune_forward(dossier=dossiers[-1], check=commune_check_all_ok(), actor=people.officer)
    client = client_for(people.officer)
    client.get(url("commune_queue"))  # the first page of a session creates the basket

    with django_assert_num_queries(COMMUNE_QUEUE_QUERIES):
        page = client.get(url("commune_queue"))

    assert len(elements(page.content, css_class="ocop-queue-item")) == count
    assert len(elements(page.content, css_class="ocop-handled__item")) == 1
