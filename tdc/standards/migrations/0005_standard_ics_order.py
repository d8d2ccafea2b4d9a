"""PostgreSQL only: the ICS tokens of every standard in a btree, in number order (ADR 0028).

An ICS group alone ("67.140") matches a tenth of a large catalogue. Through the GIN index its
first 25 by number and its count up to 501 both read hundreds of table pages; this table holds
(token, number_key, standard id, status, kind) for every `ics…` lexeme of `search_tsv`, so the page is an
index range scan and the capped count an index-only scan. Triggers keep it in step with the
standards table (insert, update, delete, truncate); it holds exactly the lexemes the full-text
index matches, so both paths find the same standards. SQLite keeps FTS5 alone.
"""

from django.db import migrations

TABLE = "standards_standard"
ICS = f"{TABLE}_ics"

POSTGRES = [
    f"""CREATE TABLE {ICS} (
        token text NOT NULL,
        number_key varchar(100) NOT NULL,
        standard_id integer NOT NULL,
        status varchar(20) NOT NULL,
        kind varchar(20) NOT NULL,
        PRIMARY KEY (token, number_key) INCLUDE (standard_id, status, kind)
    )""",
    f"CREATE INDEX {ICS}_standard ON {ICS} (standard_id)",
    f"""CREATE FUNCTION {ICS}_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            DELETE FROM {ICS} WHERE standard_id = OLD.id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO {ICS} (token, number_key, standard_id, status, kind)
            SELECT DISTINCT t.lexeme, NEW.number_key, NEW.id, NEW.status, NEW.kind FROM unnest(NEW.search_tsv) t
            WHERE t.lexeme ~ '^ics[0-9]+$';
        END IF;
        RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION {ICS}_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE {ICS};
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER {ICS}_write AFTER INSERT OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {ICS}_sync()""",
    f"""CREATE TRIGGER {ICS}_update AFTER UPDATE ON {TABLE} FOR EACH ROW
        WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv
              OR OLD.number_key IS DISTINCT FROM NEW.number_key
              OR OLD.status IS DISTINCT FROM NEW.status OR OLD.kind IS DISTINCT FROM NEW.kind)
        EXECUTE FUNCTION {ICS}_sync()""",
    f"""CREATE TRIGGER {ICS}_truncate AFTER TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {ICS}_truncate()""",
    f"""INSERT INTO {ICS} (token, number_key, standard_id, status, kind)
        SELECT DISTINCT t.lexeme, s.number_key, s.id, s.status, s.kind FROM {TABLE} s, unnest(s.search_tsv) t
        WHERE t.lexeme ~ '^ics[0-9]+$'""",
]
POSTGRES_BACK = [
    f"DROP TRIGGER IF EXISTS {ICS}_write ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {ICS}_update ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {ICS}_truncate ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {ICS}_sync()",
    f"DROP FUNCTION IF EXISTS {ICS}_truncate()",
    f"DROP TABLE IF EXISTS {ICS}",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACK:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("standards", "0004_standard_number_order")]

    operations = [migrations.RunPython(forwards, backwards)]
