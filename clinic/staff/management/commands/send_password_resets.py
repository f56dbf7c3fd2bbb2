"""Email the reset links asked for on the admin's "Forgotten password?" page; what the
scheduler runs. A mail failure leaves the rest for the next run, and the command exits 0."""

from django.core.management.base import BaseCommand

from clinic.staff.password_resets import send_waiting_resets


class Command(BaseCommand):
    help = 'Email the password reset links asked for on the admin\'s "Forgotten password?" page.'

    def handle(self, *args, **options):
        handled, waiting = send_waiting_resets()
        summary = f"Handled {handled} password reset requests"
        if waiting:
            self.stdout.write(self.style.WARNING(f"{summary}; {waiting} wait for the mail server."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{summary}."))
