"""Notes become a log (RequestNote: author, time, text, never overwritten) in place of the one
"internal notes" box. Each request's box, when it held anything, becomes its first note: the
author was never recorded, and its time is the request's last change, when the box was last
saved at the latest. Back again, a request's notes are joined into the box, oldest first."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def notes_from_internal_notes(apps, schema_editor):
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    RequestNote = apps.get_model("appointments", "RequestNote")
    with_notes = (
        AppointmentRequest.objects.exclude(internal_notes="")
        .only("internal_notes", "updated_at")
        .order_by("pk")
    )
    batch = []
    for appointment_request in with_notes.iterator(chunk_size=1000):
        if appointment_request.internal_notes.strip():
            batch.append(
                RequestNote(
                    request=appointment_request,
                    author=None,
                    created_at=appointment_request.updated_at,
                    text=appointment_request.internal_notes,
                )
            )
        if len(batch) >= 1000:
            RequestNote.objects.bulk_create(batch)
            batch = []
    RequestNote.objects.bulk_create(batch)


def internal_notes_from_notes(apps, schema_editor):
    AppointmentRequest = apps.get_model("appointments", "AppointmentRequest")
    RequestNote = apps.get_model("appointments", "RequestNote")
    texts = {}
    for note in RequestNote.objects.order_by("created_at", "pk").iterator(chunk_size=1000):
        texts.setdefault(note.request_id, []).append(note.text)
    for pk, notes in texts.items():
        AppointmentRequest.objects.filter(pk=pk).update(internal_notes="\n\n".join(notes))


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0012_request_phone_digits"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RequestNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="written"
                    ),
                ),
                ("text", models.TextField(max_length=2000, verbose_name="note")),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="notes",
                        to="appointments.appointmentrequest",
                    ),
                ),
            ],
            options={"verbose_name": "note", "ordering": ["-created_at", "-pk"]},
        ),
        migrations.RunPython(notes_from_internal_notes, internal_notes_from_notes),
        migrations.RemoveField(model_name="appointmentrequest", name="internal_notes"),
    ]
