"""What the migration tests' own processes share (tests/migration_round_trip.py,
tests/notes_migration.py, tests/location_migration.py): Django on a SQLite file of the
test's own (a copy of the run's migrated one: the migrated_copy fixture), at the latest
schema, and moving that schema back and forth.

A process of its own because the suite's test database is shared by its tests, each in a
transaction, where SQLite cannot alter tables."""

import os


def set_up(database):
    """Django on the SQLite file `database` (whatever the suite runs on), every migration
    applied (any the copy lacks, too)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "clinic.settings.test"
    from django.conf import settings

    settings.DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": database}
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def migrate(targets=None):
    """The schema moved to `targets` (the latest without), and the models as they are there."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps
