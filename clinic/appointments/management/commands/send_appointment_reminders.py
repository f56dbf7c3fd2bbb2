"""Remind patients of tomorrow's appointments (in the clinic's time zone); what a scheduler
runs. Each appointment is reminded once (a second run, or one at the same moment, writes
nothing more), never once cancelled, and not when it was booked or moved today: that email is
fresh. The reminder goes out with the other emails (send_pending_notifications)."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from clinic.appointments.booking import remind
from clinic.appointments.models import Appointment
from clinic.appointments.notifications import clinic_settings


def start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


class Command(BaseCommand):
    help = "Write the day-before reminders of tomorrow's appointments."

    def handle(self, *args, **options):
        today = timezone.localdate()
        tomorrow = today + datetime.timedelta(days=1)
        due = Appointment.objects.booked().filter(
            reminder_sent_at__isnull=True,
            starts_at__gte=start_of(tomorrow),
            starts_at__lt=start_of(tomorrow + datetime.timedelta(days=1)),
            changed_at__lt=start_of(today),
        )
        due = list(due.values_list("pk", flat=True))
        clinic = clinic_settings() if due else None  # once for the batch
        written = sum(remind(pk, clinic) for pk in due)
        self.stdout.write(f"Reminders written: {written}.")
