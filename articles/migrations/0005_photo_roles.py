from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Give the newsroom roles their permissions on photos, clearance included."""

    dependencies = [("articles", "0004_photo_library_and_cover")]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
