"""The province's per-criterion rule travels from its policy to the round, the result, the page and the minutes.

One fish sauce (sheet #9) scored by a council of four. Criterion 4.1 (main distribution area: 1; 2 ≥3★;
3 ≥4★; 5 ≥5★) is split 3, 3, 3, 2; every other leaf follows PLAN_83 (4★ minimums met). Totals 83, 83,
83, 82 average 82.75 (band 4★). On the lower median 4.1 is 3 and the 4★ minimum is met: 4★. On the mean
4.1 is 2.75, below the 4★ option 3: capped at 3★.
"""

import datetime
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from ocop_rating.council.services import round_open
from ocop_rating.models import EvaluationRound, ProvincePolicy, Result
from ocop_rating.results.services import result_compute, result_finalise, round_finalise
from tests.factories import THANH_HOA, UserFactory
from tests.rating import PLAN_83, assert_refused, dossier_in_scoring, sheet_score

pytestmark = pytest.mark.django_db

MEDIAN_RULE = "áp dụng trên trung vị điểm của các thành viên"
MEAN_RULE = "áp dụng trên điểm trung bình của các thành viên"
PLAN_82_DISTRIBUTION_2 = {**PLAN_83, "4.1": 2}


def _council_scores(dossier, people):
    sheet_score(dossier, people.chair, PLAN_83)
    sheet_score(dossier, people.members[0], PLAN_83)
    sheet_score(dossier, people.members[1], PLAN_83)
    sheet_score(dossier, people.members[2], PLAN_82_DISTRIBUTION_2)


def _result_figures(result: Result):
    return (str(result.average), result.band, result.cap, result.star, result.can_finalise)


def _rule_on_the_result_page(client, round_, dossier) -> str:
    page = client.get(reverse("ocop_rating:round_result", kwargs={"round_id": round_.pk, "dossier_id": dossier.pk}))
    assert page.status_code == 200
    return page.content.decode()


def test_a_round_opened_under_a_median_policy_computes_with_the_median_and_names_it(client, people,
                                                                                   rating_product):
    # given Thanh Hóa's policy applies the markers to the members' median
    ProvincePolicy.objects.create(province_code=THANH_HOA, per_criterion="median")
    dossier, round_ = dossier_in_scoring(rating_product, people)
    assert round_.per_criterion == "median"
    # and the province switches to the mean after the round opened (only later rounds take it)
    ProvincePolicy.objects.filter(province_code=THANH_HOA).update(per_criterion="mean")

    # when the council scores 4.1 as 3, 3, 3, 2 and the chair finalises
    _council_scores(dossier, people)
    result = result_finalise(dossier=dossier, actor=people.chair)

    # then the result is computed on the median (3 meets the 4★ option 3): 4★
    assert _result_figures(result) == ("82.75", 4, 4, 4, True)
    assert EvaluationRound.objects.get(pk=round_.pk).per_criterion == "median"

    # and the result page names the rule
    client.force_login(people.secretariat)
    html = _rule_on_the_result_page(client, round_, dossier)
    assert ("<dt>Mức sao tối thiểu theo từng tiêu chí</dt>"
            f'<dd id="ocop-result-per-criterion" data-value="median">{MEDIAN_RULE}</dd>') in html

    # and so do the minutes, once the round is finished
    round_finalise(evaluation_round=round_, actor=people.chair)
    sentence = f"Mức sao tối thiểu theo từng tiêu chí: {MEDIAN_RULE}."
    pdf = client.get(reverse("ocop_rating:minutes_pdf", kwargs={"round_id": round_.pk}))
    assert pdf.status_code == 200
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert sentence in text
    assert MEAN_RULE not in text
    xlsx = client.get(reverse("ocop_rating:minutes_xlsx", kwargs={"round_id": round_.pk}))
    assert xlsx.status_code == 200
    rows = list(load_workbook(io.BytesIO(xlsx.content))["Biên bản"].iter_rows(values_only=True))
    assert rows[1][:2] == (1, "Nước mắm Hải Thanh")
    assert rows[1][3:9] == (83, 83, 83, 82, 82.75, 4)
    assert rows[2:] == [
        (None,) * len(rows[0]),
        (sentence,) + (None,) * (len(rows[0]) - 1),
    ]


def test_a_round_opened_without_a_policy_computes_with_the_mean_and_names_it(client, people, rating_product):
    # given no policy row for the province: the defaults apply
    dossier, round_ = dossier_in_scoring(rating_product, people)
    assert round_.per_criterion == "mean"

    # when the same council scores the same sheets
    _council_scores(dossier, people)
    result = result_compute(dossier=dossier, actor=people.secretariat)

    # then the mean 2.75 on 4.1 falls below its 4★ option 3: the 4★ band is capped at 3★
    assert _result_figures(result) == ("82.75", 4, 3, 3, True)
    client.force_login(people.secretariat)
    html = _rule_on_the_result_page(client, round_, dossier)
    assert f'<dd id="ocop-result-per-criterion" data-value="mean">{MEAN_RULE}</dd>' in html
    assert MEDIAN_RULE not in html


