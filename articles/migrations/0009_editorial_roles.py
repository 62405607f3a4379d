from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Give editors their permissions on corrections, preview links and the audit log."""

    dependencies = [("articles", "0008_editorial_audit_previews_corrections")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
