"""Send the appointment-request emails that have not gone out yet; what a scheduler runs.

Each email is sent once: a second run, or one at the same moment, sends nothing already sent.
A failure is reported by reference and left for the next run, and the command still exits 0.
"""

from collections import Counter
from contextlib import contextmanager, suppress

from django.core.mail import get_connection
from django.core.management.base import BaseCommand

from clinic.appointments.models import AppointmentRequest
from clinic.appointments.notifications import (
    FRONT_DESK,
    PATIENT,
    clinic_settings,
    send_notifications,
)


class Command(BaseCommand):
    help = "Send the front-desk and patient emails still missing for appointment requests."

    def handle(self, *args, **options):
        sent = Counter()
        failures = []
        pending = (
            AppointmentRequest.objects.awaiting_notification()
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        pending = list(pending)
        if pending:
            clinic = clinic_settings()  # once for the batch
            with mail_session() as connection:
                for pk in pending:
                    outcome = send_notifications(pk, connection, clinic)
                    sent.update(outcome.sent)
                    failures.extend(
                        (outcome.reference, kind, reason) for kind, reason in outcome.failed.items()
                    )

        summary = f"Sent {sent[FRONT_DESK]} front-desk and {sent[PATIENT]} patient emails"
        if not failures:
            self.stdout.write(self.style.SUCCESS(f"{summary}."))
            return
        self.stdout.write(self.style.WARNING(f"{summary}; {len(failures)} failed, will retry."))
        for reference, kind, reason in failures:
            self.stdout.write(f"  {reference}: {kind} email not sent ({reason})")


@contextmanager
def mail_session():
    """One connection to the mail server for the whole batch, closed at the end. If it cannot
    be opened now, each email tries on its own, and a failure is reported by its reference."""
    connection = get_connection()
    with suppress(Exception):
        connection.open()
    try:
        yield connection
    finally:
        with suppress(Exception):
            connection.close()
