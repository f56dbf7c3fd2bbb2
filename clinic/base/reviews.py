"""When clinical reviews fall due: the interval after a review and the report's states."""

import calendar
import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# A health page due within this many days shows in "Content due for review" before it is late.
DUE_SOON_DAYS = 30


class ReviewState(models.TextChoices):
    OVERDUE = "overdue", _("Overdue")
    DUE_SOON = "due_soon", _("Due soon")


def add_months(day, months):
    """`day` moved `months` calendar months on; a day the target month lacks (31 April,
    29 February in a common year) becomes that month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def next_review_after(day):
    return add_months(day, settings.CLINICAL_REVIEW_INTERVAL_MONTHS)


def due_soon_until(today):
    """The last day that counts as "due soon" on `today`."""
    return today + datetime.timedelta(days=DUE_SOON_DAYS)


def review_state(next_review_due, today):
    """OVERDUE once the due day has passed, DUE_SOON up to DUE_SOON_DAYS ahead, else None."""
    if next_review_due is None:
        return None
    if next_review_due < today:
        return ReviewState.OVERDUE
    if next_review_due <= due_soon_until(today):
        return ReviewState.DUE_SOON
    return None
