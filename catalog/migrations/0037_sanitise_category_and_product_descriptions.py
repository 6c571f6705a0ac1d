"""Clean the descriptions already stored: Oscar renders them |safe, and saving cleans only new text."""

from django.db import migrations

from marketplace.core.html import sanitize_html


def descriptions_sanitise(apps, schema_editor):
    for model_name, fields in (("Category", ("description", "long_description")), ("Product", ("description",))):
        model = apps.get_model("catalogue", model_name)
        changed = []
        for row in model.objects.only("pk", *fields).iterator(chunk_size=500):
            cleaned = {name: sanitize_html(getattr(row, name)) for name in fields}
            if any(cleaned[name] != getattr(row, name) for name in fields):
                for name, value in cleaned.items():
                    setattr(row, name, value)
                changed.append(row)
        model.objects.bulk_update(changed, fields, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0036_certificate_lifecycle_and_events"),
    ]

    operations = [
        migrations.RunPython(descriptions_sanitise, migrations.RunPython.noop),
    ]
