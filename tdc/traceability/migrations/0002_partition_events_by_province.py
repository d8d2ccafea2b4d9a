"""PostgreSQL only: partition EPCIS events and their identifiers by province (LIST on
province_id), as the instrument register is (metrology 0003).

Django cannot declare partitions, so this rebuilds the two (still empty) tables Django created
as partitioned tables with the same columns, defaults, checks, foreign keys and indexes, plus
one partition per province (the 34 provinces of the 2025 reform) and a DEFAULT partition. Every
unique key of a partitioned table must contain the partition key: the primary keys become
(id, province_id) and an event is unique by (province_id, event_hash). SQLite keeps plain
tables.
"""

from django.db import migrations

TABLES = ["traceability_event", "traceability_eventepc"]
PROVINCE_CODES = [
    1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37, 38, 40, 42, 44, 46, 48, 51, 52,
    56, 66, 68, 75, 79, 80, 82, 86, 91, 92, 96,
]


def _definitions(cursor, table):
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('u', 'f') ORDER BY conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = %s AND indexname NOT IN "
        "(SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass) ORDER BY indexname",
        [table, table],
    )
    return constraints, cursor.fetchall()


def _rebuild(cursor, table, *, partitioned):
    constraints, indexes = _definitions(cursor, table)
    cursor.execute(f"ALTER TABLE {table} RENAME TO {table}_old")
    tail = " PARTITION BY LIST (province_id)" if partitioned else ""
    cursor.execute(
        f"CREATE TABLE {table} (LIKE {table}_old INCLUDING DEFAULTS INCLUDING IDENTITY "
        f"INCLUDING CONSTRAINTS){tail}"
    )
    if partitioned:
        for code in PROVINCE_CODES:
            cursor.execute(
                f"CREATE TABLE {table}_p{code} PARTITION OF {table} FOR VALUES IN ({code})"
            )
        cursor.execute(f"CREATE TABLE {table}_pdefault PARTITION OF {table} DEFAULT")
    cursor.execute(f"INSERT INTO {table} OVERRIDING SYSTEM VALUE SELECT * FROM {table}_old")
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"COALESCE((SELECT max(id) FROM {table}), 0) + 1, false)"
    )
    cursor.execute(f"DROP TABLE {table}_old")
    key = "(id, province_id)" if partitioned else "(id)"
    cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {table}_pkey PRIMARY KEY {key}")
    for name, definition in constraints:
        cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
    for _name, definition in indexes:
        cursor.execute(definition)


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            _rebuild(cursor, table, partitioned=True)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table in TABLES:
            _rebuild(cursor, table, partitioned=False)


class Migration(migrations.Migration):
    dependencies = [("traceability", "0001_initial")]

    operations = [migrations.RunPython(partition, unpartition)]
