from django.db import migrations

from newsroom.roles import sync_roles


class Migration(migrations.Migration):
    """Give the newsroom roles their permissions on articles, authors and tags."""

    dependencies = [
        ("articles", "0002_articles_authors_tags"),
        ("newsroom", "0002_roles"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
