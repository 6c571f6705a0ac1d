"""Load the 26 sheets of Decision 26/2026/QĐ-TTg (Appendix II) as criteria version QD26-2026."""

import datetime
import json
from pathlib import Path

from django.db import migrations

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "criteria_qd26_2026.json"


def load(apps, schema_editor):
    # The one loader, run on the historical models (validation included).
    from ocop_rating.criteria.loader import CriteriaModels, criteria_version_write

    criteria_version_write(
        models=CriteriaModels.from_apps(apps),
        code="QD26-2026",
        name="Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP theo Quyết định 26/2026/QĐ-TTg",
        legal_basis="Quyết định số 26/2026/QĐ-TTg ngày 22/5/2026 của Thủ tướng Chính phủ, Phụ lục II",
        effective_from=datetime.date(2026, 5, 22),
        data=json.loads(FIXTURE.read_text(encoding="utf-8")),
    )


def unload(apps, schema_editor):
    apps.get_model("ocop_rating", "CriteriaVersion").objects.filter(code="QD26-2026").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ocop_rating", "0001_criteria_versions_sheets_criteria_options"),
        ("catalogue", "0035_load_ocop_groups_and_sets"),
    ]
    operations = [migrations.RunPython(load, unload)]
