"""Two pg_trgm GIN indexes for reader search, on PostgreSQL only.

Reader search (discovery/search.py) asks ``search_all LIKE '% thanh hoa %'`` for a
one-word phrase; with gin_trgm_ops PostgreSQL answers that from the first index.
Vietnamese syllables are two to four letters, so trigrams taken inside each word
("  t", "tha", "anh") match most articles: a phrase of several syllables is also
asked as ``replace(search_all, ' ', '') LIKE '%thanhhoa%'``, whose trigrams span
syllables ("nhh", "hho") and find few rows in the second index; the exact phrase test
then runs on those alone. SQLite has no such indexes and scans.
"""

from django.db import migrations

INDEXES = {
    "article_search_all_trgm": "search_all gin_trgm_ops",
    "article_search_joined_trgm": "(replace(search_all, ' ', '')) gin_trgm_ops",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON articles_article USING gin ({expression})"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_roles")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
