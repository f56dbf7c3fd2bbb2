"""`purge_appointment_requests`: the retention period, and one person's right to erasure."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from clinic.appointments.models import AppointmentRequest

from .appointment_data import PATIENT, make_appointment_request

pytestmark = pytest.mark.django_db

Status = AppointmentRequest.Status


def closed(days_ago, status=Status.BOOKED, **fields):
    """A request closed `days_ago` days ago."""
    closed_at = timezone.now() - timedelta(days=days_ago)
    return make_appointment_request(
        status=status, created_at=closed_at - timedelta(days=3), closed_at=closed_at, **fields
    )


def purge(*args):
    out = StringIO()
    call_command("purge_appointment_requests", *args, stdout=out)
    return out.getvalue()


def remaining():
    return set(AppointmentRequest.objects.values_list("reference", flat=True))


def assert_no_patient_details(output):
    for detail in PATIENT.values():
        assert detail not in output


def test_purge_deletes_only_requests_closed_longer_ago_than_the_retention(settings):
    settings.APPOINTMENT_RETENTION_DAYS = 365
    booked_long_ago = closed(400)
    spam_long_ago = closed(366, status=Status.SPAM)
    declined_recently = closed(300, status=Status.DECLINED)
    still_new = make_appointment_request(created_at=timezone.now() - timedelta(days=900))
    contacted = make_appointment_request(
        status=Status.CONTACTED, created_at=timezone.now() - timedelta(days=800)
    )

    output = purge()

    assert remaining() == {declined_recently.reference, still_new.reference, contacted.reference}
    assert output.splitlines() == [
        "Deleted 2 appointment requests closed more than 365 days ago:",
        f"  {booked_long_ago.reference}",
        f"  {spam_long_ago.reference}",
    ]
    assert_no_patient_details(output)


def test_retention_period_comes_from_settings(settings):
    settings.APPOINTMENT_RETENTION_DAYS = 30
    closed(31)
    recent = closed(29)

    assert "Deleted 1 appointment request closed more than 30 days ago:" in purge()
    assert remaining() == {recent.reference}


def test_days_option_overrides_the_retention_period(settings):
    settings.APPOINTMENT_RETENTION_DAYS = 365
    closed(100)
    kept = closed(10)

    output = purge("--days", "90")

    assert output.startswith("Deleted 1 appointment request closed more than 90 days ago:")
    assert remaining() == {kept.reference}


def test_nothing_to_purge_says_so():
    make_appointment_request()

    assert purge() == "No appointment requests closed more than 365 days ago.\n"
    assert AppointmentRequest.objects.count() == 1


def test_erasure_removes_every_request_from_that_address_whatever_its_case_and_status():
    first = make_appointment_request(created_at=timezone.now() - timedelta(days=30))
    second = closed(5, email="Maria.K@Example.com")
    someone_else = make_appointment_request(
        full_name="Jo Brown", email="jo@example.com", phone="555-0177"
    )

    output = purge("--email", "  MARIA.K@example.COM ")

    assert remaining() == {someone_else.reference}
    assert output.splitlines() == [
        "Deleted 2 appointment requests from that email address:",
        f"  {first.reference}",
        f"  {second.reference}",
    ]
    assert_no_patient_details(output)


def test_erasure_of_an_unknown_address_deletes_nothing():
    make_appointment_request()

    assert purge("--email", "nobody@example.com") == (
        "No appointment requests from that email address.\n"
    )
    assert AppointmentRequest.objects.count() == 1


@pytest.mark.parametrize("args", [[], ["--email", PATIENT["email"]]])
def test_dry_run_deletes_nothing(args):
    old = closed(400)

    output = purge(*args, "--dry-run")

    assert output.startswith("Would delete 1 appointment request")
    assert f"  {old.reference}" in output
    assert remaining() == {old.reference}
    assert not ModelLogEntry.objects.filter(action="wagtail.delete").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--days", "-1"], "--days must be 0 or more"),
        (["--days", "soon"], "invalid int value"),
        (["--email", "not-an-address"], "--email needs a valid email address"),
        (["--email", ""], "--email needs a valid email address"),
        (["--email", PATIENT["email"], "--days", "30"], "not allowed with argument"),
    ],
)
def test_bad_arguments_are_refused_and_nothing_is_deleted(args, message):
    closed(400)

    with pytest.raises(CommandError, match=message):
        purge(*args)

    assert AppointmentRequest.objects.count() == 1


def test_negative_retention_setting_is_refused(settings):
    settings.APPOINTMENT_RETENTION_DAYS = -5
    closed(1)

    with pytest.raises(CommandError, match="--days must be 0 or more"):
        purge()
    assert AppointmentRequest.objects.count() == 1


def test_deletion_is_recorded_in_the_audit_log_by_reference():
    appointment_request = closed(400)
    pk = str(appointment_request.pk)
    log(appointment_request, "wagtail.edit")

    purge()

    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(AppointmentRequest), object_id=pk
    ).order_by("timestamp", "pk")
    assert [(entry.action, entry.label) for entry in entries] == [
        ("wagtail.edit", appointment_request.reference),
        ("wagtail.delete", appointment_request.reference),
    ]
    assert entries.last().data == {"reason": "retention"}


def test_erasure_strips_patient_details_from_the_audit_log_but_keeps_its_history():
    appointment_request = make_appointment_request()
    pk = str(appointment_request.pk)
    log(
        appointment_request,
        "wagtail.edit",
        data={"changed": {"phone": {"old": PATIENT["phone"], "new": "555-0111"}}},
    )
    log(appointment_request, "wagtail.edit", title=f"Request from {PATIENT['full_name']}")
    log(appointment_request, "wagtail.edit", data={"status": {"old": "new", "new": "contacted"}})

    output = purge("--email", PATIENT["email"])

    entries = ModelLogEntry.objects.filter(object_id=pk).order_by("timestamp", "pk")
    assert [entry.label for entry in entries] == [appointment_request.reference] * 4
    assert [entry.data for entry in entries] == [
        {},
        {},
        {"status": {"old": "new", "new": "contacted"}},
        {"reason": "erasure"},
    ]
    assert "Removed patient details from 2 audit log entries." in output
    assert_no_patient_details(output)
