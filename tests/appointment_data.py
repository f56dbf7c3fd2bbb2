"""Appointment requests: form answers a patient would post, and requests made straight in the
database for tests that start after the form."""

import smtplib
import time
import uuid

from django.core import signing
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from clinic.appointments import tickets
from clinic.appointments.models import AppointmentRequest
from clinic.safety.models import WarningSign

PATIENT = {
    "full_name": "Maria Kowalczyk",
    "email": "maria.k@example.com",
    "phone": "555-0199",
    "message": "My back hurts when I lift my daughter",
}


def make_appointment_request(**fields):
    """A request as the form saves it: consent given, one red flag unless told otherwise."""
    values = {
        **PATIENT,
        "submission_token": uuid.uuid4(),
        "consent_given_at": timezone.now(),
        "consent_version": "2026-01",
        "preferred_contact": AppointmentRequest.ContactMethod.PHONE,
        "patient_type": AppointmentRequest.PatientType.NEW,
        "red_flags": [],
        **fields,
    }
    return AppointmentRequest.objects.create(**values)


def warning_sign(wording):
    """The form's value for the warning sign worded so (the test site's list: conftest)."""
    return str(WarningSign.objects.get(wording=wording).pk)


def ticked(wording, urgency):
    """A warning sign as a request keeps it."""
    return {"wording": wording, "urgency": urgency}


def ticket(seconds_ago=30, token=None):
    """The ticket a form shown `seconds_ago` carries, as the server signed it then."""
    token = token or uuid.uuid4()
    data = {"token": token.hex, "issued_at": time.time() - seconds_ago}
    return signing.dumps(data, salt=tickets.SALT)


def answers(**overrides):
    """What a patient types into the appointment form, with a ticket from 30 seconds ago."""
    data = {
        "treatment": "",
        "full_name": "Jamie Rivera",
        "email": "jamie@example.com",
        "phone": "(503) 555-0123",
        "preferred_contact": "phone",
        "preferred_days": ["mon", "wed"],
        "preferred_times": ["morning"],
        "patient_type": "new",
        "message": "My lower back seized up when I lifted a box.",
        "consent": "on",
        "website": "",
        "ticket": ticket(),
    }
    data.update(overrides)
    return data


class BrokenEmailBackend(BaseEmailBackend):
    """A mail server that drops the connection; its error quotes the recipients, as
    smtplib's errors do."""

    def send_messages(self, email_messages):
        recipients = [address for message in email_messages for address in message.to]
        raise smtplib.SMTPServerDisconnected(f"Connection lost while sending to {recipients}")
