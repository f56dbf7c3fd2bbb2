"""Delete appointment requests the clinic no longer needs to keep, or one person's on demand.

By default: requests closed longer ago than APPOINTMENT_RETENTION_DAYS (open requests stay,
however old). With --email: every request from that address, whatever its status (the right
to erasure). They are deleted as clinic/appointments/erasure.py says (notes too; the audit log
kept, scrubbed of patient details). Output names references only.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from clinic.appointments.erasure import erase, requests_to_erase
from clinic.appointments.models import AppointmentRequest


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
            doomed = requests_to_erase(requests)
            if not doomed:
                self.stdout.write(f"No appointment requests {which}.")
                return
            if dry_run:
                self.report(f"Would delete {count(doomed)} {which}", doomed)
                return
            scrubbed = erase(doomed, reason)

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
