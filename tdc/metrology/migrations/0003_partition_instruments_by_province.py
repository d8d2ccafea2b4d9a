"""PostgreSQL only: partition the instrument register by province (LIST on province_id).

Django cannot declare partitions, so this rebuilds the table Django created as a partitioned
table with the same columns, defaults, checks, foreign keys and indexes, plus one partition per
province (the 34 provinces of the 2025 reform) and a DEFAULT partition. Every unique key of a
partitioned table must contain the partition key: the primary key becomes (id, province_id),
and verifications point at the register through (instrument_id, province_id), which follows an
instrument that moves to another province (ON UPDATE CASCADE). SQLite keeps a plain table.
"""

from django.db import migrations

TABLE = "metrology_instrument"
PROVINCE_CODES = [
    1, 4, 8, 11, 12, 14, 15, 19, 20, 22, 24, 25, 31, 33, 37, 38, 40, 42, 44, 46, 48, 51, 52,
    56, 66, 68, 75, 79, 80, 82, 86, 91, 92, 96,
]
VERIFICATION_FK = "verification_instrument_province_fk"


def _definitions(cursor, table):
    cursor.execute(
        "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
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


def _rebuild(cursor, *, partitioned):
    constraints, indexes = _definitions(cursor, TABLE)
    cursor.execute(
        "SELECT conname, conrelid::regclass::text FROM pg_constraint "
        "WHERE confrelid = %s::regclass AND contype = 'f'",
        [TABLE],
    )
    for name, other in cursor.fetchall():
        cursor.execute(f'ALTER TABLE {other} DROP CONSTRAINT "{name}"')
    cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_old")
    tail = " PARTITION BY LIST (province_id)" if partitioned else ""
    cursor.execute(
        f"CREATE TABLE {TABLE} (LIKE {TABLE}_old INCLUDING DEFAULTS INCLUDING IDENTITY "
        f"INCLUDING CONSTRAINTS){tail}"
    )
    if partitioned:
        for code in PROVINCE_CODES:
            cursor.execute(
                f"CREATE TABLE {TABLE}_p{code} PARTITION OF {TABLE} FOR VALUES IN ({code})"
            )
        cursor.execute(f"CREATE TABLE {TABLE}_pdefault PARTITION OF {TABLE} DEFAULT")
    cursor.execute(f"INSERT INTO {TABLE} OVERRIDING SYSTEM VALUE SELECT * FROM {TABLE}_old")
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), "
        f"COALESCE((SELECT max(id) FROM {TABLE}), 0) + 1, false)"
    )
    cursor.execute(f"DROP TABLE {TABLE}_old")
    key = "(id, province_id)" if partitioned else "(id)"
    cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY {key}")
    for name, _kind, definition in constraints:
        cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
    for _name, definition in indexes:
        cursor.execute(definition)
    if partitioned:
        cursor.execute(
            f"ALTER TABLE metrology_verification ADD CONSTRAINT {VERIFICATION_FK} "
            f"FOREIGN KEY (instrument_id, province_id) REFERENCES {TABLE} (id, province_id) "
            "ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED"
        )
    else:
        cursor.execute(
            f"ALTER TABLE metrology_verification ADD CONSTRAINT {VERIFICATION_FK} "
            f"FOREIGN KEY (instrument_id) REFERENCES {TABLE} (id) DEFERRABLE INITIALLY DEFERRED"
        )


def partition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        _rebuild(cursor, partitioned=True)


def unpartition(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        _rebuild(cursor, partitioned=False)


class Migration(migrations.Migration):
    dependencies = [("metrology", "0002_load_group2_types")]

    operations = [migrations.RunPython(partition, unpartition)]
