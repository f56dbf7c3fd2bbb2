"""Booking a request: the front desk confirms, moves and cancels an appointment in the admin;
the patient is emailed each time with a calendar invite and a link to their own page, where
they can cancel or ask for another time, once; the reminder the day before."""

import datetime
import re
import time

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from clinic.appointments.booking import confirm_booking
from clinic.appointments.models import (
    Appointment,
    AppointmentRequest,
    BookingEmail,
    FrontDeskLocations,
)
from clinic.base.models import ClinicSettings
from clinic.pages.models import ContentPage
from tests.appointment_data import PATIENT, make_appointment_request
from tests.helpers import as_sent, command_report, html, logged_in, make_user, parse, text_of
from tests.test_locations import add_location

Status = AppointmentRequest.Status
FRONT_DESK_ADDRESS = "desk@lumbar.example"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"
BROKEN = "tests.appointment_data.BrokenEmailBackend"
HEALTH_DETAIL = [PATIENT["message"], "Joint manipulation", "groin", "Urgent", "urgent"]


@pytest.fixture
def clinic(clinic_site):
    """Clinic settings with a front desk to email and a first-visit page to link to."""
    settings = ClinicSettings.objects.get(site=clinic_site.site)
    first_visit = ContentPage(title="Your first visit", slug="first-visit", summary="Bring…")
    clinic_site.home.add_child(instance=first_visit)
    first_visit.save_revision().publish()
    settings.front_desk_email = FRONT_DESK_ADDRESS
    settings.first_visit_page = first_visit
    settings.save()
    return settings


@pytest.fixture
def location(clinic_site):
    return add_location(clinic_site.home, latitude="45.5", longitude="-122.6")


@pytest.fixture
def appointment_request(clinic_site, location):
    """A routine request for joint manipulation, with a warning sign and a message."""
    return make_appointment_request(
        treatment=clinic_site.joint, red_flags=["saddle_numbness"], status=Status.CONTACTED
    )


@pytest.fixture
def desk(clinic_site):
    return logged_in(make_user("dana", "Front desk", first_name="Dana", last_name="Desk"))


def tomorrow_at(hour, minute=0, days=1):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def booking_answers(starts_at, location, practitioner, duration=45):
    local = timezone.localtime(starts_at)
    return {
        "date": local.strftime("%Y-%m-%d"),
        "time": local.strftime("%H:%M"),
        "duration_minutes": str(duration),
        "location": location.pk,
        "practitioner": practitioner.pk,
    }


def book(client, appointment_request, answers, capture):
    url = reverse("appointment_requests:booking", args=[appointment_request.pk])
    with capture(execute=True):
        response = client.post(url, answers)
    appointment_request.refresh_from_db()
    return response


def cancel(client, appointment_request, capture):
    url = reverse("appointment_requests:cancel_booking", args=[appointment_request.pk])
    with capture(execute=True):
        return client.post(url)


def invite_of(message):
    """The email's calendar invite, parsed back by the icalendar library."""
    [(filename, content, mimetype)] = message.attachments
    assert filename.endswith(".ics") and mimetype == "text/calendar"
    calendar = Calendar.from_ical(content)
    [event] = calendar.events
    return calendar, event


def link_in(message):
    return re.search(r"http://testserver(/appointments/booking/\S+/)", message.body).group(1)


