"""A location's week: its opening spans by weekday, today's place in it, and its closures.

Days are the clinic's own (TIME_ZONE): "today" is the clinic's date, whatever the patient's.
"""

import datetime
import math

from django.utils import dateformat, timezone

# Monday first, as datetime.date.weekday() counts.
WEEKDAYS = [
    (0, "Monday"),
    (1, "Tuesday"),
    (2, "Wednesday"),
    (3, "Thursday"),
    (4, "Friday"),
    (5, "Saturday"),
    (6, "Sunday"),
]
SCHEMA_DAYS = [f"https://schema.org/{name}" for _, name in WEEKDAYS]
# How far ahead a closure is announced on the location's page.
CLOSURE_NOTICE_DAYS = 60


def week(spans, today):
    """Seven rows, Monday first: (day name, [spans that day], is today)."""
    by_day = {number: [] for number, _ in WEEKDAYS}
    for span in sorted(spans, key=lambda span: (span.weekday, span.opens)):
        by_day[span.weekday].append(span)
    return [(name, by_day[number], number == today.weekday()) for number, name in WEEKDAYS]


def next_closure(closures, today):
    """The closure under way or the next one within CLOSURE_NOTICE_DAYS, or None."""
    horizon = today + datetime.timedelta(days=CLOSURE_NOTICE_DAYS)
    coming = [c for c in closures if c.last_day >= today and c.first_day <= horizon]
    return min(coming, key=lambda closure: closure.first_day, default=None)


def seconds_until_tomorrow(now=None):
    """Whole seconds to the clinic's next midnight: a page marking today is right until then."""
    now = timezone.localtime(now)
    midnight = datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
    # In UTC: between two times of one zone Python subtracts wall clocks, wrong across DST.
    left = midnight.astimezone(datetime.UTC) - now.astimezone(datetime.UTC)
    return max(1, math.ceil(left.total_seconds()))


def summary(spans):
    """The week in a few lines, days with the same hours run together: ["Mon–Thu 8:00 AM–6:00
    PM", "Fri 8:00 AM–4:00 PM", "Sat 9:00 AM–1:00 PM", "Sun closed"]."""
    groups = []  # [first day, last day, hours text]
    for name, day_spans, _today in week(spans, timezone.localdate()):
        text = ", ".join(f"{span_time(s.opens)}–{span_time(s.closes)}" for s in day_spans)
        if groups and groups[-1][2] == text:
            groups[-1][1] = name
        else:
            groups.append([name, name, text])
    return [
        f"{first[:3]}{'–' + last[:3] if last != first else ''} {text or 'closed'}"
        for first, last, text in groups
    ]


def span_time(moment):
    return dateformat.time_format(moment, "g:i A")
