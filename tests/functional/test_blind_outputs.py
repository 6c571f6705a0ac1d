"""Scoring is blind in every output that carries scores: pages, minutes PDF and XLSX, CSV, admin.

Given a round in scoring where two members submitted 81 and 79 points, the chair's own sheet is still
a draft, a third member has not started and the secretariat computed the result (80.00), every
output is requested as every role, and no figure of a sheet the requester may not see appears in
what they get (the PDF's text and the XLSX's cells are parsed). Once the round is finished the
minutes carry every figure for those who may read them.
"""

import io
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ocop_rating.council.services import conflict_declare
from ocop_rating.models import Assignment
from ocop_rating.results.services import result_compute, result_finalise, round_finalise
from tests.factories import PASSWORD
from tests.functional.shop import message_texts
from tests.rating import PLAN_81, PLAN_83, dossier_in_scoring, sheet_score

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# How a submitted total, or the computed average, can be written in a page, a PDF or a sheet.
# (The producer self-assessed 83: that figure is theirs to see, so the council's totals differ from it.)
FIGURES = {
    Decimal("81"): ("81,00", "81.00"),
    Decimal("79"): ("79,00", "79.00"),
    Decimal("80"): ("80,00", "80.00"),
}
PLAN_79 = {**PLAN_81, "6.3": 0}


@pytest.fixture
def scoring(people, rating_product):
    """Round in scoring: members 1 and 2 submitted 81 and 79, the chair's sheet is a draft, member 3 not started."""
    dossier, round_ = dossier_in_scoring(rating_product, people)
    for user in (people.members[0], people.members[1], people.chair):
        conflict_declare(dossier=dossier, has_conflict=False, note="", actor=user)
    sheet_score(dossier, people.members[0], PLAN_81)
    sheet_score(dossier, people.members[1], PLAN_79)
    sheet_score(dossier, people.chair, PLAN_83, submit=False)
    result_compute(dossier=dossier, actor=people.secretariat)
    staff = get_user_model().objects.create_superuser(
        username="quan-tri", email="quan-tri@example.vn", password=PASSWORD,
    )
    return dossier, round_, staff


def _outputs(dossier, round_, user) -> list[str]:
    urls = [
        reverse("ocop_rating:portal"),
        reverse("ocop_rating:round_list"),
        reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk}),
        reverse("ocop_rating:round_result", kwargs={"round_id": round_.pk, "dossier_id": dossier.pk}),
        reverse("ocop_rating:dossier_detail", kwargs={"dossier_id": dossier.pk}),
        reverse("ocop_rating:decision_list"),
        reverse("ocop_rating:dashboard"),
        reverse("ocop_rating:dashboard_expiring_csv"),
        reverse("ocop_rating:minutes_pdf", kwargs={"round_id": round_.pk}),
        reverse("ocop_rating:minutes_xlsx", kwargs={"round_id": round_.pk}),
        "/django-admin/ocop_rating/scorecard/",
        "/django-admin/ocop_rating/result/",
        "/django-admin/ocop_rating/auditevent/",
        "/django-admin/ocop_rating/dossier/",
    ]
    urls += [f"/django-admin/ocop_rating/result/{dossier.result.pk}/change/"]
    urls += [f"/django-admin/ocop_rating/scorecard/{a.scorecard.pk}/change/"
             for a in Assignment.objects.filter(dossier=dossier).select_related("scorecard") if hasattr(a, "scorecard")]
    assignment = Assignment.objects.filter(dossier=dossier, member__user=user).first()
    if assignment is not None:
        urls.append(reverse("ocop_rating:score", kwargs={"assignment_id": assignment.pk}))
    return urls


def _text_of(response) -> str:
    """What the requester gets: the page, the PDF's text or the workbook's cells."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    if content_type.startswith(XLSX):
        workbook = load_workbook(io.BytesIO(response.content))
        return " ".join(
            f"{cell:.2f}" if isinstance(cell, (int, float)) else str(cell)
            for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None
        )
    return response.content.decode()


def _figures_in(text: str) -> set[Decimal]:
    return {value for value, spellings in FIGURES.items() if any(s in text for s in spellings)}


@pytest.mark.parametrize(
    ("who", "may_see"),
    [
        # members who submitted see each other's submitted sheets (and the computed average is not shown to them)
        ("member-1", {Decimal("81"), Decimal("79")}),
        ("member-2", {Decimal("81"), Decimal("79")}),
        ("member-3", set()),  # not started
        ("chair", set()),  # own sheet a draft
        ("secretariat", {Decimal("80")}),  # computed the result: the average, never a member's sheet
        ("signer", set()),
        ("producer", set()),
        ("officer", set()),
        ("outsider", set()),
        ("staff", set()),  # Django admin superuser without a rating role
    ],
)
def test_no_output_shows_a_sheet_the_requester_may_not_see(client, people, scoring, who, may_see):
    dossier, round_, staff = scoring
    user = {
        "member-1": people.members[0], "member-2": people.members[1], "member-3": people.members[2],
        "chair": people.chair, "secretariat": people.secretariat, "signer": people.signer,
        "producer": people.producer, "officer": people.officer, "outsider": people.outsider, "staff": staff,
    }[who]
    client.force_login(user)

    seen: dict[str, set[Decimal]] = {}
    for url in _outputs(dossier, round_, user):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        seen[url] = _figures_in(_text_of(response)) if response.status_code == 200 else set()

    leaks = {url: figures - may_see for url, figures in seen.items() if figures - may_see}
    assert leaks == {}
    # and the figures they may see are really there (the check above can fail)
    assert set().union(*seen.values()) == may_see


@pytest.mark.parametrize("who", ["chair", "secretariat", "signer"])
@pytest.mark.parametrize("name", ["minutes_pdf", "minutes_xlsx"])
def test_minutes_of_a_round_in_scoring_are_refused_with_a_message(client, people, scoring, who, name):
    dossier, round_, _staff = scoring
    client.force_login(getattr(people, who))

    response = client.get(reverse(f"ocop_rating:{name}", kwargs={"round_id": round_.pk}), follow=True)

    assert response.redirect_chain == [(reverse("ocop_rating:round_detail", kwargs={"round_id": round_.pk}), 302)]
    assert message_texts(response) == [
        "Biên bản họp hội đồng chỉ có sau khi đợt đánh giá kết thúc (mọi hồ sơ đã được chốt kết quả)."
    ]


def test_minutes_of_a_finished_round_carry_every_sheet(client, people, scoring):
    dossier, round_, _staff = scoring
    sheet_score(dossier, people.chair, PLAN_83)
    result_finalise(dossier=dossier, actor=people.chair)
    round_finalise(evaluation_round=round_, actor=people.chair)

    for user in (people.chair, people.secretariat, people.signer):
        client.force_login(user)
        pdf = client.get(reverse("ocop_rating:minutes_pdf", kwargs={"round_id": round_.pk}))
        xlsx = client.get(reverse("ocop_rating:minutes_xlsx", kwargs={"round_id": round_.pk}))
        assert (pdf.status_code, xlsx.status_code) == (200, 200)
        rows = list(load_workbook(io.BytesIO(xlsx.content))["Biên bản"].iter_rows(values_only=True))
        # chair 83, members 81 and 79, member 3 no sheet; average 81.00 (band 4★), 3 stars: on the
        # members' mean (the default rule) colour 6.3, scored 2, 2, 0, is 1.33, below its 4★ option 2
        assert rows[1][3:9] == (83, 81, 79, "chưa nộp", 81, 3)
        text = _text_of(pdf)
        assert all(spelling in text for spelling in ("83,00", "81,00", "79,00", "3 sao"))
