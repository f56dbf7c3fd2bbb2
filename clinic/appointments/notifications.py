"""The two emails an appointment request sends: one to the front desk, one to the patient.

Neither carries the patient's message, red-flag answers or any other health detail, and the
front desk's carries no name or phone either: the details stay in the admin, behind a login.
An email is stamped as sent only once the mail server has taken it, so a failure leaves the
request waiting for `send_pending_notifications`, which sends what is missing. An email is
never lost, but one can go out twice: if the mail server takes it and the stamp is not saved
(its reply lost, the process stopped, the database failing at that moment), the next run
sends it again. In production that command is the only sender
(settings.APPOINTMENT_EMAILS_IN_REQUEST).

When the mail server cannot be reached (refused, silent, dropping the connection), nothing
more is tried in that run: each try would wait out EMAIL_TIMEOUT again.

Logs name the reference and which email failed, never the exception's text: SMTP errors
quote recipient addresses.
"""

import logging
import smtplib
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from clinic.base.models import ClinicSettings

from .models import AppointmentRequest

logger = logging.getLogger(__name__)

FRONT_DESK = "front-desk"
PATIENT = "patient"


@dataclass
class NotificationOutcome:
    """What one run did for one request: the emails sent, and those that failed, with why;
    and the error's type if the mail server itself failed (then the run tries nothing more)."""

    reference: str = ""
    sent: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    mail_server_error: str = ""


def notify_after_commit(appointment_request):
    """Send the request's emails once the transaction that saved it commits, where the
    patient's request sends them; otherwise the scheduler finds them pending.

    Call this right after saving the request, inside the view's transaction: if that
    transaction rolls back, nobody is told of a request that does not exist.
    """
    send_after_commit(send_notifications, appointment_request.pk, "Appointment request")


def send_after_commit(send, pk, what):
    """`send(pk)` once the current transaction commits, where this process sends email
    (APPOINTMENT_EMAILS_IN_REQUEST); otherwise, or if that fails, the scheduler's
    send_pending_notifications sends what is pending. `what` names the row in the log."""
    if settings.APPOINTMENT_EMAILS_IN_REQUEST:
        transaction.on_commit(partial(send_or_leave_to_the_scheduler, send, pk, what))


def send_or_leave_to_the_scheduler(send, pk, what):
    # Runs inside the patient's or the staff's request: whatever happens here, they get
    # their page.
    try:
        send(pk)
    except Exception as error:
        logger.warning(
            "%s #%s: notifications not sent (%s); send_pending_notifications will retry.",
            what,
            pk,
            type(error).__name__,
        )


def send_notifications(appointment_request, connection=None, clinic=None):
    """Send whichever of the request's two emails has not gone out yet (none for spam).

    Takes a request or its pk, the mail connection to send through (by default, one per
    email) and the clinic's settings (by default, read now: a batch reads them once). Never
    raises for a mail failure: the email stays pending.
    """
    pk = getattr(appointment_request, "pk", appointment_request)
    outcome = NotificationOutcome()
    with transaction.atomic():
        appointment_request = _claim(pk)
        if appointment_request is None:
            # Sent already, spam, deleted, or another run holds it right now.
            return outcome
        outcome.reference = appointment_request.reference
        clinic = clinic or clinic_settings()
        sent = []
        for kind, timestamp_field, build in NOTIFICATIONS:
            if getattr(appointment_request, timestamp_field) is not None:
                continue
            message = build(appointment_request, clinic)
            if _send(appointment_request, kind, message, connection, outcome):
                sent.append(timestamp_field)
            elif outcome.mail_server_error:
                break
        # Both stamps in one write, with the claim's lock still held.
        if sent:
            now = timezone.now()
            AppointmentRequest.objects.filter(pk=pk).update(**dict.fromkeys(sent, now))
    return outcome


def _send(appointment_request, kind, message, connection, outcome):
    """Send one email; True once the mail server has taken it."""
    if message is None:
        outcome.failed[kind] = "no notification address in clinic settings"
        logger.warning(
            "Appointment request %s: the %s email was not sent: no notification address "
            "is set in clinic settings.",
            appointment_request.reference,
            kind,
        )
        return False
    return send_message(appointment_request.reference, kind, message, connection, outcome)


