"""Deleting appointment requests for good: the scheduler's retention purge and a person's
right to erasure (purge_appointment_requests, Patient data requests in the admin) delete the
same way.

A request goes with its notes. The audit log keeps its entries, titled by reference, as the
history of what was done, and gains a "deleted" entry naming the reason; any entry that quotes
the patient's details loses them.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .models import AppointmentRequest

BATCH_SIZE = 500


def requests_to_erase(requests):
    """The requests of a queryset as a list, oldest first, with what erase() reads of them."""
    return list(requests.order_by("created_at", "pk").prefetch_related("notes"))


def erase(appointment_requests, reason, user=None):
    """Delete these requests (from requests_to_erase) and their notes, in one transaction,
    and scrub their audit log. Returns how many audit-log entries lost patient details."""
    scrubbed = 0
    with transaction.atomic():
        for start in range(0, len(appointment_requests), BATCH_SIZE):
            batch = appointment_requests[start : start + BATCH_SIZE]
            scrubbed += scrub_audit_log(batch)
            for appointment_request in batch:
                log(appointment_request, "wagtail.delete", user=user, data={"reason": reason})
            AppointmentRequest.objects.filter(pk__in=[r.pk for r in batch]).delete()
    return scrubbed


def scrub_audit_log(appointment_requests):
    """Strip patient details from the audit log entries of these requests.

    The entries stay: they are the history (who did what, when), titled by reference. An
    entry whose title or data quotes the patient is reduced to that history. Returns how many
    entries were changed.
    """
    by_id = {str(r.pk): r for r in appointment_requests}
    # Each request's details once, not once per entry and field: there are several entries
    # to a request, and the details include every note.
    details = {pk: patient_details(r) for pk, r in by_id.items()}
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AppointmentRequest),
        object_id__in=by_id,
    )
    changed = []
    for entry in entries:
        request_details = details[entry.object_id]
        if quotes_patient(entry.label, request_details) or quotes_patient(
            entry.data, request_details
        ):
            entry.label = by_id[entry.object_id].reference
            entry.data = {}
            changed.append(entry)
    # One UPDATE for the lot: nothing listens to a log entry's save signals, and the entries
    # already passed the full_clean that ModelLogEntry.save runs (their action is unchanged).
    ModelLogEntry.objects.bulk_update(changed, ["label", "data"])
    return len(changed)


def patient_details(appointment_request):
    """What of a request identifies its patient, case-folded for quotes_patient."""
    values = [
        appointment_request.full_name,
        appointment_request.email,
        appointment_request.phone,
        appointment_request.message,
        *(note.text for note in appointment_request.notes.all()),
    ]
    return [value.casefold() for value in values if value and value.strip()]


def quotes_patient(value, details):
    """Whether a log entry's title or data (any JSON value) contains one of these patient
    details (from patient_details)."""
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
