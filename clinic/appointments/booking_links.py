"""The patient's link to their own booking page: no account, no login.

The token is signed with the site's secret (django.core.signing) and holds the appointment's
id and its link nonce only, nothing about the patient. A change to the booking draws a new
nonce, so an older link, or one the patient has used, no longer acts on it; a link also
expires after BOOKING_LINK_MAX_AGE_DAYS, and a day after the appointment ends.
"""

import enum
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from .models import Appointment
from .notifications import absolute_url

SALT = "appointments.booking-link"
# How long after the appointment its page still shows it.
SHOWN_AFTER_END = timedelta(days=1)


class LinkProblem(enum.Enum):
    FORGED = "forged"  # not signed by us, or cut short
    EXPIRED = "expired"  # too old, or the appointment is over
    USED = "used"  # acted on already, or replaced by a newer email's link


def booking_token(appointment):
    return signing.dumps([appointment.pk, appointment.link_nonce], salt=SALT)


def booking_url(appointment):
    """The full address of the appointment's page, for an email."""
    return absolute_url(reverse("appointments:booking", args=[booking_token(appointment)]))


def appointment_for_token(token):
    """(appointment, None) for a good link; (None, LinkProblem) for any other."""
    max_age = timedelta(days=settings.BOOKING_LINK_MAX_AGE_DAYS)
    try:
        pk, nonce = signing.loads(token, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        return None, LinkProblem.EXPIRED
    except (signing.BadSignature, TypeError, ValueError):
        return None, LinkProblem.FORGED
    appointment = (
        Appointment.objects.select_related("request", "location", "practitioner")
        .filter(pk=pk)
        .first()
    )
    if appointment is None:  # removed with its request (retention)
        return None, LinkProblem.EXPIRED
    if not constant_time_compare(appointment.link_nonce, str(nonce)):
        return None, LinkProblem.USED
    if appointment.ends_at + SHOWN_AFTER_END < timezone.now():
        return None, LinkProblem.EXPIRED
    return appointment, None
