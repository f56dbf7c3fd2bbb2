"""Every clinical reviewer (education.Reviewer) becomes a practitioner with the same primary
key, so the articles' reviewer column stays valid when education.0009 points it here."""

from django.core.management.color import no_style
from django.db import migrations

from clinic.people.slugs import unique_slug

REVIEWER_FIELDS = ["id", "name", "credentials", "bio", "photo_id", "user_id"]


def copy_reviewers(apps, schema_editor):
    Reviewer = apps.get_model("education", "Reviewer")
    Practitioner = apps.get_model("people", "Practitioner")
    taken = set(Practitioner.objects.values_list("slug", flat=True))
    practitioners = []
    for reviewer in Reviewer.objects.order_by("pk").values(*REVIEWER_FIELDS):
        slug = unique_slug(reviewer["name"], taken)
        taken.add(slug)
        practitioners.append(Practitioner(slug=slug, **reviewer))
    Practitioner.objects.bulk_create(practitioners)
    reset_sequences(schema_editor, Practitioner)


def reset_sequences(schema_editor, model):
    """Rows inserted with their own ids leave PostgreSQL's id sequence behind them: move it
    past them, so the next practitioner added does not collide (nothing to do on SQLite)."""
    connection = schema_editor.connection
    for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0001_initial"),
        ("education", "0008_table_block"),
    ]

    # Back: education.0010 copies the practitioners into the reviewers it brings back.
    operations = [migrations.RunPython(copy_reviewers, migrations.RunPython.noop)]
