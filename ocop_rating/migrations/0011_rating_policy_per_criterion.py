"""Rating policy: how members' points on a criterion are combined before the minimum-star markers apply.

The rule (``per_criterion``: the members' mean or their lower median on each leaf, see
ocop_rating.results.scoring) becomes a setting of the province's council policy, copied onto each new
round like the quorum and the maximum spread. Values for the rows that exist:

* rounds: ``median``. Every result computed so far was computed with the lower median, and a round keeps
  the rules it opened under (its quorum and spread are copied once, too): a finished round's results and
  minutes then name the rule they were really computed with, and a round still in scoring recomputes its
  dossiers with the same rule as the results it already holds.
* province policies: ``mean``, the new default. A policy only shapes rounds opened from now on, so no
  computed result depends on it; the mean is what the council's consolidated sheet reports, and the
  median was the engine's reading, not a province's choice. A province that wants the median sets it.

Schema only: the round column is added with the default ``median`` (which fills the existing rows), then
its default becomes ``mean`` for the rounds opened after this migration.
"""

from django.db import migrations, models

PER_CRITERION_CHOICES = [
    ("mean", "áp dụng trên điểm trung bình của các thành viên"),
    ("median", "áp dụng trên trung vị điểm của các thành viên"),
]
VERBOSE_NAME = "mức sao tối thiểu theo từng tiêu chí"
POLICY_HELP_TEXT = (
    "Điểm trung bình (như bảng tổng hợp của hội đồng): mức sao tối thiểu của một phương án chỉ đạt khi "
    "điểm trung bình của các thành viên ở tiêu chí đó bằng hoặc cao hơn điểm của phương án. Trung vị: "
    "lấy phương án ở giữa các lựa chọn của thành viên (số thành viên chẵn thì lấy phương án thấp hơn). "
    "Chỉ áp dụng cho các đợt đánh giá mở sau khi thay đổi."
)


def _per_criterion(default: str, **kwargs) -> models.CharField:
    return models.CharField(
        choices=PER_CRITERION_CHOICES, default=default, max_length=8, verbose_name=VERBOSE_NAME, **kwargs,
    )


class Migration(migrations.Migration):

    dependencies = [
        ("ocop_rating", "0010_certificates_owned_by_rating"),
    ]

    operations = [
        migrations.AddField(
            model_name="provincepolicy",
            name="per_criterion",
            field=_per_criterion("mean", help_text=POLICY_HELP_TEXT),
        ),
        # Existing rounds keep the rule their results were computed with; new rounds default to the mean.
        migrations.AddField(
            model_name="evaluationround",
            name="per_criterion",
            field=_per_criterion("median"),
        ),
        migrations.AlterField(
            model_name="evaluationround",
            name="per_criterion",
            field=_per_criterion("mean"),
        ),
        migrations.AddConstraint(
            model_name="provincepolicy",
            constraint=models.CheckConstraint(
                condition=models.Q(("per_criterion__in", ["mean", "median"])),
                name="ocop_provincepolicy_per_criterion_known",
            ),
        ),
        migrations.AddConstraint(
            model_name="evaluationround",
            constraint=models.CheckConstraint(
                condition=models.Q(("per_criterion__in", ["mean", "median"])),
                name="ocop_round_per_criterion_known",
            ),
        ),
    ]
