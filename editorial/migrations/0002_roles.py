from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Give editors their permissions on preview links."""

    dependencies = [
        ("editorial", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
