"""The database itself refuses to change or delete audit events, on SQLite and PostgreSQL.

The test suite turns the triggers off (AUDIT_LOG_DB_GUARD = False) because it empties tables
between browser tests; a test installs them in a transaction and proves they refuse changes.
"""

from django.conf import settings
from django.db import migrations

SQLITE_UP = [
    """CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
    """CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;""",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION core_auditevent_refuse() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;""",
    """CREATE TRIGGER core_auditevent_no_change BEFORE UPDATE OR DELETE ON core_auditevent
       FOR EACH ROW EXECUTE FUNCTION core_auditevent_refuse();""",
    """CREATE TRIGGER core_auditevent_no_truncate BEFORE TRUNCATE ON core_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION core_auditevent_refuse();""",
]
POSTGRES_DOWN = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_change ON core_auditevent;",
    "DROP TRIGGER IF EXISTS core_auditevent_no_truncate ON core_auditevent;",
    "DROP FUNCTION IF EXISTS core_auditevent_refuse();",
]


def _run(statements):
    def apply(apps, schema_editor):
        if not getattr(settings, "AUDIT_LOG_DB_GUARD", True):
            return
        install(schema_editor.connection, statements)

    return apply


def install(connection, statements):
    """Run this engine's statements (used by the migration and by the guard's test)."""
    with connection.cursor() as cursor:
        for statement in statements[connection.vendor]:
            cursor.execute(statement)


UP = {"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}
DOWN = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
