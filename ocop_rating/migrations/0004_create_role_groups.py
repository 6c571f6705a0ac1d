"""Create the rating workflow's role groups with their model permissions.

Model permissions open the admin and the portal's pages; the services still check the rows
(the producer's partner users, the commune officer's wards, the round's council).
"""

from django.db import migrations

ROLE_PERMISSIONS = {
    "ocop_producer": {
        "ocop_rating": [
            "add_dossier", "change_dossier", "view_dossier", "add_selfassessment", "change_selfassessment",
            "view_selfassessment", "add_evidencefile", "view_evidencefile", "view_dossierevent", "view_result",
        ],
    },
    "ocop_commune_officer": {
        "ocop_rating": [
            "view_dossier", "change_dossier", "view_selfassessment", "view_evidencefile", "add_communeassessment",
            "view_communeassessment", "view_dossierevent",
        ],
    },
    "ocop_secretariat": {
        "ocop_rating": [
            "view_dossier", "view_selfassessment", "view_evidencefile", "view_communeassessment", "view_dossierevent",
            "view_auditevent", "add_evaluationround", "change_evaluationround", "view_evaluationround",
            "add_councilmember", "delete_councilmember", "view_councilmember", "add_assignment",
            "delete_assignment", "view_assignment", "view_conflictdeclaration", "view_result", "change_result",
            "view_provincepolicy", "change_provincepolicy", "add_communeofficer", "delete_communeofficer",
            "view_communeofficer", "view_criteriaversion", "view_sheet", "view_criterion",
        ],
        "catalogue": ["view_ocopcertification"],
    },
    "ocop_council_member": {
        "ocop_rating": [
            "view_dossier", "view_selfassessment", "view_evidencefile", "view_communeassessment",
            "view_evaluationround", "view_assignment", "add_conflictdeclaration", "change_conflictdeclaration",
            "add_scorecard", "change_scorecard", "view_scorecard", "add_scoreentry", "change_scoreentry",
            "view_scoreentry", "view_sheet", "view_criterion",
        ],
    },
    "ocop_council_chair": {
        "ocop_rating": [
            "view_dossier", "view_selfassessment", "view_evidencefile", "view_communeassessment",
            "view_evaluationround", "change_evaluationround", "view_assignment", "add_conflictdeclaration",
            "change_conflictdeclaration", "add_scorecard", "change_scorecard", "view_scorecard", "add_scoreentry",
            "change_scoreentry", "view_scoreentry", "view_result", "change_result", "view_auditevent",
            "view_sheet", "view_criterion",
        ],
    },
    "ocop_decision_signer": {
        "ocop_rating": ["view_dossier", "view_evaluationround", "view_result", "change_result", "view_auditevent"],
        "catalogue": ["add_ocopcertification", "view_ocopcertification"],
    },
}


def _ensure_permissions(apps):
    """Permissions are normally created after all migrations; create them now so the groups can hold them."""
    from django.contrib.auth.management import create_permissions

    for label in ("ocop_rating", "catalogue"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)  # the historical models, not today's
        app_config.models_module = None


def create_groups(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, by_app in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codenames in by_app.items():
            permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
            missing = set(codenames) - {p.codename for p in permissions}
            if missing:
                raise RuntimeError(f"missing permissions for {name}: {sorted(missing)}")
            group.permissions.add(*permissions)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("ocop_rating", "0003_dossiers_rounds_scorecards_results"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_groups, delete_groups)]
