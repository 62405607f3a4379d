"""A pg_trgm GIN index on the folded search document, on PostgreSQL only.

Reader search asks ``search_all LIKE '% thanh hoa %'``; with gin_trgm_ops PostgreSQL
answers that from the index. SQLite has no such index and scans (its tables are small).
"""

from django.db import migrations

INDEX = "article_search_all_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article "
        "USING gin (search_all gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0006_search_documents_and_view_counts")]

    operations = [migrations.RunPython(create_index, drop_index)]
