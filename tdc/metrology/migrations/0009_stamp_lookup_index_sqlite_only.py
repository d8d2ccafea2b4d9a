"""PostgreSQL: drop `verification_stamp_lookup`, a second index on the stamp beside the partial
unique index `verification_stamp_unique`. PostgreSQL answers `stamp_number = … AND stamp_number
<> ''` (how every stamp query is written) from the unique index alone, so the duplicate only
cost each written verification one more country-wide index entry (issue 13; the feed index of
0008 takes its place). SQLite keeps it: it cannot match the unique index's `NOT (stamp_number =
'')` predicate to a query. The model still declares the index, for SQLite; see its Meta.
"""

from django.db import migrations

INDEX = "verification_stamp_lookup"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def restore(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS {INDEX} ON metrology_verification ("stamp_number")'
        )


class Migration(migrations.Migration):
    dependencies = [("metrology", "0008_feed_indexes")]

    operations = [migrations.RunPython(drop, restore)]
