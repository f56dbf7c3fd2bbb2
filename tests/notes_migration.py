"""Run by tests/test_front_desk_work_queue.py (`python -m tests.notes_migration <file>`), in a
process of its own, on a new SQLite file: appointment requests with "internal notes" in place,
the migration to the notes log, and back; prints what each state holds, as JSON.

A process of its own because the suite's test database is shared by its tests, each in a
transaction, where SQLite cannot alter tables (see tests/migration_round_trip.py)."""

import datetime
import json
import sys
import uuid

from tests.migration_process import migrate, set_up

BEFORE = [("appointments", "0012_request_phone_digits")]
AFTER = [("appointments", "0013_request_notes")]
NOTES = "SELECT request_id, author_id, created_at, text FROM appointments_requestnote ORDER BY id"
BOXES = "SELECT reference, internal_notes FROM appointments_appointmentrequest ORDER BY id"


def main(database):
    set_up(database)
    from django.db import connection

    def rows(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            return [[str(value) if value is not None else None for value in row] for row in cursor]

    old_apps = migrate(BEFORE)
    AppointmentRequest = old_apps.get_model("appointments", "AppointmentRequest")
    saved_at = datetime.datetime(2026, 3, 2, 15, 30, tzinfo=datetime.UTC)
    for reference, notes in [
        ("LB-AAAAAA", "Called twice, no answer.\nTry after 4."),
        ("LB-BBBBBB", ""),
        ("LB-CCCCCC", "Prefers Dr. Ellison."),
    ]:
        AppointmentRequest.objects.create(
            reference=reference,
            submission_token=uuid.uuid4(),
            full_name="Pat Example",
            email="pat@example.com",
            phone="555-0101",
            preferred_contact="phone",
            patient_type="new",
            consent_given_at=saved_at,
            consent_version="2026-01",
            internal_notes=notes,
        )
    # auto_now set updated_at to now: the time the box was last saved, as the rows hold it.
    AppointmentRequest.objects.update(updated_at=saved_at)
    before = rows(BOXES)

    migrate(AFTER)
    forward = rows(NOTES)
    ids = dict(rows("SELECT id, reference FROM appointments_appointmentrequest"))

    migrate(BEFORE)
    backward = rows(BOXES)
    print(json.dumps({"before": before, "forward": forward, "ids": ids, "backward": backward}))


if __name__ == "__main__":
    main(sys.argv[1])
