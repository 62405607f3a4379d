"""A second pg_trgm GIN index: the folded document with its spaces removed, PostgreSQL only.

Vietnamese syllables are two to four letters, so trigrams taken inside each word
("  t", "tha", "anh") match most articles. Reader search also asks for a phrase
as ``replace(search_all, ' ', '') LIKE '%thanhhoa%'`` (articles/search.py), whose
trigrams span syllables ("nhh", "hho") and find few rows; the exact phrase test
then runs on those alone.
"""

from django.db import migrations

INDEX = "article_search_joined_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_article "
        "USING gin ((replace(search_all, ' ', '')) gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_photo_body_field_and_credit_help")]

    operations = [migrations.RunPython(create_index, drop_index)]
