"""Each request keeps its phone's digits for the front desk's search ("5035550114" finds
"(503) 555-0114"); the requests already stored get theirs here. On PostgreSQL a trigram
index serves the search's "contains", as migration 0004's do for the other fields."""

from django.db import migrations, models

from clinic.base.phones import phone_digits

TABLE = "appointments_appointmentrequest"


def fill_phone_digits(apps, schema_editor):
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    requests = AppointmentRequest.objects.only("phone")
    for appointment_request in requests.iterator(chunk_size=1000):
        appointment_request.phone_digits = phone_digits(appointment_request.phone)
        appointment_request.save(update_fields=["phone_digits"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS appointment_search_phone_digits "
            f"ON {TABLE} USING gin (phone_digits gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS appointment_search_phone_digits")


class Migration(migrations.Migration):
    dependencies = [("appointments", "0011_booked_appointments")]

    operations = [
        migrations.AddField(
            model_name="appointmentrequest",
            name="phone_digits",
            field=models.CharField(blank=True, editable=False, max_length=30),
        ),
        migrations.RunPython(fill_phone_digits, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
