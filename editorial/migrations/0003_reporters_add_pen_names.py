from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Reporters may add a pen name (an author) from the article form's byline row."""

    dependencies = [
        ("editorial", "0002_roles"),
        ("articles", "0005_authorship_role_optional"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
