"""Which new requests have waited longer than the clinic promises to reply (Settings › Clinic
settings › "reply within", in opening hours), counted in the opening hours of the request's
location: a request sent on Friday evening has not waited over the weekend the clinic is
closed. A request naming no location, or a location without opening hours, counts the first
location's hours; with no opening hours known at all, every hour counts.

The promise is one query; the hours of every location are read once (two queries) for a
whole listing or count, and only when a request has waited long enough to need them.
"""

import datetime
from collections import defaultdict

from django.utils import timezone
from django.utils.functional import cached_property

from clinic.base.models import DEFAULT_REPLY_HOURS, ClinicSettings
from clinic.locations.models import Closure, OpeningSpan

from .models import AppointmentRequest

# How far back the count looks: a request waiting longer than this is overdue whatever the
# hours (and a location closed for weeks does not make the count walk day by day forever).
LONGEST_COUNT = datetime.timedelta(days=60)


class OpeningHours:
    """One location's opening spans by weekday and its closures."""

    def __init__(self, spans=(), closures=()):
        self.spans = defaultdict(list)
        for span in spans:
            self.spans[span.weekday].append((span.opens, span.closes))
        self.closures = [(closure.first_day, closure.last_day) for closure in closures]

    def __bool__(self):
        return bool(self.spans)

    def is_closed_on(self, day):
        return any(first <= day <= last for first, last in self.closures)

    def open_between(self, start, end):
        """The opening time between two moments, in the clinic's time zone."""
        start, end = timezone.localtime(start), timezone.localtime(end)
        total = datetime.timedelta()
        day = start.date()
        while day <= end.date():
            if not self.is_closed_on(day):
                for opens, closes in self.spans.get(day.weekday(), []):
                    span_start = timezone.make_aware(datetime.datetime.combine(day, opens))
                    span_end = timezone.make_aware(datetime.datetime.combine(day, closes))
                    overlap = min(end, span_end) - max(start, span_start)
                    if overlap > datetime.timedelta():
                        total += overlap
            day += datetime.timedelta(days=1)
        return total


class ReplyPromise:
    """The clinic's promise to reply within so many opening hours, with every location's
    hours: answers whether a request has waited too long."""

    def __init__(self, hours):
        self.limit = datetime.timedelta(hours=hours)

    @classmethod
    def load(cls):
        """The promise of the default site's clinic settings: the admin serves every site."""
        hours = (
            ClinicSettings.objects.filter(site__is_default_site=True)
            .values_list("reply_within_opening_hours", flat=True)
            .first()
        )
        return cls(hours or DEFAULT_REPLY_HOURS)

    @cached_property
    def by_location(self):
        spans = defaultdict(list)
        for span in OpeningSpan.objects.order_by("location__path", "weekday", "opens"):
            spans[span.location_id].append(span)
        closures = defaultdict(list)
        recent = timezone.localdate() - LONGEST_COUNT
        for closure in Closure.objects.filter(last_day__gte=recent):
            closures[closure.location_id].append(closure)
        return {pk: OpeningHours(spans[pk], closures[pk]) for pk in spans}

    def hours_of(self, location_id):
        # The first location (in the page tree's order) for requests that name none.
        first = next(iter(self.by_location.values()), OpeningHours())
        return self.by_location.get(location_id) or first

    def is_overdue(self, appointment_request, now=None):
        """Whether a new request has waited longer than promised (others are being worked)."""
        if appointment_request.status != AppointmentRequest.Status.NEW:
            return False
        now = now or timezone.now()
        waited = now - appointment_request.created_at
        if waited <= self.limit:
            return False  # opening hours never outrun the clock
        if waited > LONGEST_COUNT:
            return True
        hours = self.hours_of(appointment_request.location_id)
        if not hours:
            return True  # no opening hours known: every hour counted
        return hours.open_between(appointment_request.created_at, now) > self.limit
