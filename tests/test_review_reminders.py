"""Reviewers are emailed once when a health page they reviewed falls due within 30 days, and
once when it is overdue; a new review lets the reminders go again."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from clinic.people.models import Practitioner
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


def days_from_today(days):
    return timezone.localdate() + datetime.timedelta(days=days)


def send_reminders():
    out = io.StringIO()
    call_command("send_review_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def reviewer(clinic_site):
    """The shipped reviewer, with an admin account to write to."""
    practitioner = clinic_site.reviewer
    practitioner.user = make_user("ana", "Clinicians")
    practitioner.save()
    return practitioner


def set_due(page, days, reviewer):
    type(page).objects.filter(pk=page.pk).update(
        reviewer=reviewer,
        last_reviewed=days_from_today(days - 365),
        next_review_due=days_from_today(days),
    )


def test_a_reviewer_is_told_once_when_a_page_falls_due(clinic_site, reviewer):
    set_due(clinic_site.joint, 20, reviewer)
    assert "Sent 1 review reminder" in send_reminders()
    [email] = mail.outbox
    assert email.to == ["ana@example.com"]
    assert email.subject.startswith("Clinical review due by")
    assert "Joint manipulation" in email.subject
    assert f"/admin/pages/{clinic_site.joint.pk}/edit/" in email.body

    send_reminders()
    assert len(mail.outbox) == 1  # not again


def test_an_overdue_page_sends_its_own_reminder_once(clinic_site, reviewer):
    set_due(clinic_site.article, 20, reviewer)
    send_reminders()
    set_due(clinic_site.article, -1, reviewer)
    send_reminders()
    send_reminders()
    subjects = [email.subject for email in mail.outbox]
    assert len(subjects) == 2
    assert subjects[1] == "Clinical review overdue: Back spasms"
    assert "now overdue" in mail.outbox[1].body


def test_a_new_review_lets_the_reminders_go_again(clinic_site, reviewer):
    set_due(clinic_site.joint, 10, reviewer)
    send_reminders()
    # Reviewed again: the next review is a year on, then it too falls due.
    set_due(clinic_site.joint, 25, reviewer)
    send_reminders()
    assert len(mail.outbox) == 2


def test_pages_not_due_and_reviewers_without_an_email_get_nothing(clinic_site):
    set_due(clinic_site.joint, 31, clinic_site.reviewer)
    no_account = Practitioner.objects.create(name="Dr. Ian Cho", credentials="DC")
    set_due(clinic_site.exercise, 5, no_account)
    output = send_reminders()
    assert mail.outbox == []
    assert f"No reviewer's email for page {clinic_site.exercise.pk}" in output
