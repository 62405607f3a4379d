from django.db import migrations

from newsroom.text import collation_key, name_collation_key


def resort(apps, schema_editor):
    """Sort keys are now syllable by syllable ("Thanh niên" < "Thành phố" < "Thạnh Mỹ")."""
    for name in ("Unit", "Movement"):
        model = apps.get_model("clusters", name)
        rows = list(model.objects.only("pk", "name", "sort_name"))
        for row in rows:
            row.sort_name = collation_key(row.name)
        model.objects.bulk_update(rows, ["sort_name"], batch_size=500)
    Official = apps.get_model("clusters", "Official")
    rows = list(Official.objects.only("pk", "family_name", "middle_name", "given_name"))
    for row in rows:
        row.sort_name = name_collation_key(row.family_name, row.middle_name, row.given_name)
    Official.objects.bulk_update(rows, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("clusters", "0003_roles")]

    operations = [migrations.RunPython(resort, migrations.RunPython.noop)]
