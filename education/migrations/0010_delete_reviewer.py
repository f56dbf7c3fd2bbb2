"""The reviewers' table goes: each reviewer is a practitioner now (people.0002).

Migrated back, the table returns with every practitioner copied in, with the same ids,
before education.0009 points the articles' reviewer column at it again."""

from django.core.management.color import no_style
from django.db import migrations

REVIEWER_FIELDS = ["id", "name", "credentials", "bio", "photo_id", "user_id"]


def copy_practitioners_back(apps, schema_editor):
    Reviewer = apps.get_model("education", "Reviewer")
    Practitioner = apps.get_model("people", "Practitioner")
    Reviewer.objects.bulk_create(
        Reviewer(**row) for row in Practitioner.objects.values(*REVIEWER_FIELDS)
    )
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [Reviewer]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("education", "0009_reviewer_is_a_practitioner")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, copy_practitioners_back),
        migrations.DeleteModel(name="Reviewer"),
    ]
