"""Criteria versions: the migration loads QD26-2026; the loader validates everything before writing anything."""

import copy
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

import ocop_rating
from ocop_rating.criteria.loader import (
    CriteriaFileError,
    criteria_file_parse,
    criteria_version_load,
)
from ocop_rating.criteria.selectors import criteria_version_get, sheet_get, sheet_spec_get
from ocop_rating.models import CriteriaVersion, Criterion, Option, Part, Sheet

pytestmark = pytest.mark.django_db

FIXTURE = Path(ocop_rating.__file__).parent / "fixtures" / "criteria_qd26_2026.json"
DATA = json.loads(FIXTURE.read_text(encoding="utf-8"))
D = Decimal


def _nodes(criterion):
    yield criterion
    for child in criterion.get("sub", []):
        yield from _nodes(child)


def _expected_counts(data):
    nodes = [n for s in data["sets"] for p in s["parts"] for c in p["criteria"] for n in _nodes(c)]
    leaves = [n for n in nodes if not n.get("sub")]
    return {
        "criteria": len(nodes),
        "leaves": len(leaves),
        "binary": sum(1 for n in leaves if n.get("binary")),
        "options": sum(len(n.get("options", [])) for n in leaves),
    }


def _counts(version=None):
    criteria = Criterion.objects.all() if version is None else Criterion.objects.filter(sheet__version=version)
    return {
        "criteria": criteria.count(),
        "leaves": criteria.filter(is_leaf=True).count(),
        "binary": criteria.filter(is_binary=True).count(),
        "options": Option.objects.filter(criterion__in=criteria).count(),
    }


def _everything():
    return (CriteriaVersion.objects.count(), Sheet.objects.count(), Part.objects.count(),
            Criterion.objects.count(), Option.objects.count())


def _set(data, number):
    return next(s for s in data["sets"] if s["set_no"] == number)


def _criterion(data, number, code):
    sheet = _set(data, number)
    return next(n for p in sheet["parts"] for c in p["criteria"] for n in _nodes(c) if n["code"] == code)


def test_the_migration_loads_qd26_2026_with_every_sheet_criterion_and_option():
    version = criteria_version_get(code="QD26-2026")
    assert (version.effective_from, version.is_active) == (datetime.date(2026, 5, 22), True)
    assert version.sheets.count() == 26
    assert sorted(version.sheets.values_list("product_set__number", flat=True)) == list(range(1, 27))
    assert _counts(version) == _expected_counts(DATA)
    assert _expected_counts(DATA) == {"criteria": 943, "leaves": 787, "binary": 22, "options": 2531}
    parts = Part.objects.filter(sheet__version=version)
    assert sorted(set(parts.values_list("code", "max_points"))) == [("A", D(40)), ("B", D(25)), ("C", D(35))]
    assert parts.count() == 78


def test_sheet_8_keeps_its_tree_markers_and_knockout_notes():
    sheet = sheet_get(version=criteria_version_get(code="QD26-2026"), product_set_number=8)
    chain = Criterion.objects.get(sheet=sheet, code="1.5")
    assert (chain.parent.code, chain.part, chain.max_points, chain.is_leaf) == ("1", "A", D(3), True)
    assert list(chain.options.values_list("position", "points", "min_star")) == [
        (1, D(0), None), (2, D(1), None), (3, D(2), 4), (4, D(3), 5),
    ]
    knockouts = Criterion.objects.filter(sheet=sheet).exclude(knockout_note="")
    assert list(knockouts.values_list("code", flat=True)) == ["1.1", "2.1", "6.1"]
    assert knockouts.get(code="1.1").knockout_note == (
        "Ghi chú: Bị loại nếu sử dụng toàn bộ nguyên liệu nhập khẩu hoặc không rõ nguồn gốc"
    )
    assert Criterion.objects.get(sheet=sheet, code="2.4").is_binary is True
    # the sheet footer the extraction attached to the last leaf is not guidance
    assert "TỔNG CỘNG" not in Criterion.objects.get(sheet=sheet, code="11").guidance_note
    assert sheet.disqualification.startswith("Hồ sơ bị loại khi: Giả mạo hồ sơ")


