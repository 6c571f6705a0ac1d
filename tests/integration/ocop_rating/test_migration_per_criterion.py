"""Migration 0011: existing rounds keep the median their results were computed with; policies take the mean."""

import datetime

import pytest
from django.db import IntegrityError, transaction

BEFORE = ("ocop_rating", "0010_certificates_owned_by_rating")
AFTER = ("ocop_rating", "0011_rating_policy_per_criterion")

# The migrator flushes the database; the rows of the data migrations (the criteria) are restored after.
# A slow migration round trip: run once, in the PostgreSQL pass.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def migrator(migrator_factory):
    migrator = migrator_factory()
    yield migrator
    migrator.reset()


def test_existing_rounds_keep_the_median_and_policies_and_new_rounds_take_the_mean(migrator):
    # given a province policy and a finished round from before the rule was a setting
    old = migrator.apply_initial_migration(BEFORE)
    old.apps.get_model("ocop_rating", "ProvincePolicy").objects.create(province_code=38, max_spread=8)
    old.apps.get_model("ocop_rating", "EvaluationRound").objects.create(
        province_code=38, name="Đợt 1 năm 2026", opens_on=datetime.date(2026, 5, 4), status="finalised",
    )

    # when the migration runs
    new = migrator.apply_tested_migration(AFTER)
    ProvincePolicy = new.apps.get_model("ocop_rating", "ProvincePolicy")
    EvaluationRound = new.apps.get_model("ocop_rating", "EvaluationRound")

    # then the round keeps the median it was computed with, the policy (new rounds only) takes the mean
    assert list(EvaluationRound.objects.values_list("name", "per_criterion")) == [("Đợt 1 năm 2026", "median")]
    assert list(ProvincePolicy.objects.values_list("province_code", "per_criterion")) == [(38, "mean")]
    # and a round created afterwards without naming a rule gets the mean
    later = EvaluationRound.objects.create(province_code=38, name="Đợt 2 năm 2026",
                                           opens_on=datetime.date(2026, 11, 2))
    assert EvaluationRound.objects.get(pk=later.pk).per_criterion == "mean"
    # and a value outside the two rules is refused by the database
    with pytest.raises(IntegrityError), transaction.atomic():
        EvaluationRound.objects.filter(pk=later.pk).update(per_criterion="average")
