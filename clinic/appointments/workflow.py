"""The clinic's workflow of a request's status: which changes are allowed, and why not.

One rule, asked by every view that changes a status (the edit form, the bulk actions, the
booking action): "booked" needs an appointment, so only the booking action sets it; a closed
request (booked, declined, no-show, withdrawn, spam) changes only when someone deliberately
reopens it, except that a booked patient who did not come becomes a no-show.

And who handles a request: whoever changes one that nobody handles takes it (claim).
"""

from django.utils.translation import gettext_lazy as _

from .models import AppointmentRequest

Status = AppointmentRequest.Status

# Changes a closed request may take without being reopened: what happens after a booking.
CLOSED_FOLLOW_UPS = {(Status.BOOKED, Status.NO_SHOW)}


def is_closed(status):
    return status not in AppointmentRequest.OPEN_STATUSES


def status_change_refusal(old, new, *, booking=False, reopening=False):
    """Why a request may not go from status `old` to `new` ("" if it may). `booking`: the
    change comes from the booking action, which records the appointment; `reopening`: the
    user chose to reopen a closed request."""
    if old == new:
        return ""
    if new == Status.BOOKED and not booking:
        return _("Use “Confirm booking” on this page: it records the time and emails the patient.")
    if is_closed(old) and not (reopening or booking) and (old, new) not in CLOSED_FOLLOW_UPS:
        return _("This request is closed. Tick “Reopen this request” to change its status.")
    return ""


def claim(appointment_request, user):
    """Make `user` the one handling this request if nobody is (not saved). Returns whether
    it did, for the change's history entry to name "handled_by"."""
    if appointment_request.handled_by_id is not None:
        return False
    appointment_request.handled_by = user
    return True
