"""`run_scheduler`: the process that sends pending emails, publishes scheduled pages and purges
old requests, each on its interval, and keeps going when one of them fails."""

import datetime
import logging
import os
import signal
import threading
from contextlib import contextmanager
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from clinic.appointments.models import AppointmentRequest
from clinic.base.models import ClinicSettings
from education.models import SymptomArticlePage, SymptomIndexPage
from tests.helpers import SilentServer, run_python

from .appointment_data import PATIENT, make_appointment_request

FRONT_DESK_ADDRESS = "desk@lumbar.example"
SCHEDULER_LOG = "clinic.web.management.commands.run_scheduler"


def run_scheduler(*args):
    out = StringIO()
    call_command("run_scheduler", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def front_desk(clinic_site):
    clinic = ClinicSettings.for_site(clinic_site.site)
    clinic.front_desk_email = FRONT_DESK_ADDRESS
    clinic.save()
    return clinic


@pytest.fixture
def scheduled_article(clinic_site):
    """An article an editor scheduled to go live in an hour."""
    article = SymptomArticlePage(
        title="Sciatica",
        slug="sciatica",
        summary="Pain that runs down the leg from the lower back.",
        urgent_help="<p>Leg weakness that spreads needs urgent care.</p>",
        go_live_at=timezone.now() + datetime.timedelta(hours=1),
        live=False,
    )
    clinic_site.symptom_index.add_child(instance=article)
    article.save_revision().publish()
    return article


def two_hours_later():
    """The clock two hours on, when the scheduled article is due."""
    return mock.patch.object(
        timezone, "now", return_value=timezone.now() + datetime.timedelta(hours=2)
    )


def closed_long_ago():
    closed_at = timezone.now() - datetime.timedelta(days=400)
    return make_appointment_request(
        status=AppointmentRequest.Status.BOOKED,
        created_at=closed_at - datetime.timedelta(days=3),
        closed_at=closed_at,
        front_desk_notified_at=closed_at,
        patient_notified_at=closed_at,
    )


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


class SchedulerNeverStopped(Exception):
    pass


@pytest.fixture
def stop_signal_is_harmless():
    """SIGTERM cannot end the test run, even if it arrives when no scheduler listens; and a
    scheduler that ignores it fails the test after 20 seconds instead of hanging it."""

    def never_stopped(signum, frame):
        raise SchedulerNeverStopped

    previous_term = signal.signal(signal.SIGTERM, lambda signum, frame: None)
    previous_usr1 = signal.signal(signal.SIGUSR1, never_stopped)
    guard = threading.Timer(20, os.kill, (os.getpid(), signal.SIGUSR1))
    guard.start()
    yield
    guard.cancel()
    signal.signal(signal.SIGUSR1, previous_usr1)
    signal.signal(signal.SIGTERM, previous_term)


@pytest.mark.django_db
def test_one_round_sends_pending_emails_publishes_scheduled_pages_and_purges_old_requests(
    client, front_desk, scheduled_article, settings
):
    settings.APPOINTMENT_RETENTION_DAYS = 365
    pending = make_appointment_request()
    expired = closed_long_ago()
    assert client.get("/symptoms/sciatica/").status_code == 404

    with two_hours_later():
        output = run_scheduler("--once")

    assert recipients() == [FRONT_DESK_ADDRESS, PATIENT["email"]]
    pending.refresh_from_db()
    assert pending.front_desk_notified_at and pending.patient_notified_at
    assert client.get("/symptoms/sciatica/").status_code == 200
    assert not AppointmentRequest.objects.filter(pk=expired.pk).exists()
    assert expired.reference in output  # the purge names what it removed, by reference
    for detail in PATIENT.values():
        assert detail not in output


@pytest.mark.django_db
def test_a_failing_command_is_logged_by_type_and_the_others_still_run(
    client, front_desk, scheduled_article, settings, caplog
):
    # The purge goes first and fails (a retention below zero is refused).
    settings.APPOINTMENT_RETENTION_DAYS = -1
    settings.SCHEDULED_COMMANDS = {
        "purge_appointment_requests": 60,
        "send_pending_notifications": 60,
        "publish_scheduled": 60,
    }
    make_appointment_request()

    with two_hours_later(), pytest.raises(CommandError, match="purge_appointment_requests"):
        run_scheduler("--once")

    assert recipients() == [FRONT_DESK_ADDRESS, PATIENT["email"]]
    assert client.get("/symptoms/sciatica/").status_code == 200
    [record] = [r for r in caplog.records if r.name == SCHEDULER_LOG]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == (
        "Scheduled command purge_appointment_requests failed (CommandError); "
        "it runs again at its next turn."
    )
    assert record.exc_info is None  # no traceback, whose text could quote a patient
    for detail in PATIENT.values():
        assert detail not in caplog.text


class StopSignalWhileSending(EmailBackend):
    """The operator stops the scheduler (SIGTERM) while it is sending an email."""

    def send_messages(self, email_messages):
        os.kill(os.getpid(), signal.SIGTERM)
        return super().send_messages(email_messages)


@contextmanager
def committed_scheduled_article(goes_live_in):
    """An article scheduled to go live `goes_live_in` from now, committed for the
    scheduler's threads (each has a connection of its own) to see, and deleted afterwards."""
    index = SymptomIndexPage.objects.get()
    article = SymptomArticlePage(
        title="Sciatica",
        slug="sciatica",
        summary="Pain that runs down the leg from the lower back.",
        urgent_help="<p>Leg weakness that spreads needs urgent care.</p>",
        go_live_at=timezone.now() + goes_live_in,
        live=False,
    )
    index.add_child(instance=article)
    article.save_revision().publish()
    try:
        yield article
    finally:
        SymptomArticlePage.objects.get(pk=article.pk).delete()


@contextmanager
def committed_pending_request():
    pending = make_appointment_request()
    try:
        yield pending
    finally:
        AppointmentRequest.objects.filter(pk=pending.pk).delete()


def test_a_stop_signal_lets_the_running_command_finish_and_starts_no_other_run(
    committed_db, settings, mailoutbox, stop_signal_is_harmless
):
    settings.EMAIL_BACKEND = f"{__name__}.StopSignalWhileSending"
    settings.SCHEDULED_COMMANDS = {"send_pending_notifications": 0.1}

    with committed_pending_request() as pending:
        output = run_scheduler()
        pending.refresh_from_db()

    # The email going out when the signal came was sent and recorded (with those of any
    # other request waiting in the shared database)...
    assert [PATIENT["email"]] in [message.to for message in mailoutbox]
    assert pending.patient_notified_at is not None
    # ...and no run started after it, though its interval passed many times meanwhile.
    assert output.count("Sent ") == 1
    assert output.splitlines()[-1] == "Scheduler stopped."


def run_scheduler_for_a_second(seconds=1.0):
    """Run the scheduler loop and send it SIGTERM a second later, as `docker stop` would."""
    stopper = threading.Timer(seconds, os.kill, (os.getpid(), signal.SIGTERM))
    stopper.start()
    try:
        return run_scheduler()
    finally:
        stopper.cancel()


def test_each_command_runs_again_after_its_own_interval(
    committed_db, settings, stop_signal_is_harmless
):
    settings.SCHEDULED_COMMANDS = {
        "send_pending_notifications": 0.1,
        "purge_appointment_requests": 3600,
        "publish_scheduled": 0.1,
    }

    output = run_scheduler_for_a_second()

    assert output.splitlines()[0] == (
        "Scheduler started: send_pending_notifications every 0.1 s, "
        "purge_appointment_requests every 3600 s, publish_scheduled every 0.1 s"
    )
    assert output.count("Sent 0 front-desk and 0 patient emails.") >= 3
    assert output.count("No appointment requests closed more than 365 days ago.") == 1
    assert output.splitlines()[-1] == "Scheduler stopped."


def test_a_command_that_keeps_failing_is_tried_again_and_the_others_keep_running(
    committed_db, settings, caplog, stop_signal_is_harmless
):
    settings.APPOINTMENT_RETENTION_DAYS = -1
    settings.SCHEDULED_COMMANDS = {
        "purge_appointment_requests": 0.1,
        "send_pending_notifications": 0.1,
    }

    output = run_scheduler_for_a_second()

    assert caplog.text.count("purge_appointment_requests failed (CommandError)") >= 3
    assert output.count("Sent 0 front-desk and 0 patient emails.") >= 3
    assert output.splitlines()[-1] == "Scheduler stopped."


def test_a_command_waiting_on_a_mail_server_that_never_answers_holds_up_only_itself(
    client, committed_db, settings, stop_signal_is_harmless
):
    settings.SCHEDULED_COMMANDS = {"send_pending_notifications": 0.1, "publish_scheduled": 0.1}

    # The mail server never answers, and each email waits EMAIL_TIMEOUT (3 s) for it; the
    # article falls due half a second into that wait.
    with (
        SilentServer() as mail_server,
        committed_pending_request() as pending,
        committed_scheduled_article(goes_live_in=datetime.timedelta(seconds=0.5)),
    ):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", mail_server.port
        settings.EMAIL_TIMEOUT = 3
        output = run_scheduler_for_a_second(1.5)

        # Published on time, while the emails still waited.
        assert client.get("/symptoms/sciatica/").status_code == 200
        # The email run waited once, gave up at the end of the wait, and left the request's
        # emails for a later run.
        assert mail_server.connections == 1
        assert "stopped at a mail server failure" in output
        assert AppointmentRequest.objects.awaiting_notification().filter(pk=pending.pk).exists()
        assert output.splitlines()[-1] == "Scheduler stopped."


def test_intervals_come_from_the_environment():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinic.settings.test",
        "SCHEDULER_NOTIFICATIONS_SECONDS": "30",
        "SCHEDULER_PUBLISHING_SECONDS": "120",
        "SCHEDULER_PURGE_SECONDS": "3600",
        "SCHEDULER_REVIEW_REMINDERS_SECONDS": "7200",
        "SCHEDULER_APPOINTMENT_REMINDERS_SECONDS": "600",
    }
    output = run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings;"
        " print(sorted(settings.SCHEDULED_COMMANDS.items()))",
        env=env,
    ).stdout
    assert output.strip() == str(
        [
            ("publish_scheduled", 120),
            ("purge_appointment_requests", 3600),
            ("send_appointment_reminders", 600),
            ("send_password_resets", 30),
            ("send_pending_notifications", 30),
            ("send_review_reminders", 7200),
        ]
    )


