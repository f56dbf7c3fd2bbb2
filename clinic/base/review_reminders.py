"""Emails that tell a health page's reviewer its clinical review falls due: once when it is
due within DUE_SOON_DAYS, once when it is overdue (send_review_reminders, run by the
scheduler). Each sent email is recorded (ReviewReminder, by page, kind and due date), so
none goes twice, and the next review's new due date lets them go again.

They name the page, its due date and its admin address: never anything about a patient.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from .health_pages import health_page_models
from .models import ReviewReminder
from .reviews import ReviewState, review_state


def reminders_to_send(today):
    """(page, kind) for each health page due for review whose reviewer has not been told of
    its current state yet, soonest due first."""
    due = []
    for model in health_page_models():
        due += model.due_for_review(today).select_related("reviewer__user")
    sent = set(
        ReviewReminder.objects.filter(page_id__in=[page.pk for page in due]).values_list(
            "page_id", "kind", "next_review_due"
        )
    )
    reminders = []
    for page in sorted(due, key=lambda page: (page.next_review_due, page.title)):
        kind = review_state(page.next_review_due, today)
        if (page.pk, kind, page.next_review_due) not in sent:
            reminders.append((page, kind))
    return reminders


def reviewer_address(page):
    """The reviewer's email (their admin account's), or "" when there is none to write to."""
    user = page.reviewer.user if page.reviewer else None
    return user.email if user is not None and user.is_active else ""


def reminder_email(page, kind):
    context = {
        "title": page.title,
        "next_review_due": page.next_review_due,
        "overdue": kind == ReviewState.OVERDUE,
        "reviewer": page.reviewer.name,
        "edit_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
    subject = render_to_string("base/email/review_reminder_subject.txt", context)
    body = render_to_string("base/email/review_reminder.txt", context)
    return EmailMessage(
        " ".join(subject.split()),
        body.strip() + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[reviewer_address(page)],
    )


def record_sent(page, kind):
    ReviewReminder.objects.get_or_create(
        page_id=page.pk, kind=kind, next_review_due=page.next_review_due
    )
