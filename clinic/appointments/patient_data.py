"""One person's appointment requests, for their data requests (right of access, right to
erasure): found by their email address or phone number, and written out whole."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from clinic.base.phones import phone_digits

from .models import AppointmentRequest


def person_requests(email="", phone=""):
    """Every request, at every location and in every status, sent with this email address
    (whatever its case) or this phone number (however it is punctuated: the same digits as
    phone_digits gives a stored phone). Exact matches only: part of an address or of a number
    finds nothing. No term, no request."""
    match = Q(pk__in=[])
    if email:
        match |= Q(email__iexact=email)
    if phone and (digits := phone_digits(phone)):
        match |= Q(phone_digits=digits)
    # What the lists of found requests show (reference, name, date, status, location); the
    # download loads the rest with with_records.
    return (
        AppointmentRequest.objects.filter(match)
        .select_related("location")
        .order_by("created_at", "pk")
    )


def with_records(appointment_requests):
    """These requests (a queryset) with everything request_record reads of them."""
    return appointment_requests.select_related(
        "treatment",
        "location",
        "practitioner",
        "handled_by",
        "appointment__location",
        "appointment__practitioner",
    ).prefetch_related("notes__author", "appointment__emails")


def request_record(appointment_request):
    """Everything stored about one request, as JSON-ready data: each of its fields as stored
    (a link to a page, practitioner or user as its name), and its notes. Whatever else comes
    to hold a request's data (a booking) adds its own key here."""
    record = {}
    for field in AppointmentRequest._meta.concrete_fields:
        if field.is_relation:
            related = getattr(appointment_request, field.name)
            record[field.name] = None if related is None else str(related)
        else:
            record[field.name] = field.value_from_object(appointment_request)
    record["notes"] = [
        {
            "written": note.created_at,
            "author": None if note.author is None else str(note.author),
            "text": note.text,
        }
        for note in appointment_request.notes.all()
    ]
    record["appointment"] = appointment_record(getattr(appointment_request, "appointment", None))
    return record


def appointment_record(appointment):
    """The request's booking, if it has one, and the emails that told the patient of it."""
    if appointment is None:
        return None
    return {
        "starts_at": appointment.starts_at,
        "duration_minutes": appointment.duration_minutes,
        "location": None if appointment.location is None else str(appointment.location),
        "practitioner": None if appointment.practitioner is None else appointment.practitioner.name,
        "cancelled_at": appointment.cancelled_at,
        "emails": [
            {"kind": email.kind, "to": email.to, "subject": email.subject, "sent_at": email.sent_at}
            for email in appointment.emails.all()
        ],
    }


def records_file(appointment_requests):
    """The download: the requests' records as one UTF-8 JSON document."""
    document = {
        "exported_at": timezone.now(),
        "appointment_requests": [request_record(r) for r in appointment_requests],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()