def test_knockout_leaves_across_the_26_sheets():
    knockouts = Criterion.objects.filter(sheet__version__code="QD26-2026").exclude(knockout_note="")
    assert knockouts.count() == 44
    assert set(knockouts.values_list("code", flat=True)) == {"1.1", "2.1", "6", "6.1", "6.1.1", "6.4"}


def test_the_tea_sheet_has_three_levels():
    sheet = sheet_get(version=criteria_version_get(code="QD26-2026"), product_set_number=11)
    leaf = Criterion.objects.select_related("parent__parent").get(sheet=sheet, code="6.1.1")
    assert (leaf.parent.code, leaf.parent.parent.code, leaf.parent.parent.parent_id) == ("6.1", "6", None)


def test_the_spec_read_from_the_database_equals_the_spec_parsed_from_the_file():
    sheet = sheet_get(version=criteria_version_get(code="QD26-2026"), product_set_number=11)
    parsed = criteria_file_parse(DATA, known_set_numbers=range(1, 27))[10]
    assert sheet_spec_get(sheet=sheet) == parsed.to_sheet_spec("QD26-2026#11")


def test_reloading_the_same_data_changes_nothing_not_even_the_name():
    before = _everything()
    version = criteria_version_get(code="QD26-2026")
    with CaptureQueriesContext(connection) as queries:
        again = criteria_version_load(code="QD26-2026", name="x", data=copy.deepcopy(DATA),
                                      effective_from=datetime.date(2026, 5, 22))
    assert again.pk == version.pk
    assert _everything() == before
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert CriteriaVersion.objects.get(code="QD26-2026").name == version.name != "x"


def test_reloading_a_version_with_different_sheets_is_refused_and_changes_nothing():
    changed = copy.deepcopy(DATA)
    _criterion(changed, 8, "1.6")["options"][0]["label_vi"] = "Nội dung khác"
    before = _everything()
    with pytest.raises(CriteriaFileError) as caught:
        criteria_version_load(code="QD26-2026", name="x", data=changed, effective_from=datetime.date(2026, 5, 22))
    assert caught.value.message == (
        "Phiên bản QD26-2026 đã được nạp với nội dung khác; không thể thay đổi các phiếu của phiên bản đã có. "
        "Hãy nạp nội dung mới thành một phiên bản khác."
    )
    assert _everything() == before


def _part_sum_99(data):
    _set(data, 8)["parts"][2]["max"] = 34


def _best_option_below_max(data):
    _criterion(data, 8, "1.6")["options"][2]["points"] = 2.5


def _unknown_set(data):
    _set(data, 26)["set_no"] = 27


def _min_star_6(data):
    _criterion(data, 8, "1.6")["options"][0]["min_star"] = 6


def _subtree_sum(data):
    _criterion(data, 13, "6.1")["max"] = 9


def _negative_option(data):
    _criterion(data, 8, "1.2")["options"][0]["points"] = -1


def _binary_with_options(data):
    _criterion(data, 8, "2.4")["options"] = [{"points": 1, "min_star": None, "label_vi": "Có"}]


def _missing_part(data):
    del _set(data, 5)["parts"][1]


def _duplicate_code(data):
    _criterion(data, 8, "1.7")["code"] = "1.6"