def history(appointment_request):
    return list(
        ModelLogEntry.objects.for_instance(appointment_request)
        .exclude(action="appointments.opened")
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


# The front desk books


def test_confirming_a_booking_emails_the_patient_a_valid_invite_and_no_health_detail(
    desk,
    clinic,
    clinic_site,
    location,
    appointment_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    starts_at = tomorrow_at(9, 30, days=3)
    page = html(desk.get(reverse("appointment_requests:edit", args=[appointment_request.pk])))
    assert "No appointment booked yet." in text_of(page.select_one("#appointment-booking-section"))

    response = book(
        desk,
        appointment_request,
        booking_answers(starts_at, location, clinic_site.reviewer),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 302
    assert appointment_request.status == Status.BOOKED
    appointment = appointment_request.appointment
    assert (appointment.starts_at, appointment.duration_minutes) == (starts_at, 45)
    [message] = mailoutbox
    assert message.to == [PATIENT["email"]]
    body = message.body
    assert timezone.localtime(starts_at).strftime("%A %-d %B %Y, 09:30") in body
    assert "200 Birch Road" in body and "Fairview, OR 97024" in body
    assert "https://www.openstreetmap.org/directions?to=45.500000%2C-122.600000" in body
    assert "Dr. Ana Ruiz" in body
    assert "/first-visit/" in body  # what to bring
    assert link_in(message)
    sent = as_sent(message)
    for detail in HEALTH_DETAIL:
        assert detail not in sent

    calendar, event = invite_of(message)
    assert calendar["METHOD"] == "REQUEST"
    assert event.uid == appointment.uid and event.sequence == 0
    assert event.start == starts_at and event.end == starts_at + datetime.timedelta(minutes=45)
    assert "200 Birch Road" in event["LOCATION"]
    assert event["SUMMARY"] == "Appointment at Lumbar Chiropractic"
    assert history(appointment_request) == ["appointments.booked"]
    page = html(desk.get(reverse("appointment_requests:edit", args=[appointment_request.pk])))
    assert "Dr. Ana Ruiz" in text_of(page.select_one("#appointment-booking-section"))


def test_a_new_time_and_a_cancellation_update_the_same_calendar_event(
    desk,
    clinic,
    clinic_site,
    location,
    appointment_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    first, later = tomorrow_at(9, days=3), tomorrow_at(14, days=4)
    book(
        desk,
        appointment_request,
        booking_answers(first, location, clinic_site.reviewer),
        django_capture_on_commit_callbacks,
    )
    book(
        desk,
        appointment_request,
        booking_answers(later, location, clinic_site.reviewer, 60),
        django_capture_on_commit_callbacks,
    )
    response = cancel(desk, appointment_request, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    booked, moved, cancelled = (invite_of(message) for message in mailoutbox)
    uid = booked[1].uid
    assert moved[0]["METHOD"] == "REQUEST" and moved[1].uid == uid and moved[1].sequence == 1
    assert moved[1].start == later and moved[1].end == later + datetime.timedelta(minutes=60)
    assert "has changed" in mailoutbox[1].body
    assert cancelled[0]["METHOD"] == "CANCEL" and cancelled[1]["STATUS"] == "CANCELLED"
    assert cancelled[1].uid == uid and cancelled[1].sequence == 2
    assert "is cancelled" in mailoutbox[2].subject
    appointment_request.refresh_from_db()
    # Open again, for the front desk to rebook or close.
    assert appointment_request.status == Status.CONTACTED
    assert history(appointment_request) == [
        "appointments.booked",
        "appointments.rebooked",
        "appointments.booking_cancelled",
    ]


def test_saving_the_same_booking_again_emails_nobody(
    desk,
    clinic,
    clinic_site,
    location,
    appointment_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    answers = booking_answers(tomorrow_at(9, days=3), location, clinic_site.reviewer)
    book(desk, appointment_request, answers, django_capture_on_commit_callbacks)
    book(desk, appointment_request, answers, django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    assert appointment_request.appointment.sequence == 0


def test_a_time_in_the_past_is_refused_and_nothing_is_booked(
    desk,
    clinic,
    clinic_site,
    location,
    appointment_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    answers = booking_answers(tomorrow_at(9, days=-1), location, clinic_site.reviewer)
    response = book(desk, appointment_request, answers, django_capture_on_commit_callbacks)
    assert "Choose a time that has not passed." in text_of(html(response))
    assert mailoutbox == [] and not Appointment.objects.exists()
    assert appointment_request.status == Status.CONTACTED


def test_a_practitioner_is_booked_only_where_they_see_patients(
    desk,
    clinic,
    clinic_site,
    location,
    appointment_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    elsewhere = add_location(clinic_site.home, title="Eastside", slug="eastside")
    clinic_site.reviewer.locations = [elsewhere]
    clinic_site.reviewer.save()
    answers = booking_answers(tomorrow_at(9), location, clinic_site.reviewer)
    response = book(desk, appointment_request, answers, django_capture_on_commit_callbacks)
    assert "Dr. Ana Ruiz does not see patients at" in text_of(html(response))
    assert mailoutbox == [] and not Appointment.objects.exists()


def test_the_only_location_is_chosen_already(desk, clinic, location, appointment_request):
    appointment_request.location = None  # asked with one location, the form does not ask
    appointment_request.save()
    url = reverse("appointment_requests:booking", args=[appointment_request.pk])
    chosen = html(desk.get(url)).select_one("select[name=location] option[selected]")
    assert chosen is not None and chosen.get_text() == location.title


def test_another_locations_request_cannot_be_booked_nor_can_a_viewer_book(
    clinic, clinic_site, location, appointment_request
):
    southside = add_location(clinic_site.home, title="Southside", slug="southside")
    elsewhere = make_appointment_request(location=southside)
    limited = make_user("north-desk", "Front desk")
    FrontDeskLocations.objects.create(user=limited, with_no_location=False).locations.set(
        [location]
    )
    north = logged_in(limited)
    assert (
        north.get(reverse("appointment_requests:booking", args=[elsewhere.pk])).status_code == 404
    )
    editor = logged_in(make_user("eddie", "Editors"))
    url = reverse("appointment_requests:booking", args=[appointment_request.pk])
    assert editor.get(url).status_code in (302, 403)
    assert not Appointment.objects.exists()


def test_the_status_booked_needs_a_confirmed_booking(desk, clinic, appointment_request):
    url = reverse("appointment_requests:edit", args=[appointment_request.pk])
    response = desk.post(url, {"status": Status.BOOKED, "internal_notes": "", "handled_by": ""})
    assert "Use “Confirm booking”" in text_of(parse(response))
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.CONTACTED


# The patient's page


def book_directly(appointment_request, starts_at, location, practitioner):
    """A 30-minute booking confirmed as the front desk's form confirms it, without the admin."""
    answers = {
        "starts_at": starts_at,
        "duration_minutes": 30,
        "location": location,
        "practitioner": practitioner,
    }
    return confirm_booking(appointment_request, answers, user=None)


@pytest.fixture
def booked(
    clinic,
    clinic_site,
    location,
    appointment_request,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    """The request booked in three days' time, and the link of the patient's email."""
    with django_capture_on_commit_callbacks(execute=True):
        appointment = book_directly(
            appointment_request, tomorrow_at(10, days=3), location, clinic_site.reviewer
        )
    [message] = mailoutbox
    mailoutbox.clear()
    return appointment, link_in(message)


def post_with_csrf(client, url, capture):
    """POST the confirmation form as the browser does, with the token from its page."""
    page = html(client.get(url))
    token = page.select_one("form input[name=csrfmiddlewaretoken]")["value"]
    with capture(execute=True):
        return client.post(url, {"csrfmiddlewaretoken": token})


def test_the_patient_sees_their_booking_and_cancels_it_once(
    booked, mailoutbox, django_capture_on_commit_callbacks
):
    appointment, link = booked
    patient = Client(enforce_csrf_checks=True)

    response = patient.get(link)
    page = text_of(html(response))
    assert "You are booked in" in page and "Dr. Ana Ruiz" in page and "200 Birch Road" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    cancel_url = link + "cancel/"
    assert "Cancel your appointment?" in text_of(html(patient.get(cancel_url)))
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None  # a GET changes nothing

    response = post_with_csrf(patient, cancel_url, django_capture_on_commit_callbacks)

    assert "Your appointment is cancelled" in text_of(html(response))
    request = AppointmentRequest.objects.get()
    assert request.status == Status.WITHDRAWN
    assert history(request)[-1] == "appointments.patient_cancelled"
    to_desk, to_patient = sorted(mailoutbox, key=lambda message: message.to != [FRONT_DESK_ADDRESS])
    assert to_desk.to == [FRONT_DESK_ADDRESS] and request.reference in to_desk.body
    for detail in [*HEALTH_DETAIL, PATIENT["full_name"], PATIENT["email"], PATIENT["phone"]]:
        assert detail not in as_sent(to_desk)
    assert invite_of(to_patient)[0]["METHOD"] == "CANCEL"

    # The link is used now: it shows so, and does nothing more.
    for response in (patient.get(link), patient.get(cancel_url)):
        assert response.status_code == 410
        assert "This link has been used" in text_of(parse(response))
        assert "(503) 555-0100" in text_of(parse(response))
    assert len(mailoutbox) == 2


def test_the_patient_asks_for_another_time_and_the_inbox_shows_it(
    booked, mailoutbox, django_capture_on_commit_callbacks
):
    appointment, link = booked
    patient = Client(enforce_csrf_checks=True)

    response = post_with_csrf(patient, link + "another-time/", django_capture_on_commit_callbacks)

    assert "We will find you another time" in text_of(html(response))
    request = AppointmentRequest.objects.get()
    assert request.status == Status.CONTACTED
    assert history(request)[-1] == "appointments.patient_asked_another_time"
    [message] = mailoutbox
    assert message.to == [FRONT_DESK_ADDRESS] and "another time" in message.subject
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None
    assert patient.get(link).status_code == 410


def test_a_post_without_the_csrf_token_changes_nothing(booked, mailoutbox):
    appointment, link = booked
    response = Client(enforce_csrf_checks=True).post(link + "cancel/")
    assert response.status_code == 403
    appointment.refresh_from_db()
    assert appointment.cancelled_at is None and mailoutbox == []


def test_a_forged_link_shows_a_clear_page_and_never_another_patients_booking(
    booked, client, clinic_site, location
):
    appointment, link = booked
    other = make_appointment_request(full_name="Olga Other", email="olga@example.com")
    with_other = book_directly(other, tomorrow_at(11, days=5), location, clinic_site.reviewer)
    token = link.split("/")[3]
    payload, timestamp, signature = token.split(":")
    # The other patient's id in place of this one's, with this link's signature.
    theirs = signing.dumps([with_other.pk, with_other.link_nonce], salt="anything").split(":")[0]
    for forged in [
        f"{theirs}:{timestamp}:{signature}",
        f"{payload}:{timestamp}:{signature[:-2]}",
        "not-a-token",
        "%00",
    ]:
        response = client.get(f"/appointments/booking/{forged}/")
        assert response.status_code == 400
        page = text_of(parse(response))
        assert "This link does not work" in page and "(503) 555-0100" in page
        assert other.reference not in page and appointment.request.reference not in page
    assert client.post(f"/appointments/booking/{payload}:{timestamp}:x/cancel/").status_code == 400


def test_an_expired_link_shows_a_clear_page(booked, client, monkeypatch, settings):
    appointment, link = booked
    # Signed 91 days ago.
    sent = time.time() - 91 * 24 * 60 * 60
    monkeypatch.setattr(signing.time, "time", lambda: sent)
    old = signing.dumps([appointment.pk, appointment.link_nonce], salt="appointments.booking-link")
    monkeypatch.undo()
    response = client.get(f"/appointments/booking/{old}/")
    assert response.status_code == 410 and "This link has expired" in text_of(parse(response))

    # A day after the appointment, its link no longer works either.
    Appointment.objects.update(starts_at=timezone.now() - datetime.timedelta(days=2))
    response = client.get(link)
    assert response.status_code == 410 and "This link has expired" in text_of(parse(response))


def test_a_link_replaced_by_a_newer_email_no_longer_acts(
    booked, desk, location, clinic_site, mailoutbox, django_capture_on_commit_callbacks
):
    appointment, old_link = booked
    book(
        desk,
        appointment.request,
        booking_answers(tomorrow_at(15, days=4), location, clinic_site.reviewer),
        django_capture_on_commit_callbacks,
    )
    assert Client().get(old_link).status_code == 410
    new_link = link_in(mailoutbox[-1])
    assert "You are booked in" in text_of(html(Client().get(new_link)))


# The reminder and the outbox


run = command_report


def test_the_reminder_goes_the_day_before_once_and_not_once_cancelled(
    booked, desk, mailoutbox, django_capture_on_commit_callbacks
):
    appointment, link = booked
    # Booked some days ago, for tomorrow.
    Appointment.objects.update(
        starts_at=tomorrow_at(10), changed_at=timezone.now() - datetime.timedelta(days=3)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_appointment_reminders") == "Reminders written: 1.\n"
    with django_capture_on_commit_callbacks(execute=True):
        assert run("send_appointment_reminders") == "Reminders written: 0.\n"
    [reminder] = mailoutbox
    assert reminder.subject == "Reminder: your appointment tomorrow at 10:00"
    assert invite_of(reminder)[1].uid == appointment.uid

    # Another appointment, cancelled, and one booked today: no reminder.
    cancel(desk, appointment.request, django_capture_on_commit_callbacks)
    Appointment.objects.update(
        reminder_sent_at=None, changed_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert run("send_appointment_reminders") == "Reminders written: 0.\n"


def test_a_booking_made_today_for_tomorrow_gets_no_reminder(booked):
    Appointment.objects.update(starts_at=tomorrow_at(10))
    assert run("send_appointment_reminders") == "Reminders written: 0.\n"


def test_emails_during_a_mail_server_outage_go_later_exactly_once(
    desk,
    clinic,
    clinic_site,
    location,
    appointment_request,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.EMAIL_BACKEND = BROKEN
    response = book(
        desk,
        appointment_request,
        booking_answers(tomorrow_at(9, days=3), location, clinic_site.reviewer),
        django_capture_on_commit_callbacks,
    )
    # The front desk's page does not fail; the email waits in the outbox.
    assert response.status_code == 302
    assert appointment_request.status == Status.BOOKED
    assert BookingEmail.objects.get().sent_at is None
    # The request's own emails went out long ago.
    AppointmentRequest.objects.update(
        front_desk_notified_at=timezone.now(), patient_notified_at=timezone.now()
    )
    assert run("send_pending_notifications", fails=True) == (
        "Sent 0 front-desk and 0 patient emails and 0 booking emails; 1 failed, will retry; "
        "stopped at a mail server failure (SMTPServerDisconnected), requests left for the next "
        "run: 0, booking emails: 1.\n  "
        f"{appointment_request.reference}: confirmation email not sent (SMTPServerDisconnected)\n"
    )

    settings.EMAIL_BACKEND = LOCMEM
    mail.outbox = []
    assert run("send_pending_notifications") == (
        "Sent 0 front-desk and 0 patient emails and 1 booking emails.\n"
    )
    assert run("send_pending_notifications") == "Sent 0 front-desk and 0 patient emails.\n"
    [message] = mail.outbox
    assert message.to == [PATIENT["email"]] and invite_of(message)[0]["METHOD"] == "REQUEST"
