"""Email reviewers whose health pages fall due for clinical review; what the scheduler runs.

Each reminder goes once (see clinic/base/review_reminders.py). A page whose reviewer has no
email address is reported and left. When the mail server fails, the run stops there and
leaves the rest for the next one, as send_pending_notifications does.
"""

from contextlib import suppress

from django.core.mail import get_connection
from django.core.management.base import BaseCommand
from django.utils import timezone

from clinic.base.review_reminders import (
    record_sent,
    reminder_email,
    reminders_to_send,
    reviewer_address,
)


class Command(BaseCommand):
    help = "Email reviewers once when a health page's review is due soon, once when overdue."

    def handle(self, *args, **options):
        reminders = reminders_to_send(timezone.localdate())
        sendable = []
        for page, kind in reminders:
            if reviewer_address(page):
                sendable.append((page, kind))
            else:
                self.stdout.write(f"No reviewer's email for page {page.pk}: not reminded.")
        sent = 0
        if sendable:
            connection = get_connection()
            try:
                for page, kind in sendable:
                    connection.send_messages([reminder_email(page, kind)])
                    record_sent(page, kind)
                    sent += 1
            except Exception as error:  # the mail server: the rest wait for the next run
                self.stdout.write(f"Stopped at a mail server failure ({type(error).__name__}).")
            finally:
                with suppress(Exception):
                    connection.close()
        self.stdout.write(f"Sent {sent} review reminder(s).")