def send_message(reference, kind, message, connection, outcome):
    """Send `message` (the `kind` email of request `reference`) through `connection`, and
    note in `outcome` that it went, or why not. True once the mail server has taken it;
    never raises for a mail failure."""
    message.connection = connection
    try:
        message.send()
    except Exception as error:
        outcome.failed[kind] = type(error).__name__
        if is_mail_server_failure(error):
            outcome.mail_server_error = type(error).__name__
        logger.warning(
            "Appointment request %s: the %s email was not sent (%s); "
            "send_pending_notifications will retry.",
            reference,
            kind,
            type(error).__name__,
        )
        return False
    outcome.sent.append(kind)
    return True


def is_mail_server_failure(error):
    """Did the mail server, or the way to it, fail (refused, timed out, dropped the
    connection, refused our sign-in or sender), rather than this one email (its recipient or
    its content refused)? smtplib's errors are OSErrors, as the socket's are. A refused email
    must not hold up the ones after it, run after run."""
    return isinstance(error, OSError) and not isinstance(
        error, smtplib.SMTPRecipientsRefused | smtplib.SMTPDataError
    )


def _claim(pk):
    """The request, locked for this run, if one of its emails is still unsent; else None.

    On PostgreSQL a second run at the same moment skips a row the first one holds, instead
    of sending the same emails twice. SQLite runs one writer at a time.
    """
    requests = lock_for_sending(AppointmentRequest.objects.awaiting_notification().filter(pk=pk))
    # The treatment's title is all the front desk's email needs of its page.
    return requests.annotate(treatment_title=F("treatment__title")).first()


def lock_for_sending(queryset):
    """`queryset`'s rows locked for this run, skipping those another run holds, where the
    database can (PostgreSQL); SQLite runs one writer at a time."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def clinic_settings():
    site = Site.objects.filter(is_default_site=True).first()
    return ClinicSettings.for_site(site) if site else ClinicSettings()


def admin_url(appointment_request):
    """The full address of the request's page in the admin."""
    return absolute_url(reverse("appointment_requests:inspect", args=[appointment_request.pk]))


def absolute_url(path):
    """The full address of the site's `path`, for an email."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render_email(template, context):
    """The subject and body of the email `template` (appointments/email/)."""
    subject = render_to_string(f"appointments/email/{template}_subject.txt", context)
    body = render_to_string(f"appointments/email/{template}.txt", context)
    # A header holds one line.
    return " ".join(subject.split()), body.strip() + "\n"


def front_desk_email(appointment_request, clinic):
    """The front desk's email: reference, treatment, urgency and a link, to the chosen
    location's front desk, else the clinic's. None without an address to send it to."""
    location = appointment_request.location
    address = (location and location.notification_email) or clinic.front_desk_email
    if not address:
        return None
    subject, body = render_email(
        "front_desk",
        {
            "reference": appointment_request.reference,
            "treatment": appointment_request.treatment_title,
            "is_urgent": appointment_request.is_urgent,
            "admin_url": admin_url(appointment_request),
        },
    )
    return EmailMessage(subject, body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address])


def patient_email(appointment_request, clinic):
    """The patient's confirmation: the reference and what happens next."""
    subject, body = render_email(
        "patient",
        {
            "reference": appointment_request.reference,
            "clinic_name": clinic.clinic_name,
            "clinic_phone": clinic.phone,
            # No promise of a day to someone who ticked a warning sign; nor a word of why.
            "is_urgent": appointment_request.is_urgent,
            "emergency_number": clinic.emergency_number,
        },
    )
    return EmailMessage(
        subject, body, from_email=settings.DEFAULT_FROM_EMAIL, to=[appointment_request.email]
    )


NOTIFICATIONS = [
    (FRONT_DESK, "front_desk_notified_at", front_desk_email),
    (PATIENT, "patient_notified_at", patient_email),
]
