from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Editors keep the glossary and the typo list; records staff answer record requests;
    reporters may add pen names."""

    dependencies = [
        ("importer", "0003_imports_and_record_requests"),
        ("articles", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
