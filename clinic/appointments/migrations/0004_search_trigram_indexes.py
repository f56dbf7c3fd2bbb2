"""Trigram indexes for the front desk's search on PostgreSQL.

The inbox searches name, email, phone and reference with `icontains` (patient data stays out
of the search index), which PostgreSQL runs as `UPPER(column) LIKE '%…%'`: without these,
every search reads the whole table. SQLite has no trigram indexes and scans.
"""

from django.db import migrations

SEARCH_FIELDS = ["full_name", "email", "phone", "reference"]
TABLE = "appointments_appointmentrequest"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for field in SEARCH_FIELDS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS appointment_search_{field} "
            f"ON {TABLE} USING gin (UPPER({field}) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for field in SEARCH_FIELDS:
        schema_editor.execute(f"DROP INDEX IF EXISTS appointment_search_{field}")


class Migration(migrations.Migration):
    dependencies = [("appointments", "0003_inbox_indexes")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
