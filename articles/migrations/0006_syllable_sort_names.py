from django.db import migrations

from newsroom.text import collation_key


def resort(apps, schema_editor):
    """Sort keys are now syllable by syllable ("Thanh niên" < "Thành phố" < "Thạnh Mỹ")."""
    for name in ("Section", "Tag", "Author"):
        model = apps.get_model("articles", name)
        rows = list(model.objects.only("pk", "name", "sort_name"))
        for row in rows:
            row.sort_name = collation_key(row.name)
        model.objects.bulk_update(rows, ["sort_name"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("articles", "0005_authorship_role_optional")]

    operations = [migrations.RunPython(resort, migrations.RunPython.noop)]