def test_the_policy_rule_is_copied_with_the_quorum_and_the_spread(people):
    # given a policy with every setting changed
    ProvincePolicy.objects.create(province_code=THANH_HOA, quorum_numerator=2, quorum_denominator=3,
                                  max_spread=8, per_criterion="median")
    # when a round opens
    round_ = round_open(province_code=THANH_HOA, name="Đợt 1 năm 2027", opens_on=datetime.date(2027, 3, 1),
                        actor=people.secretariat)
    # then it carries all three
    round_.refresh_from_db()
    assert (round_.quorum_numerator, round_.quorum_denominator, str(round_.max_spread), round_.per_criterion) == (
        2, 3, "8.00", "median",
    )


def test_a_round_refused_to_open_takes_no_rule(people):
    # given a policy with the median; when someone without the secretariat role opens a round
    ProvincePolicy.objects.create(province_code=THANH_HOA, per_criterion="median")
    assert_refused(
        lambda: round_open(province_code=THANH_HOA, name="Đợt lạ", opens_on=datetime.date(2027, 3, 1),
                           actor=people.chair),
        message="Chỉ cơ quan tham mưu OCOP cấp tỉnh được mở đợt đánh giá.", actor=people.chair,
        action="round_open",
    )
    # then no round exists
    assert not EvaluationRound.objects.exists()


# --- the province setting in the Django admin --------------------------------------------------------


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(username="quan-tri", is_staff=True, is_superuser=True))
    return client


def _policy_form(**changes):
    return {"province_code": THANH_HOA, "quorum_numerator": 3, "quorum_denominator": 4, "max_spread": "10.00",
            "per_criterion": "mean"} | changes


def test_staff_see_and_change_the_provinces_rule_in_the_admin(staff_client):
    # given Thanh Hóa's policy with the defaults
    policy = ProvincePolicy.objects.create(province_code=THANH_HOA)
    url = reverse("admin:ocop_rating_provincepolicy_change", args=[policy.pk])
    # when staff open it, the rule is a choice of the two readings, the mean selected
    form = staff_client.get(url).context["adminform"].form
    field = form.fields["per_criterion"]
    assert (str(field.label), form.initial["per_criterion"]) == ("Mức sao tối thiểu theo từng tiêu chí", "mean")
    assert [(value, str(label)) for value, label in field.choices] == [("mean", MEAN_RULE), ("median", MEDIAN_RULE)]
    # and when they choose the median and save
    response = staff_client.post(url, _policy_form(per_criterion="median"))
    # then it is stored, and the next round takes it
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.per_criterion == "median"
    listing = staff_client.get(reverse("admin:ocop_rating_provincepolicy_changelist")).content.decode()
    assert f"<td class=\"field-per_criterion\">{MEDIAN_RULE}</td>" in listing


@pytest.mark.parametrize("typed", ["average", "m", ""])
def test_an_unknown_rule_is_refused_by_the_admin_and_nothing_is_written(staff_client, typed):
    policy = ProvincePolicy.objects.create(province_code=THANH_HOA, per_criterion="median")
    url = reverse("admin:ocop_rating_provincepolicy_change", args=[policy.pk])
    # when staff post a value that is not one of the two rules
    response = staff_client.post(url, _policy_form(per_criterion=typed))
    # then the form is shown again with a Vietnamese error and the policy is unchanged
    assert response.status_code == 200
    expected = ("Trường này là bắt buộc." if typed == ""
                else f"Hãy chọn một lựa chọn hợp lệ. {typed} không phải là một trong các lựa chọn khả thi.")
    assert response.context["adminform"].form.errors == {"per_criterion": [expected]}
    policy.refresh_from_db()
    assert policy.per_criterion == "median"


@pytest.mark.parametrize("model", [ProvincePolicy, EvaluationRound])
def test_the_database_refuses_an_unknown_rule(people, model):
    # given a policy and a round
    ProvincePolicy.objects.create(province_code=THANH_HOA)
    round_open(province_code=THANH_HOA, name="Đợt 1 năm 2027", opens_on=datetime.date(2027, 3, 1),
               actor=people.secretariat)
    # when a value outside the two rules is written past the forms, then the check constraint refuses it
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.update(per_criterion="average")
    assert list(model.objects.values_list("per_criterion", flat=True)) == ["mean"]
