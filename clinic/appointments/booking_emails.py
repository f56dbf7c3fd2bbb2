"""The emails a booking sends: the patient's (confirmation, new time, cancellation, reminder,
each with its calendar invite and the link to their own page) and the front desk's (the
patient cancelled, or asks for another time).

Each is written into the outbox (BookingEmail) in the transaction that changed the booking,
so it exists exactly when the change does, and sent once that transaction commits (where
the change was made, as the request's own emails are: settings.APPOINTMENT_EMAILS_IN_REQUEST)
or by the scheduler's send_pending_notifications. An email is stamped as sent only once the
mail server has taken it, and a run claims it under a lock first: nothing is lost, and
nothing is sent twice unless the mail server's "taken" is itself lost.

None carries health detail (no treatment, message or warning sign), and the front desk's
carries neither the patient's name nor their contact details: the reference and a link to
the admin.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .booking_links import booking_url
from .invites import calendar_invite
from .models import BookingEmail
from .notifications import (
    NotificationOutcome,
    admin_url,
    clinic_settings,
    lock_for_sending,
    render_email,
    send_after_commit,
    send_message,
)

logger = logging.getLogger(__name__)

Kind = BookingEmail.Kind


def write_patient_email(appointment, kind, clinic=None):
    """Put the patient's email of `kind` about `appointment` (as it stands now) in the
    outbox, with its invite. `clinic`: the clinic's settings (by default, read now: a batch
    reads them once)."""
    clinic = clinic or clinic_settings()
    location = appointment.location
    address = ", ".join(location.address_lines) if location else ""
    first_visit = clinic.first_visit_page
    context = {
        "kind": kind,
        "reference": appointment.request.reference,
        "starts_at": timezone.localtime(appointment.starts_at),
        "duration_minutes": appointment.duration_minutes,
        "location": location,
        "address_lines": location.address_lines if location else [],
        "directions_url": location.directions_url() if location else "",
        "practitioner": appointment.practitioner,
        "first_visit_url": first_visit.full_url if first_visit and first_visit.live else "",
        "booking_url": booking_url(appointment),
        "clinic_name": clinic.clinic_name,
        "clinic_phone": (location and location.phone) or clinic.phone,
        "emergency_number": clinic.emergency_number,
    }
    subject, body = render_email(f"booking_{kind}", context)
    invite = calendar_invite(
        appointment, clinic.clinic_name, address, cancelled=kind == Kind.CANCELLATION
    )
    return BookingEmail.objects.create(
        appointment=appointment,
        kind=kind,
        to=appointment.request.email,
        subject=subject,
        body=body,
        invite=invite.decode(),
    )


def write_front_desk_email(appointment, kind):
    """Tell the front desk (the location's, else the clinic's) what the patient did; nothing
    is written when no address is set (the inbox shows it all the same)."""
    clinic = clinic_settings()
    location = appointment.location or appointment.request.location
    to = (location and location.notification_email) or clinic.front_desk_email
    if not to:
        logger.warning(
            "Appointment request %s: the front desk was not emailed about the booking: no "
            "notification address is set in clinic settings.",
            appointment.request.reference,
        )
        return None
    context = {
        "reference": appointment.request.reference,
        "starts_at": timezone.localtime(appointment.starts_at),
        "admin_url": admin_url(appointment.request),
    }
    subject, body = render_email(f"booking_{kind}", context)
    return BookingEmail.objects.create(
        appointment=appointment, kind=kind, to=to, subject=subject, body=body
    )


def send_booking_email_after_commit(booking_email):
    if booking_email is not None:
        send_after_commit(send_booking_email, booking_email.pk, "Booking email")


def pending_booking_emails():
    return BookingEmail.objects.filter(sent_at__isnull=True).order_by("created_at", "pk")


def send_booking_email(pk, connection=None):
    """Send the outbox's email `pk` unless it has gone already (or another run holds it).
    Never raises for a mail failure: the email stays pending."""
    outcome = NotificationOutcome()
    with transaction.atomic():
        booking_email = _claim(pk)
        if booking_email is None:
            return outcome
        outcome.reference = str(booking_email.appointment)
        message = EmailMessage(
            booking_email.subject,
            booking_email.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[booking_email.to],
        )
        if booking_email.invite:
            message.attach("invite.ics", booking_email.invite, "text/calendar")
        if send_message(outcome.reference, booking_email.kind, message, connection, outcome):
            BookingEmail.objects.filter(pk=pk).update(sent_at=timezone.now())
    return outcome


def _claim(pk):
    """The unsent email, locked for this run (skipped on PostgreSQL if another run holds it)."""
    emails = BookingEmail.objects.filter(pk=pk, sent_at__isnull=True).select_related(
        "appointment__request"
    )
    return lock_for_sending(emails).first()
