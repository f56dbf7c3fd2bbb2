"""Appointment requests made straight in the database, for tests that start after the form."""

import smtplib
import uuid

from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from clinic.appointments.models import AppointmentRequest

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


class BrokenEmailBackend(BaseEmailBackend):
    """A mail server that drops the connection; its error quotes the recipients, as
    smtplib's errors do."""

    def send_messages(self, email_messages):
        recipients = [address for message in email_messages for address in message.to]
        raise smtplib.SMTPServerDisconnected(f"Connection lost while sending to {recipients}")
