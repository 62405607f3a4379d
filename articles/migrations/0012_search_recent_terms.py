"""Reader search on PostgreSQL: the search terms of each thirty days apart.

``article_search_terms`` (0005) lists every article holding a term: for a common word at
100k articles that is tens of thousands of entries, read whole although search only
wants the newest matches, from a window of recent days (discovery/search.py). This index
holds the same terms suffixed with the article's thirty-day period of publication
("an_ninh@692"), so a window's matches come from its periods' entries alone, as many
in an archive of ten years as in one of a month. A window of a week on "an ninh" +
"trật tự" at 100k: 96 entries read instead of 6,529, 0.35 ms instead of 2.0.

It is an expression index over the stored terms and the publication time: nothing is
stored in the table, PostgreSQL keeps it on every write (a changed publication time
moves the article to its new period), and a query uses it by naming the same
expression (``discovery.search.RecentTerms``). The period is
``floor(epoch seconds / 2,592,000)`` (thirty days), the same in Python (``search.period``). A draft
without a publication time has no entries. The function is declared as costly as it
is (it rebuilds a tsvector, about a quarter of a millisecond a row): the planner must not
compute it row by row in a scan when the index answers. (Declared ten times costlier,
every recheck of a bitmap scan looks so dear that the planner reads the dates' index
beside it, or walks the dates evaluating it: seconds at 100k.) SQLite has none of this.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION newsroom_search_recent_terms(terms tsvector, published timestamptz)
RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000
AS $$
  SELECT array_to_tsvector(ARRAY(
    SELECT lexeme || '@' || floor(extract(epoch FROM published) / 2592000)::bigint
    FROM unnest(tsvector_to_array(terms)) AS lexeme
  ))
$$
"""

FORWARD = [
    FUNCTION,
    "CREATE INDEX article_search_recent_terms ON articles_article "
    "USING gin (newsroom_search_recent_terms(search_terms, published_at))",
]
BACKWARD = [
    "DROP INDEX IF EXISTS article_search_recent_terms",
    "DROP FUNCTION IF EXISTS newsroom_search_recent_terms(tsvector, timestamptz)",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("articles", "0011_month_lastmod_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