@pytest.mark.parametrize(
    ("corrupt", "message"),
    [
        (_part_sum_99, "Bộ 8: tổng điểm tối đa các phần là 99 (A=40, B=25, C=34), phải bằng 100."),
        (_best_option_below_max, "Bộ 8, tiêu chí 1.6: phương án cao nhất được 2.5 điểm, khác điểm tối đa 3."),
        (_unknown_set, "Bộ sản phẩm số 27 không có trong danh mục các bộ sản phẩm OCOP."),
        (_min_star_6, "Bộ 8, tiêu chí 1.6: mức sao tối thiểu 6 không hợp lệ (chỉ được 3, 4, 5 hoặc để trống)."),
        (_subtree_sum, "Bộ 13, tiêu chí 6.1: tổng điểm các tiêu chí con là 10, khác điểm tối đa 9."),
        (_negative_option, "Bộ 8, tiêu chí 1.2: phương án -1 điểm nằm ngoài khoảng 0–2."),
        (_binary_with_options, "Bộ 8, tiêu chí 2.4: tiêu chí đạt/không đạt không được có phương án chấm."),
        (_missing_part, "Bộ 5: phiếu phải có đúng ba phần A, B, C theo thứ tự; tệp có: A, C."),
        (_duplicate_code, "Bộ 8, tiêu chí 1.6: mã tiêu chí bị trùng trong phiếu."),
    ],
)
def test_a_malformed_file_is_refused_with_a_clear_message_and_writes_nothing(corrupt, message):
    # given a copy of the official file with one fault
    data = copy.deepcopy(DATA)
    corrupt(data)
    before = _everything()
    # when
    with pytest.raises(CriteriaFileError) as caught:
        criteria_version_load(code="BAD", name="Hỏng", data=data, effective_from=datetime.date(2026, 1, 1))
    # then
    assert caught.value.message == message
    assert _everything() == before
    assert not CriteriaVersion.objects.filter(code="BAD").exists()


def test_a_second_version_is_loaded_beside_the_first():
    # given the 2023 rules, modelled as a modified copy: other labels and no 5★ marker on chain linkage
    data = copy.deepcopy(DATA)
    chain = _criterion(data, 8, "1.5")
    chain["options"][3]["min_star"] = None
    chain["options"][3]["label_vi"] = "Có hợp đồng liên kết trên 75% sản lượng tiêu thụ (QĐ 148)"
    # when
    older = criteria_version_load(code="QD148-2023", name="Bộ tiêu chí theo Quyết định 148/QĐ-TTg", data=data,
                                  effective_from=datetime.date(2023, 2, 24))
    # then both versions stand, each with its own 26 sheets
    newer = criteria_version_get(code="QD26-2026")
    assert older.pk != newer.pk
    assert (older.sheets.count(), newer.sheets.count()) == (26, 26)
    assert _counts(older) == _counts(newer)
    old_spec = sheet_spec_get(sheet=sheet_get(version=older, product_set_number=8))
    new_spec = sheet_spec_get(sheet=sheet_get(version=newer, product_set_number=8))
    assert old_spec.key == "QD148-2023#8"
    assert old_spec.leaf("1.5").requirement(5) == D(2)
    assert new_spec.leaf("1.5").requirement(5) == D(3)


def test_the_command_loads_a_file_once_and_reports_a_malformed_one(tmp_path):
    path = tmp_path / "criteria.json"
    path.write_text(json.dumps(DATA, ensure_ascii=False), encoding="utf-8")
    args = ["--code", "QD26-2026", "--name", "QĐ 26/2026", "--effective-from", "2026-05-22"]
    before = _everything()

    call_command("load_criteria", "--file", str(path), *args, stdout=(out := io.StringIO()))
    assert out.getvalue().strip() == "QD26-2026: already loaded with the same 26 sheets; nothing changed"
    assert _everything() == before

    call_command("load_criteria", "--file", str(path), *args[:1], "QD26-COPY", *args[2:], stdout=(out := io.StringIO()))
    assert out.getvalue().strip() == "QD26-COPY: 26 sheets loaded"
    copy_version = criteria_version_get(code="QD26-COPY")
    assert (copy_version.name, copy_version.effective_from) == ("QĐ 26/2026", datetime.date(2026, 5, 22))
    assert _counts(copy_version) == _expected_counts(DATA)
    before = _everything()

    bad = copy.deepcopy(DATA)
    _min_star_6(bad)
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CommandError, match=r"^Bộ 8, tiêu chí 1\.6: mức sao tối thiểu 6 không hợp lệ"):
        call_command("load_criteria", "--file", str(path), "--code", "NEW", "--name", "n",
                     "--effective-from", "2026-05-22")
    assert _everything() == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("min_star", 6), ("points", D(-1))],
)
def test_the_database_refuses_impossible_options(field, value):
    criterion = Criterion.objects.filter(is_leaf=True, is_binary=False).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Option.objects.create(**({"criterion": criterion, "position": 99, "label": "x", "points": D(1)}
                                 | {field: value}))
