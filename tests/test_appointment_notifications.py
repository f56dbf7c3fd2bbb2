"""The emails an appointment request sends, and `send_pending_notifications`."""

import logging
import smtplib
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection, transaction
from django.utils import timezone

from clinic.appointments.models import AppointmentRequest
from clinic.appointments.notifications import (
    admin_url,
    notify_after_commit,
    send_notifications,
)
from clinic.base.models import ClinicSettings
from tests.conftest import WARNING_SIGNS
from tests.helpers import SilentServer, as_sent, command_report

from .appointment_data import PATIENT, make_appointment_request, ticked

NUMBNESS, BLADDER, FEVER = (wording for wording, _urgency, _advice in WARNING_SIGNS)

FRONT_DESK_ADDRESS = "desk@lumbar.example"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
SMTP = "django.core.mail.backends.smtp.EmailBackend"
PATIENT_DETAILS = [PATIENT["full_name"], PATIENT["email"], PATIENT["phone"], PATIENT["message"]]


class PatientMailboxDownBackend(BaseEmailBackend):
    """Delivers to the front desk, fails for everyone else."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to != [FRONT_DESK_ADDRESS]:
                raise smtplib.SMTPServerDisconnected(f"Connection lost sending to {message.to}")
            mail.outbox.append(message)
        return len(email_messages)


@pytest.fixture
def front_desk(clinic_site):
    clinic = ClinicSettings.for_site(clinic_site.site)
    clinic.front_desk_email = FRONT_DESK_ADDRESS
    clinic.save()
    return clinic


def submit(django_capture_on_commit_callbacks, **fields):
    """Save a request and ask for its emails the way the view does, then commit."""
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            appointment_request = make_appointment_request(**fields)
            notify_after_commit(appointment_request)
    appointment_request.refresh_from_db()
    return appointment_request


def email_to(mailoutbox, address):
    [message] = [message for message in mailoutbox if message.to == [address]]
    return message


def pending(fails=False):
    """send_pending_notifications' report: an email that did not go out is for cron and
    monitoring to notice."""
    return command_report("send_pending_notifications", fails)


def test_both_emails_go_out_after_commit_and_not_before(
    front_desk, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            appointment_request = make_appointment_request()
            notify_after_commit(appointment_request)
        assert mailoutbox == []

    assert callbacks  # the emails waited for the commit
    assert sorted(message.to[0] for message in mailoutbox) == [
        FRONT_DESK_ADDRESS,
        PATIENT["email"],
    ]
    appointment_request.refresh_from_db()
    assert appointment_request.front_desk_notified_at is not None
    assert appointment_request.patient_notified_at is not None
    assert appointment_request.is_notified


def test_a_request_rolled_back_tells_nobody(
    front_desk, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            notify_after_commit(make_appointment_request())
            raise RuntimeError("the view failed after saving")

    assert callbacks == []
    assert mailoutbox == []
    assert not AppointmentRequest.objects.exists()


def test_front_desk_email_has_reference_treatment_and_admin_link(
    front_desk, clinic_site, mailoutbox, django_capture_on_commit_callbacks, settings
):
    appointment_request = submit(django_capture_on_commit_callbacks, treatment=clinic_site.joint)

    message = email_to(mailoutbox, FRONT_DESK_ADDRESS)
    assert message.subject == f"New appointment request {appointment_request.reference}"
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert f"Reference: {appointment_request.reference}" in message.body
    assert "Treatment: Joint manipulation" in message.body
    assert admin_url(appointment_request) in message.body
    assert "URGENT" not in message.body


def test_admin_link_opens_the_request_in_the_front_desk_inbox(db):
    appointment_request = make_appointment_request()
    assert admin_url(appointment_request) == (
        f"http://testserver/admin/appointment-requests/inspect/{appointment_request.pk}/"
    )


def test_front_desk_email_says_not_sure_yet_without_a_treatment(
    front_desk, mailoutbox, django_capture_on_commit_callbacks
):
    submit(django_capture_on_commit_callbacks, treatment=None)

    assert "Treatment: Not sure yet" in email_to(mailoutbox, FRONT_DESK_ADDRESS).body


def test_urgent_request_is_marked_urgent_for_the_front_desk_without_saying_why(
    front_desk, mailoutbox, django_capture_on_commit_callbacks
):
    appointment_request = submit(
        django_capture_on_commit_callbacks,
        red_flags=[ticked(FEVER, "same_day"), ticked(BLADDER, "emergency")],
        is_urgent=True,
    )

    message = email_to(mailoutbox, FRONT_DESK_ADDRESS)
    assert message.subject == f"New appointment request {appointment_request.reference} (URGENT)"
    assert message.body.startswith("URGENT: the patient ticked a warning sign; call them first.")
    patient = email_to(mailoutbox, PATIENT["email"]).body
    assert "URGENT" not in patient
    # No reply "within one working day" for someone who should get care elsewhere now.
    assert "will call you first" in patient and "working day" not in patient


def test_patient_email_gives_reference_next_steps_and_emergency_advice(
    front_desk, mailoutbox, django_capture_on_commit_callbacks, settings
):
    appointment_request = submit(django_capture_on_commit_callbacks)

    message = email_to(mailoutbox, PATIENT["email"])
    assert message.subject == (
        f"We received your appointment request {appointment_request.reference}"
    )
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert appointment_request.reference in message.body
    assert "within one working day" in message.body
    assert "call us on (503) 555-0100" in message.body
    assert (
        "If your symptoms get worse or you notice a warning sign, call 911 or go to the "
        "nearest emergency department." in message.body
    )


@pytest.mark.parametrize("is_urgent", [False, True])
def test_no_email_carries_health_details_and_front_desk_gets_no_contact_details(
    front_desk, clinic_site, mailoutbox, django_capture_on_commit_callbacks, is_urgent
):
    red_flags = [ticked(FEVER, "same_day"), ticked(NUMBNESS, "emergency")]
    submit(
        django_capture_on_commit_callbacks,
        treatment=clinic_site.joint,
        red_flags=red_flags if is_urgent else [],
        is_urgent=is_urgent,
        preferred_days=["mon"],
    )

    assert len(mailoutbox) == 2
    health_details = [PATIENT["message"], *(sign["wording"] for sign in red_flags)]
    for message in mailoutbox:
        text = as_sent(message).casefold()
        for detail in [*health_details, PATIENT["full_name"], "Kowalczyk", "Monday"]:
            assert detail.casefold() not in text, (message.to, detail)
    front_desk_text = as_sent(email_to(mailoutbox, FRONT_DESK_ADDRESS))
    for detail in [PATIENT["email"], PATIENT["phone"]]:
        assert detail not in front_desk_text


def test_failing_mail_server_keeps_the_request_and_the_command_sends_it_later(
    front_desk, mailoutbox, django_capture_on_commit_callbacks, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.appointment_data.BrokenEmailBackend"
    caplog.set_level(logging.DEBUG)

    appointment_request = submit(django_capture_on_commit_callbacks)

    assert appointment_request.front_desk_notified_at is None
    assert appointment_request.patient_notified_at is None
    assert AppointmentRequest.objects.awaiting_notification().count() == 1
    assert f"{appointment_request.reference}: the front-desk email was not sent" in caplog.text
    # The mail server failed: the patient's email is not tried, the patient does not wait twice.
    assert "the patient email was not sent" not in caplog.text
    for detail in [*PATIENT_DETAILS, FRONT_DESK_ADDRESS]:
        assert detail not in caplog.text
    assert mailoutbox == []

    settings.EMAIL_BACKEND = LOCMEM
    assert pending() == "Sent 1 front-desk and 1 patient emails.\n"
    assert sorted(message.to[0] for message in mailoutbox) == [
        FRONT_DESK_ADDRESS,
        PATIENT["email"],
    ]
    appointment_request.refresh_from_db()
    assert appointment_request.is_notified

    assert pending() == "Sent 0 front-desk and 0 patient emails.\n"
    assert len(mailoutbox) == 2


def test_command_reports_failures_by_reference_and_leaves_them_for_next_run(
    front_desk, mailoutbox, settings, caplog
):
    settings.EMAIL_BACKEND = "tests.appointment_data.BrokenEmailBackend"
    first = make_appointment_request()
    make_appointment_request(full_name="Jo Brown", email="jo@example.com")

    out = pending(fails=True)

    assert out.splitlines() == [
        "Sent 0 front-desk and 0 patient emails; 1 failed, will retry; stopped at a mail "
        "server failure (SMTPServerDisconnected), requests left for the next run: 2.",
        f"  {first.reference}: front-desk email not sent (SMTPServerDisconnected)",
    ]
    for detail in [*PATIENT_DETAILS, "Jo Brown", "jo@example.com"]:
        assert detail not in out
        assert detail not in caplog.text
    assert AppointmentRequest.objects.awaiting_notification().count() == 2


def test_partial_failure_resends_only_the_missing_patient_email(
    front_desk, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "tests.test_appointment_notifications.PatientMailboxDownBackend"
    appointment_request = submit(django_capture_on_commit_callbacks)
    front_desk_sent_at = appointment_request.front_desk_notified_at

    assert front_desk_sent_at is not None
    assert appointment_request.patient_notified_at is None
    assert [message.to for message in mailoutbox] == [[FRONT_DESK_ADDRESS]]

    settings.EMAIL_BACKEND = LOCMEM
    assert pending() == "Sent 0 front-desk and 1 patient emails.\n"

    assert [message.to for message in mailoutbox] == [[FRONT_DESK_ADDRESS], [PATIENT["email"]]]
    appointment_request.refresh_from_db()
    assert appointment_request.front_desk_notified_at == front_desk_sent_at
    assert appointment_request.patient_notified_at is not None


def test_command_sends_oldest_requests_first(front_desk, mailoutbox):
    newer = make_appointment_request()
    older = make_appointment_request(created_at=timezone.now() - timedelta(days=1))

    pending()

    front_desk_subjects = [m.subject for m in mailoutbox if m.to == [FRONT_DESK_ADDRESS]]
    assert [subject.split()[-1] for subject in front_desk_subjects] == [
        older.reference,
        newer.reference,
    ]


def test_spam_notifies_nobody(front_desk, mailoutbox, django_capture_on_commit_callbacks):
    appointment_request = submit(
        django_capture_on_commit_callbacks,
        status=AppointmentRequest.Status.SPAM,
        spam_reason="honeypot",
    )

    assert mailoutbox == []
    assert pending() == "Sent 0 front-desk and 0 patient emails.\n"
    assert mailoutbox == []
    appointment_request.refresh_from_db()
    assert appointment_request.front_desk_notified_at is None
    assert appointment_request.patient_notified_at is None


def test_front_desk_email_waits_until_an_address_is_set(
    clinic_site, mailoutbox, django_capture_on_commit_callbacks, caplog
):
    appointment_request = submit(django_capture_on_commit_callbacks)

    assert [message.to for message in mailoutbox] == [[PATIENT["email"]]]
    assert appointment_request.front_desk_notified_at is None
    assert appointment_request.patient_notified_at is not None
    assert "no notification address" in caplog.text
    assert pending(fails=True).splitlines() == [
        "Sent 0 front-desk and 0 patient emails; 1 failed, will retry.",
        f"  {appointment_request.reference}: front-desk email not sent "
        "(no notification address in clinic settings)",
    ]

    clinic = ClinicSettings.for_site(clinic_site.site)
    clinic.front_desk_email = FRONT_DESK_ADDRESS
    clinic.save()
    assert pending() == "Sent 1 front-desk and 0 patient emails.\n"
    assert [message.to for message in mailoutbox] == [[PATIENT["email"]], [FRONT_DESK_ADDRESS]]


def test_an_email_already_sent_is_not_sent_again_even_from_a_stale_copy(front_desk, mailoutbox):
    appointment_request = make_appointment_request()
    stale_copy = AppointmentRequest.objects.get(pk=appointment_request.pk)

    first = send_notifications(appointment_request)
    again = send_notifications(stale_copy)

    assert first.sent == ["front-desk", "patient"]
    assert again.sent == [] and again.failed == {}
    assert len(mailoutbox) == 2


class HeldMailServer(BaseEmailBackend):
    """A mail server that takes each email only once `released` is set: the run sending
    through it holds its request meanwhile."""

    arrived = threading.Event()
    released = threading.Event()

    def send_messages(self, email_messages):
        self.arrived.set()
        assert self.released.wait(timeout=30), "never released"
        mail.outbox.extend(email_messages)
        return len(email_messages)


@pytest.mark.skipif(
    not connection.features.has_select_for_update_skip_locked,
    reason="SQLite has one writer at a time and no row locks",
)
def test_a_request_another_run_is_sending_is_skipped_at_once_and_emailed_once(
    committed_db, settings, mailoutbox
):
    # Committed, for the two runs' connections to see: the web process sending a request's
    # emails after its commit, and the scheduler's run at that moment.
    settings.EMAIL_BACKEND = "tests.test_appointment_notifications.HeldMailServer"
    HeldMailServer.arrived.clear()
    HeldMailServer.released.clear()
    appointment_request = make_appointment_request()
    try:
        with ThreadPoolExecutor(max_workers=1) as web:
            sending = web.submit(send_in_a_thread, appointment_request.pk)
            assert HeldMailServer.arrived.wait(timeout=30), sending.exception(timeout=0)

            # Waiting for the other run's lock would wait for the mail server: it is skipped.
            second = send_notifications(appointment_request.pk)

            HeldMailServer.released.set()
            first = sending.result(timeout=30)
        assert second.sent == [] and second.failed == {}
        assert "patient" in first.sent
        assert len(mailoutbox) == len(first.sent)
        assert send_notifications(appointment_request.pk).sent == []
    finally:
        HeldMailServer.released.set()
        AppointmentRequest.objects.filter(pk=appointment_request.pk).delete()


def send_in_a_thread(pk):
    try:
        return send_notifications(pk)
    finally:
        connection.close()  # the thread's own


def test_send_notifications_never_raises_on_a_mail_failure(front_desk, settings):
    settings.EMAIL_BACKEND = "tests.appointment_data.BrokenEmailBackend"
    appointment_request = make_appointment_request()

    outcome = send_notifications(appointment_request.pk)

    assert outcome.reference == appointment_request.reference
    assert outcome.sent == []
    assert outcome.failed == {"front-desk": "SMTPServerDisconnected"}
    assert outcome.mail_server_error == "SMTPServerDisconnected"


def test_an_unexpected_error_after_commit_never_reaches_the_patient(
    front_desk, mailoutbox, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken_settings():
        raise RuntimeError(f"could not read settings for {PATIENT['email']}")

    monkeypatch.setattr("clinic.appointments.notifications.clinic_settings", broken_settings)

    appointment_request = submit(django_capture_on_commit_callbacks)

    assert not appointment_request.is_notified
    assert "notifications not sent (RuntimeError)" in caplog.text
    assert PATIENT["email"] not in caplog.text
    assert mailoutbox == []


class CountingBackend(BaseEmailBackend):
    """A mail server that counts the connections opened to it. Like Django's SMTP backend,
    a send on a closed connection opens one for itself and closes it afterwards."""

    opened = 0
    connected = False

    def open(self):
        if self.connected:
            return False
        CountingBackend.opened += 1
        self.connected = True
        return True

    def close(self):
        self.connected = False

    def send_messages(self, email_messages):
        new_connection = self.open()
        mail.outbox.extend(email_messages)
        if new_connection:
            self.close()
        return len(email_messages)


def test_in_production_the_request_sends_nothing_and_the_scheduler_sends_it(
    front_desk, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.APPOINTMENT_EMAILS_IN_REQUEST = False
    first = submit(django_capture_on_commit_callbacks)
    second = submit(django_capture_on_commit_callbacks, email="jo@example.com")
    assert mailoutbox == []
    assert AppointmentRequest.objects.awaiting_notification().count() == 2

    settings.EMAIL_BACKEND = "tests.test_appointment_notifications.CountingBackend"
    CountingBackend.opened = 0
    assert pending() == "Sent 2 front-desk and 2 patient emails.\n"
    # One connection to the mail server for the whole batch, not one per email.
    assert CountingBackend.opened == 1
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [FRONT_DESK_ADDRESS, FRONT_DESK_ADDRESS, PATIENT["email"], "jo@example.com"]
    )
    for appointment_request in (first, second):
        appointment_request.refresh_from_db()
        assert appointment_request.is_notified


def test_a_mail_server_that_cannot_be_reached_leaves_the_batch_pending(
    front_desk, mailoutbox, settings
):
    settings.EMAIL_BACKEND = SMTP
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    appointment_request = make_appointment_request()

    report = pending(fails=True)

    assert report == (
        "Sent 0 front-desk and 0 patient emails; stopped at a mail server failure "
        "(ConnectionRefusedError), requests left for the next run: 1.\n"
    )
    assert AppointmentRequest.objects.awaiting_notification().get() == appointment_request


@pytest.fixture
def silent_mail_server(settings):
    """Emails go by SMTP to a mail server that never answers, waited for half a second."""
    with SilentServer() as server:
        settings.EMAIL_BACKEND = SMTP
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
        settings.EMAIL_TIMEOUT = 0.5
        yield server


def test_a_mail_server_that_never_answers_stops_the_run_after_one_wait(
    front_desk, settings, silent_mail_server
):
    for n in range(3):
        make_appointment_request(email=f"patient{n}@example.com")

    started = time.monotonic()
    report = pending(fails=True)

    assert report == (
        "Sent 0 front-desk and 0 patient emails; stopped at a mail server failure "
        "(SMTPServerDisconnected), requests left for the next run: 3.\n"
    )
    # One wait for the mail server, not one for each of the six emails.
    assert silent_mail_server.connections == 1
    assert time.monotonic() - started < 3 * settings.EMAIL_TIMEOUT
    assert AppointmentRequest.objects.awaiting_notification().count() == 3


def test_a_request_sent_while_the_mail_server_never_answers_waits_for_it_once(
    front_desk, silent_mail_server, django_capture_on_commit_callbacks
):
    appointment_request = submit(django_capture_on_commit_callbacks)

    assert silent_mail_server.connections == 1  # the patient's email was not tried after it
    assert not appointment_request.is_notified


class OneAddressRefusedBackend(BaseEmailBackend):
    """A mail server that refuses one address (no such mailbox) and takes every other email."""

    def send_messages(self, email_messages):
        for message in email_messages:
            if message.to == ["bounced@example.com"]:
                raise smtplib.SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
            mail.outbox.append(message)
        return len(email_messages)


def test_an_address_the_mail_server_refuses_does_not_hold_up_the_requests_after_it(
    front_desk, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "tests.test_appointment_notifications.OneAddressRefusedBackend"
    refused = make_appointment_request(
        email="bounced@example.com", created_at=timezone.now() - timedelta(hours=1)
    )
    later = make_appointment_request()

    assert pending(fails=True).splitlines() == [
        "Sent 2 front-desk and 1 patient emails; 1 failed, will retry.",
        f"  {refused.reference}: patient email not sent (SMTPRecipientsRefused)",
    ]
    later.refresh_from_db()
    assert later.is_notified


class ReplyLostBackend(BaseEmailBackend):
    """A mail server that takes each email, but its "accepted" never arrives."""

    def send_messages(self, email_messages):
        mail.outbox.extend(email_messages)
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed: timed out")


def test_an_email_taken_but_not_stamped_goes_out_again_and_none_is_lost(
    front_desk, mailoutbox, settings
):
    """What the README promises: a failure between the mail server taking an email and the
    stamp being saved repeats that email on the next run; no email is ever lost."""
    settings.EMAIL_BACKEND = "tests.test_appointment_notifications.ReplyLostBackend"
    appointment_request = make_appointment_request()

    pending(fails=True)
    assert [message.to for message in mailoutbox] == [[FRONT_DESK_ADDRESS]]
    assert not AppointmentRequest.objects.get(pk=appointment_request.pk).is_notified

    settings.EMAIL_BACKEND = LOCMEM
    pending()
    assert [message.to for message in mailoutbox] == [
        [FRONT_DESK_ADDRESS],
        [FRONT_DESK_ADDRESS],
        [PATIENT["email"]],
    ]
    assert AppointmentRequest.objects.get(pk=appointment_request.pk).is_notified
