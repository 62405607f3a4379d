"""Reader search on PostgreSQL: every word found through one GIN index, with no recheck.

``search_terms`` is a stored generated column that Django does not model: PostgreSQL
derives it from ``search_all`` on every write, so no writer (the admin, an import, a
bulk load with COPY) can leave it behind, and no query of the ORM ever reads it.
It holds the document's syllables and every pair of neighbouring syllables joined
by "_" (" cong an ha tinh " gives cong, an, ha, tinh, cong_an, an_ha, ha_tinh).
A word of one or two syllables is then one lexeme, and "ha tinh quoc lo" is
``search_terms @@ 'ha_tinh & quoc_lo'``: the index answers it exactly, in any order,
and "thi_dua" is not "dua … thi". Longer words add their pairs and a LIKE on the
document (discovery/search.py, ``matching``).

Bounds that keep every write valid: syllables are cut to 32 characters and only a
document's first 60,000 characters are indexed (about 12,000 syllables, ten long
articles), so a tsvector stays under PostgreSQL's 1 MB. The trigram index on
``search_all`` stays for the admin's search; the one on the joined document, which
reader search used for phrases, goes. SQLite has none of this and scans.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION newsroom_search_terms(document text) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT array_to_tsvector(array_remove(syllables, '') || ARRAY(
    SELECT first || '_' || second
    FROM unnest(syllables[1:cardinality(syllables) - 1], syllables[2:]) AS pair(first, second)
    WHERE first <> '' AND second <> ''
  ))
  FROM (
    SELECT ARRAY(
      SELECT left(syllable, 32)
      FROM unnest(string_to_array(left(document, 60000), ' ')) WITH ORDINALITY AS s(syllable, n)
      ORDER BY n
    ) AS syllables
  ) AS split
$$
"""

FORWARD = [
    FUNCTION,
    "ALTER TABLE articles_article ADD COLUMN search_terms tsvector "
    "GENERATED ALWAYS AS (newsroom_search_terms(search_all)) STORED",
    "CREATE INDEX article_search_terms ON articles_article USING gin (search_terms)",
    "DROP INDEX IF EXISTS article_search_joined_trgm",
]
BACKWARD = [
    "CREATE INDEX IF NOT EXISTS article_search_joined_trgm ON articles_article "
    "USING gin ((replace(search_all, ' ', '')) gin_trgm_ops)",
    "DROP INDEX IF EXISTS article_search_terms",
    "ALTER TABLE articles_article DROP COLUMN IF EXISTS search_terms",
    "DROP FUNCTION IF EXISTS newsroom_search_terms(text)",
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
    dependencies = [("articles", "0004_article_photos")]

    operations = [migrations.RunPython(forward, backward)]
