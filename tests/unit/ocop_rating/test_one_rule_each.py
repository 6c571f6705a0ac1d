"""Rules the views and services used to write twice, now written once: part totals and the registration check."""

from decimal import Decimal

import pytest
from django.utils import translation

from catalog.models import ProductSet
from ocop_rating.dossiers.services import dossier_registration_missing
from ocop_rating.models import Dossier
from ocop_rating.results.scoring import LeafSpec, MemberScore, SheetSpec, member_total, part_totals

D = Decimal

SHEET = SheetSpec(
    key="test#1",
    part_maxima={"A": D(40), "B": D(25), "C": D(35)},
    leaves=(
        LeafSpec(code="1.1", part="A", max_points=D(3), is_binary=True),
        LeafSpec(code="1.2", part="A", max_points=D("2.5"), is_binary=True),
        LeafSpec(code="4.1", part="B", max_points=D(5), is_binary=True),
        LeafSpec(code="8", part="C", max_points=D("1.25"), is_binary=True),
    ),
)


def test_part_totals_add_the_points_of_each_part_exactly():
    # Given points on three leaves of part A and B, one leaf unscored (None) and one of part C missing
    points = {"1.1": D(3), "1.2": D("2.5"), "4.1": None, "9.9": D(7)}
    # When the parts are added up, then A is exact, B and C are 0 and the unknown code is ignored
    assert part_totals(points, SHEET.leaves) == {"A": D("5.5"), "B": D(0), "C": D(0)}


def test_part_totals_on_nothing_scored_are_zero_for_every_part():
    # Given no points at all, when added up, then every part is there with 0
    assert part_totals({}, SHEET.leaves) == {"A": D(0), "B": D(0), "C": D(0)}


def test_the_engine_member_total_uses_the_same_part_totals():
    # Given a member who scored every leaf, when the engine totals the sheet, then its parts are part_totals'
    score = MemberScore(member_id=1, points={"1.1": D(3), "1.2": D(0), "4.1": D(5), "8": D("1.25")})
    total = member_total(SHEET, score)
    assert total.parts == part_totals(score.points, SHEET.leaves) == {"A": D(3), "B": D(5), "C": D("1.25")}
    assert total.total == D("9.25")


def _dossier(*, set_number: int, **fields) -> Dossier:
    return Dossier(product_set=ProductSet(number=set_number), **fields)


COMPLETE = {
    "legal_representative_name": "Lê Thị Hoa", "legal_representative_gender": "female",
    "legal_representative_ethnicity": "Kinh", "contact_phone": "+84912345678",
    "product_name": "Nước mắm Hải Thanh", "sample_count": 5,
}


def test_an_empty_registration_lacks_every_required_field_by_its_vietnamese_name():
    # Given a fish sauce dossier (set 9) with nothing filled in
    dossier = _dossier(set_number=9)
    # When its registration is checked (in Vietnamese), then every required field is named, in form order
    with translation.override("vi"):
        assert dossier_registration_missing(dossier=dossier) == [
            "họ tên người đại diện theo pháp luật", "giới tính", "dân tộc", "số điện thoại liên hệ",
            "tên sản phẩm đăng ký", "số lượng mẫu sản phẩm",
        ]


def test_a_complete_registration_lacks_nothing():
    # Given every required field filled (the business registration number is optional), then nothing is missing
    assert dossier_registration_missing(dossier=_dossier(set_number=9, **COMPLETE)) == []


@pytest.mark.parametrize(("set_number", "missing"), [(9, ["số lượng mẫu sản phẩm"]), (26, [])])
def test_samples_are_required_except_for_a_tourism_service(set_number, missing):
    # Given a complete registration without samples, when checked, then a product needs samples and a tourism
    # service (set 26) does not
    dossier = _dossier(set_number=set_number, **{**COMPLETE, "sample_count": 0})
    with translation.override("vi"):
        assert dossier_registration_missing(dossier=dossier) == missing
