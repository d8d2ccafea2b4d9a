"""The catalogue's full-text index, in the engine's own kind (see ADR 0015).

SQLite: an FTS5 table with external content (the standards table) kept in step by triggers.
PostgreSQL: a stored generated tsvector column (number weighted A, the rest B) and a GIN index.
Both index the accent-free plain words of `search_number` and `search_body`. A later migration
that makes Django rebuild `standards_standard` on SQLite (an ALTER it cannot do in place) drops
the triggers: run SQLITE_TRIGGERS again after it.
"""

from django.db import migrations

TABLE = "standards_standard"

SQLITE_TABLE = f"""
CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE}_fts USING fts5(
    search_number, search_body, content='{TABLE}', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
)
"""
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ai AFTER INSERT ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts(rowid, search_number, search_body)
        VALUES (new.id, new.search_number, new.search_body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_ad AFTER DELETE ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts({TABLE}_fts, rowid, search_number, search_body)
        VALUES ('delete', old.id, old.search_number, old.search_body);
    END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_fts_au AFTER UPDATE ON {TABLE} BEGIN
        INSERT INTO {TABLE}_fts({TABLE}_fts, rowid, search_number, search_body)
        VALUES ('delete', old.id, old.search_number, old.search_body);
        INSERT INTO {TABLE}_fts(rowid, search_number, search_body)
        VALUES (new.id, new.search_number, new.search_body);
    END""",
]
POSTGRES = [
    f"""ALTER TABLE {TABLE} ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', search_number), 'A')
        || setweight(to_tsvector('simple', search_body), 'B')
    ) STORED""",
    f"CREATE INDEX {TABLE}_search_tsv ON {TABLE} USING GIN (search_tsv)",
]


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_TABLE)
        for statement in SQLITE_TRIGGERS:
            schema_editor.execute(statement)
        schema_editor.execute(f"INSERT INTO {TABLE}_fts({TABLE}_fts) VALUES ('rebuild')")
    elif vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in ("ai", "ad", "au"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {TABLE}_fts_{name}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}_fts")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TABLE}_search_tsv")
        schema_editor.execute(f"ALTER TABLE {TABLE} DROP COLUMN IF EXISTS search_tsv")


class Migration(migrations.Migration):
    dependencies = [("standards", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