def test_the_scheduler_yields_the_cpu_to_the_web_workers():
    """Its niceness rises by SCHEDULER_NICE (10 unless the environment says), so a busy
    minute's emails never slow the patients' pages on a shared host."""
    program = (
        "import os, django; django.setup();"
        " from clinic.web.management.commands.run_scheduler import lower_priority;"
        " before = os.nice(0); lower_priority(); print(os.nice(0) - before)"
    )
    raised = {}
    for nice in ["", "7"]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clinic.settings.dev"}
        env.pop("SCHEDULER_NICE", None)
        if nice:
            env["SCHEDULER_NICE"] = nice
        raised[nice] = int(run_python("-c", program, env=env).stdout.split()[-1])
    room = 19 - os.nice(0)  # a process can be no nicer than 19
    assert raised == {"": min(10, room), "7": min(7, room)}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_the_scheduler_recovers_when_the_database_drops_its_connection(settings, committed_db):
    settings.APPOINTMENT_RETENTION_DAYS = 365
    settings.SCHEDULED_COMMANDS = {"purge_appointment_requests": 60}
    # Committed: a test's transaction would be lost with the connection it lives in.
    expired = closed_long_ago()
    try:
        # What a database restart does to the scheduler's open connection.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            [pid] = cursor.fetchone()
        killer = connection.copy()
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        killer.close()

        output = run_scheduler("--once")

        assert f"  {expired.reference}" in output.splitlines()
        assert not AppointmentRequest.objects.filter(pk=expired.pk).exists()
    finally:
        AppointmentRequest.objects.filter(pk=expired.pk).delete()
