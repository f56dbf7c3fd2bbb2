"""Send the appointment-request emails that have not gone out yet, then the booking emails
waiting in their outbox (clinic/appointments/booking_emails.py); what a scheduler runs.

Each email is sent once: a second run, or one at the same moment, sends nothing already sent.
A failure is reported by reference and left for the next run, and the command exits non-zero
(a CommandError), so cron, the scheduler's log and monitoring notice emails that did not go out.
When the mail server itself fails (it cannot be reached, or stops answering), the run stops
there and leaves the rest for the next one: each further try would wait out EMAIL_TIMEOUT.
"""

from collections import Counter
from contextlib import suppress

from django.core.mail import get_connection
from django.core.management.base import BaseCommand, CommandError

from clinic.appointments.booking_emails import pending_booking_emails, send_booking_email
from clinic.appointments.models import AppointmentRequest
from clinic.appointments.notifications import (
    FRONT_DESK,
    PATIENT,
    clinic_settings,
    send_notifications,
)

BOOKING = "booking"


class Command(BaseCommand):
    help = (
        "Send the front-desk and patient emails still missing for appointment requests, and "
        "the booking emails not sent yet."
    )

    def handle(self, *args, **options):
        sent = Counter()
        failures = []
        stopped = ""  # why the run stopped early: the mail server's error, by type
        pending = (
            AppointmentRequest.objects.awaiting_notification()
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        pending = list(pending)
        bookings = list(pending_booking_emails().values_list("pk", flat=True))
        left, bookings_left = len(pending), len(bookings)
        if pending or bookings:
            # One connection to the mail server for the whole batch.
            connection = get_connection()
            try:
                connection.open()
            except Exception as error:  # nothing of the batch can go out now
                stopped = type(error).__name__
            else:
                clinic = clinic_settings()  # once for the batch
                for pk in pending:
                    outcome = send_notifications(pk, connection, clinic)
                    sent.update(outcome.sent)
                    stopped = self.count(outcome, failures)
                    if stopped:
                        break
                    left -= 1
                for pk in bookings if not stopped else []:
                    outcome = send_booking_email(pk, connection)
                    sent[BOOKING] += len(outcome.sent)
                    stopped = self.count(outcome, failures)
                    if stopped:
                        break
                    bookings_left -= 1
            finally:
                with suppress(Exception):  # the mail server may be gone already
                    connection.close()

        summary = f"Sent {sent[FRONT_DESK]} front-desk and {sent[PATIENT]} patient emails"
        if bookings:
            summary += f" and {sent[BOOKING]} booking emails"
        problems = []
        if failures:
            problems.append(f"{len(failures)} failed, will retry")
        if stopped:
            problems.append(
                f"stopped at a mail server failure ({stopped}), "
                f"requests left for the next run: {left}"
                + (f", booking emails: {bookings_left}" if bookings else "")
            )
        if not problems:
            self.stdout.write(self.style.SUCCESS(f"{summary}."))
            return
        self.stdout.write(self.style.WARNING(f"{summary}; {'; '.join(problems)}."))
        for reference, kind, reason in failures:
            self.stdout.write(f"  {reference}: {kind} email not sent ({reason})")
        raise CommandError("Some appointment emails were not sent; the next run retries them.")

    def count(self, outcome, failures):
        """Add one send's failures to the run's; the mail server's error if it failed."""
        failures.extend(
            (outcome.reference, kind, reason) for kind, reason in outcome.failed.items()
        )
        return outcome.mail_server_error
