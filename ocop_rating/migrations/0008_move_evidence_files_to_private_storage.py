"""Move evidence files stored before 0007 from the public media storage to the private one."""

from django.core.files.storage import storages
from django.db import migrations


def move_to_private(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    EvidenceFile = apps.get_model("ocop_rating", "EvidenceFile")
    for name in EvidenceFile.objects.exclude(file="").values_list("file", flat=True).iterator():
        if private.exists(name) or not public.exists(name):
            continue
        with public.open(name, "rb") as source:
            saved = private.save(name, source)
        if saved != name:  # never expected: the name was free in the private storage a moment ago
            EvidenceFile.objects.filter(file=name).update(file=saved)
        public.delete(name)


class Migration(migrations.Migration):
    dependencies = [("ocop_rating", "0007_evidence_files_in_private_storage")]

    operations = [migrations.RunPython(move_to_private, migrations.RunPython.noop)]
