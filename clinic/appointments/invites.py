"""The calendar invite (.ics) a booking email carries, built with the icalendar library.

Every invite for one appointment has the same UID and a SEQUENCE that grows with each change,
so a calendar that took the first updates that event when the time changes and removes it
when the appointment is cancelled (RFC 5546: METHOD REQUEST, then CANCEL). Times are in UTC:
unambiguous, and shown by each calendar in its own time zone. Nothing about the patient's
health is in it: the summary names the clinic, not the treatment.
"""

from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress

PRODUCT_ID = "-//Lumbar//Appointments//EN"


def calendar_invite(appointment, clinic_name, address, cancelled=False):
    """The invite as bytes: REQUEST for a booking or a new time, CANCEL for a cancellation."""
    calendar = Calendar.new(method="CANCEL" if cancelled else "REQUEST", prodid=PRODUCT_ID)
    organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
    organizer.params["CN"] = clinic_name
    attendee = vCalAddress(f"mailto:{appointment.request.email}")
    attendee.params["ROLE"] = "REQ-PARTICIPANT"
    event = Event.new(
        uid=appointment.uid,
        sequence=appointment.sequence,
        stamp=timezone.now(),
        start=appointment.starts_at.astimezone(UTC),
        end=appointment.ends_at.astimezone(UTC),
        summary=gettext("Appointment at %(clinic)s") % {"clinic": clinic_name},
        location=address,
        organizer=organizer,
        attendees=[attendee],
        status="CANCELLED" if cancelled else "CONFIRMED",
    )
    calendar.add_component(event)
    return calendar.to_ical()
