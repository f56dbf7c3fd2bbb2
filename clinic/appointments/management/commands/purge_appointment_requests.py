"""Delete appointment requests the clinic no longer needs to keep, or one person's on demand.

By default: requests closed longer ago than APPOINTMENT_RETENTION_DAYS (open requests stay,
however old). With --email: every request from that address, whatever its status (the right
to erasure). The audit log keeps its entries, titled by reference, as the history of what was
done; any entry that quotes the patient's details loses them. Output names references only.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from clinic.appointments.models import AppointmentRequest

BATCH_SIZE = 500


class Command(BaseCommand):
    help = (
        "Delete appointment requests closed longer ago than the retention period, "
        "or (--email) every request from one email address."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument(
            "--days",
            type=int,
            help="Delete requests closed more than this many days ago "
            "(default: APPOINTMENT_RETENTION_DAYS).",
        )
        which.add_argument(
            "--email",
            help="Erase every request sent from this email address (any status, any age).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be deleted; delete nothing."
        )

    def handle(self, *args, days=None, email=None, dry_run=False, **options):
        if email is not None:
            requests = AppointmentRequest.objects.filter(email__iexact=clean_email(email))
            which, reason = "from that email address", "erasure"
        else:
            days = settings.APPOINTMENT_RETENTION_DAYS if days is None else days
            if days < 0:
                raise CommandError(f"--days must be 0 or more, not {days}.")
            cutoff = timezone.now() - timedelta(days=days)
            requests = AppointmentRequest.objects.filter(closed_at__lt=cutoff)
            which, reason = f"closed more than {days} days ago", "retention"

        with transaction.atomic():
            doomed = list(requests.order_by("created_at", "pk").prefetch_related("notes"))
            if not doomed:
                self.stdout.write(f"No appointment requests {which}.")
                return
            if dry_run:
                self.report(f"Would delete {count(doomed)} {which}", doomed)
                return
            scrubbed = 0
            for start in range(0, len(doomed), BATCH_SIZE):
                batch = doomed[start : start + BATCH_SIZE]
                scrubbed += scrub_audit_log(batch)
                for appointment_request in batch:
                    log(appointment_request, "wagtail.delete", data={"reason": reason})
                AppointmentRequest.objects.filter(pk__in=[r.pk for r in batch]).delete()

        self.report(f"Deleted {count(doomed)} {which}", doomed, style=self.style.SUCCESS)
        if scrubbed:
            self.stdout.write(f"Removed patient details from {scrubbed} audit log entries.")

    def report(self, summary, appointment_requests, style=str):
        self.stdout.write(style(f"{summary}:"))
        for appointment_request in appointment_requests:
            self.stdout.write(f"  {appointment_request.reference}")


def clean_email(address):
    address = address.strip()
    try:
        validate_email(address)
    except ValidationError:
        # The address itself stays out of the output, as everywhere else.
        raise CommandError("--email needs a valid email address.") from None
    return address


def count(appointment_requests):
    n = len(appointment_requests)
    return f"{n} appointment request{'' if n == 1 else 's'}"


def scrub_audit_log(appointment_requests):
    """Strip patient details from the audit log entries of these requests.

    The entries stay: they are the history (who did what, when), titled by reference. An
    entry whose title or data quotes the patient is reduced to that history. Returns how many
    entries were changed.
    """
    by_id = {str(r.pk): r for r in appointment_requests}
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AppointmentRequest),
        object_id__in=by_id,
    )
    scrubbed = 0
    for entry in entries:
        appointment_request = by_id[entry.object_id]
        if quotes_patient(entry.label, appointment_request) or quotes_patient(
            entry.data, appointment_request
        ):
            entry.label = appointment_request.reference
            entry.data = {}
            entry.save(update_fields=["label", "data"])
            scrubbed += 1
    return scrubbed


def patient_details(appointment_request):
    values = [
        appointment_request.full_name,
        appointment_request.email,
        appointment_request.phone,
        appointment_request.message,
        *(note.text for note in appointment_request.notes.all()),
    ]
    return [value.casefold() for value in values if value and value.strip()]


def quotes_patient(value, appointment_request):
    """Whether a log entry's title or data (any JSON value) contains a patient detail."""
    details = patient_details(appointment_request)
    return any(detail in text.casefold() for text in strings_in(value) for detail in details)


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)
