"""What happens to a booking, one function a step: the front desk confirms, moves or cancels
it; the patient cancels or asks for another time; the scheduler sends the reminder.

Each step is one transaction: the appointment and the request's status change, the request's
history gets one line, and the emails are written to the outbox, sent once it commits.
Statuses: a confirmed appointment is "booked"; the front desk's cancellation puts the request
back to "contacted" (open again, to rebook or close as the call goes); the patient's own
cancellation makes it "withdrawn" (closed: they said so); asking for another time makes it
"contacted" (open, for the front desk to call), the appointment kept until they change it.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .booking_emails import (
    send_booking_email_after_commit,
    write_front_desk_email,
    write_patient_email,
)
from .models import Appointment, AppointmentRequest, BookingEmail, new_event_uid
from .workflow import claim

Status = AppointmentRequest.Status
Kind = BookingEmail.Kind

# Audit-log actions of the request's history, registered in wagtail_hooks.py.
BOOKED = "appointments.booked"
REBOOKED = "appointments.rebooked"
BOOKING_CANCELLED = "appointments.booking_cancelled"
PATIENT_CANCELLED = "appointments.patient_cancelled"
PATIENT_ASKED_ANOTHER_TIME = "appointments.patient_asked_another_time"

BOOKING_FIELDS = ["starts_at", "duration_minutes", "location", "practitioner"]


def booking_log_data(appointment):
    """What the history line shows of the booking: when, where, with whom (no health detail)."""
    return {
        "starts_at": appointment.starts_at.isoformat(),
        "duration_minutes": appointment.duration_minutes,
        "location": appointment.location.title if appointment.location else "",
        "practitioner": appointment.practitioner.name if appointment.practitioner else "",
    }


def _locked_request(appointment_request):
    return AppointmentRequest.objects.select_for_update().get(pk=appointment_request.pk)


def _locked_appointment(appointment, appointment_request):
    """The appointment, locked (after its request, always in that order), with what its
    history line and emails show loaded at once, and the locked request as its own."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("location", "practitioner")
        .get(pk=appointment.pk)
    )
    appointment.request = appointment_request
    return appointment


def confirm_booking(appointment_request, values, user):
    """Book the request for `values` (BOOKING_FIELDS), or move its booking there. The patient
    is emailed the booking, or the new time, with the invite. Returns the appointment."""
    with transaction.atomic():
        appointment_request = _locked_request(appointment_request)
        appointment = Appointment.objects.filter(request=appointment_request).first()
        if appointment is not None:
            appointment.request = appointment_request  # the locked one, not loaded again
        if appointment is not None and not appointment.is_cancelled:
            kind, action = Kind.UPDATE, REBOOKED
            appointment.changed()
        else:
            kind, action = Kind.CONFIRMATION, BOOKED
            if appointment is None:
                appointment = Appointment(request=appointment_request)
            else:
                # Booked again after a cancellation: a new calendar event, as the old one is
                # cancelled in the patient's calendar.
                appointment.changed()
                appointment.uid = new_event_uid()
                appointment.sequence = 0
                appointment.cancelled_at = None
        for name in BOOKING_FIELDS:
            setattr(appointment, name, values[name])
        appointment.save()
        appointment_request.status = Status.BOOKED
        claim(appointment_request, user)
        appointment_request.save()
        log(
            instance=appointment_request,
            action=action,
            user=user,
            data=booking_log_data(appointment),
        )
        send_booking_email_after_commit(write_patient_email(appointment, kind))
    return appointment


def cancel_booking(appointment, user):
    """The front desk cancels: the patient gets the cancelling invite, and the request is
    open again (contacted)."""
    with transaction.atomic():
        appointment_request = _locked_request(appointment.request)
        appointment = _locked_appointment(appointment, appointment_request)
        _cancel(appointment)
        appointment_request.status = Status.CONTACTED
        appointment_request.save()
        log(
            instance=appointment_request,
            action=BOOKING_CANCELLED,
            user=user,
            data=booking_log_data(appointment),
        )
        send_booking_email_after_commit(write_patient_email(appointment, Kind.CANCELLATION))
    return appointment


def _cancel(appointment):
    """Cancel the (locked) appointment."""
    appointment.changed()
    appointment.cancelled_at = timezone.now()
    appointment.save()


def patient_acts(appointment, nonce, act):
    """The patient, through their link, cancels (`act` PATIENT_CANCELLED) or asks for another
    time (PATIENT_ASKED_ANOTHER_TIME). Once per link: False, and nothing done, if the link's
    nonce is no longer the booking's (used, or replaced by a change meanwhile)."""
    with transaction.atomic():
        appointment_request = _locked_request(appointment.request)
        appointment = _locked_appointment(appointment, appointment_request)
        if appointment.link_nonce != nonce or appointment.is_cancelled:
            return False
        if appointment_request.status != Status.BOOKED:
            return False
        if act == PATIENT_CANCELLED:
            _cancel(appointment)
            appointment_request.status = Status.WITHDRAWN
            send_booking_email_after_commit(write_patient_email(appointment, Kind.CANCELLATION))
            front_desk_kind = Kind.PATIENT_CANCELLED
        else:
            # The link is used; the invite in their calendar stays until the time changes.
            appointment.renew_link()
            appointment.save()
            appointment_request.status = Status.CONTACTED
            front_desk_kind = Kind.ANOTHER_TIME
        appointment_request.save()
        log(instance=appointment_request, action=act, data=booking_log_data(appointment))
        send_booking_email_after_commit(write_front_desk_email(appointment, front_desk_kind))
    return True


def remind(appointment_pk, clinic=None):
    """Write the reminder for one appointment unless it went already or the booking is off:
    the scheduler's step. True if written. `clinic`: the clinic's settings (by default, read
    now: a batch reads them once)."""
    with transaction.atomic():
        appointment = (
            Appointment.objects.booked()
            .select_for_update(of=("self",))
            .select_related("request", "location", "practitioner")
            .filter(pk=appointment_pk, reminder_sent_at__isnull=True)
            .first()
        )
        if appointment is None:
            return False
        appointment.reminder_sent_at = timezone.now()
        appointment.save(update_fields=["reminder_sent_at"])
        send_booking_email_after_commit(write_patient_email(appointment, Kind.REMINDER, clinic))
    return True
