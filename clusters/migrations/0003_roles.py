from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    dependencies = [
        ("clusters", "0002_ranks_and_position_titles"),
        ("newsroom", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
