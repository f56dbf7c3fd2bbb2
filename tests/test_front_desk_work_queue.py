"""The front desk's work queue: calling and writing from a request, finding a number however
it was typed, notes that are never overwritten, statuses that follow the clinic's workflow,
requests that wait too long, and bulk changes."""

import datetime
import importlib
import json
import os

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import dateformat, timezone

from clinic.appointments.models import AppointmentRequest, FrontDeskLocations
from clinic.appointments.waiting import ReplyPromise
from clinic.appointments.workflow import status_change_refusal
from clinic.base.models import ClinicSettings
from clinic.locations.models import Closure, OpeningSpan
from tests.appointment_data import make_appointment_request
from tests.helpers import html, logged_in, make_user, run_python, text_of
from tests.test_front_desk_query_budgets import QUERY_BUDGET
from tests.test_locations import add_location

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/appointment-requests/"
Status = AppointmentRequest.Status


def listed_references(response):
    return [
        a.get_text(strip=True) for a in html(response).select("tbody td.title .title-wrapper a")
    ]


# Calling and writing


def test_the_request_page_links_the_phone_and_email_for_calling_and_writing(
    front_desk, clinic_site
):
    appointment_request = make_appointment_request(
        phone="(503) 555-0114", email="ann.lee+back@example.com"
    )
    for view in ["inspect", "edit"]:
        url = reverse(f"appointment_requests:{view}", args=[appointment_request.pk])
        soup = html(front_desk.get(url))
        assert soup.select_one("a[href='tel:+15035550114']").get_text() == "(503) 555-0114"
        mail = soup.select_one("a[href^='mailto:']")
        assert mail.get_text() == "ann.lee+back@example.com"
        assert mail["href"] == "mailto:ann.lee%2Bback@example.com"


# Finding a phone number however it was typed


@pytest.mark.parametrize(
    "search",
    ["5035550114", "503 555 0114", "+1 (503) 555-0114", "555.0114", "0114", "(503) 555-0114"],
)
def test_searching_digits_finds_the_number_however_it_was_punctuated(
    front_desk, clinic_site, search
):
    wanted = make_appointment_request(full_name="Ann Lee", phone="(503) 555-0114")
    make_appointment_request(full_name="Bo Ng", phone="503-555-0199")
    assert listed_references(front_desk.get(INDEX_URL, {"q": search})) == [wanted.reference]


def test_a_short_or_wordy_search_does_not_match_phone_digits(front_desk, clinic_site):
    make_appointment_request(full_name="Ann Lee", phone="(503) 555-0114")
    # Three digits would match most numbers; a search with letters is a name or a reference.
    assert listed_references(front_desk.get(INDEX_URL, {"q": "5-0-1"})) == []
    assert listed_references(front_desk.get(INDEX_URL, {"q": "Room 5035550114"})) == []


def test_migration_gives_the_requests_already_stored_their_phone_digits(clinic_site):
    stored = make_appointment_request(phone="(503) 555-0114")
    other = make_appointment_request(phone="555 0102 ext")
    AppointmentRequest.objects.update(phone_digits="")  # as rows stood before the migration

    migration = importlib.import_module("clinic.appointments.migrations.0012_request_phone_digits")
    migration.fill_phone_digits(apps, None)

    digits = dict(AppointmentRequest.objects.values_list("pk", "phone_digits"))
    assert digits == {stored.pk: "15035550114", other.pk: "5550102"}


# Notes: a log, never overwritten


def test_migration_makes_each_requests_internal_notes_its_first_note_and_back(migrated_copy):
    """With requests holding notes in place (in a process of its own: tests/notes_migration.py)."""
    env = {**os.environ, "TZ": timezone.get_default_timezone_name()}
    result = run_python("-m", "tests.notes_migration", str(migrated_copy), env=env, timeout=180)
    states = json.loads(result.stdout.strip().splitlines()[-1])
    references = {int(pk): reference for pk, reference in states["ids"].items()}
    notes = [
        [references[int(request_id)], author, created_at, text]
        for request_id, author, created_at, text in states["forward"]
    ]
    assert notes == [
        ["LB-AAAAAA", None, "2026-03-02 15:30:00", "Called twice, no answer.\nTry after 4."],
        ["LB-CCCCCC", None, "2026-03-02 15:30:00", "Prefers Dr. Ellison."],
    ]
    assert states["backward"] == states["before"]


def edit_url(appointment_request):
    return reverse("appointment_requests:edit", args=[appointment_request.pk])


def save(client, appointment_request, **fields):
    form = {"status": appointment_request.status, "note": "", "handled_by": ""} | fields
    return client.post(edit_url(appointment_request), form)


def shown_notes(client, appointment_request):
    url = reverse("appointment_requests:inspect", args=[appointment_request.pk])
    items = html(client.get(url)).select(".appointment-request-notes li")
    return [text_of(item) for item in items]


def test_notes_by_two_users_are_both_kept_newest_first_with_author_and_time(clinic_site):
    dana = make_user("dana", "Front desk", first_name="Dana", last_name="Desk")
    eli = make_user("eli", "Front desk", first_name="Eli", last_name="Front")
    appointment_request = make_appointment_request()
    # Both opened the request before either saved: the second save keeps the first note.
    dana_client, eli_client = logged_in(dana), logged_in(eli)
    assert save(dana_client, appointment_request, note="Left a voicemail.").status_code == 302
    assert save(eli_client, appointment_request, note="Patient called back.").status_code == 302

    notes = shown_notes(dana_client, appointment_request)
    assert len(notes) == 2
    assert notes[0].startswith("Eli Front, ") and notes[0].endswith("Patient called back.")
    assert notes[1].startswith("Dana Desk, ") and notes[1].endswith("Left a voicemail.")
    written = timezone.localtime(appointment_request.notes.last().created_at)
    assert dateformat.format(written, settings.DATETIME_FORMAT) in notes[1]


def test_saving_without_a_note_keeps_every_note(front_desk, clinic_site):
    appointment_request = make_appointment_request()
    appointment_request.notes.create(text="Earlier words.")
    save(front_desk, appointment_request, status="contacted")
    assert shown_notes(front_desk, appointment_request) == [
        text_of_note("Earlier note (author not recorded)", appointment_request.notes.get())
    ]


def text_of_note(byline, note):
    time = dateformat.format(timezone.localtime(note.created_at), settings.DATETIME_FORMAT)
    return f"{byline}, {time} {note.text}"


def test_a_note_with_invisible_characters_comes_back_with_the_answers_kept(front_desk, clinic_site):
    appointment_request = make_appointment_request()
    response = save(front_desk, appointment_request, status="contacted", note="Hi\x1b[31m")
    assert response.status_code == 200
    assert "Remove the unusual invisible characters" in response.content.decode()
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.NEW and not appointment_request.notes.exists()


# Statuses follow the clinic's workflow


def status_error(response):
    assert response.status_code == 200  # the form again
    error = html(response).select_one("[data-field-wrapper] .error-message, .error-message")
    return text_of(error) if error else ""


def test_booked_is_set_by_confirming_a_booking_not_by_the_edit_form(front_desk, clinic_site):
    appointment_request = make_appointment_request()
    response = save(front_desk, appointment_request, status="booked", note="Booked Tuesday.")
    assert "Confirm booking" in status_error(response)
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.NEW and not appointment_request.notes.exists()


@pytest.mark.parametrize("closed", [Status.DECLINED, Status.WITHDRAWN, Status.SPAM, Status.BOOKED])
def test_a_closed_request_changes_status_only_when_reopened(front_desk, clinic_site, closed):
    appointment_request = make_appointment_request(status=closed)
    page = html(front_desk.get(edit_url(appointment_request)))
    assert page.select_one("input[name=reopen]")

    response = save(front_desk, appointment_request, status="contacted")
    assert "Reopen this request" in status_error(response)
    appointment_request.refresh_from_db()
    assert appointment_request.status == closed

    assert save(front_desk, appointment_request, status="contacted", reopen="on").status_code == 302
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.CONTACTED
    assert appointment_request.closed_at is None


def test_an_open_request_has_nothing_to_reopen_and_moves_freely(front_desk, clinic_site):
    appointment_request = make_appointment_request()
    assert not html(front_desk.get(edit_url(appointment_request))).select_one("[name=reopen]")
    for status in [Status.CONTACTED, Status.DECLINED]:
        assert save(front_desk, appointment_request, status=status).status_code == 302
        appointment_request.refresh_from_db()
        assert appointment_request.status == status


def test_a_booked_patient_who_did_not_come_becomes_a_no_show_without_reopening(
    front_desk, clinic_site
):
    appointment_request = make_appointment_request(status=Status.BOOKED)
    assert save(front_desk, appointment_request, status="no_show").status_code == 302
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.NO_SHOW


def test_the_booking_action_may_book_and_anything_else_may_not():
    assert status_change_refusal(Status.NEW, Status.BOOKED, booking=True) == ""
    assert status_change_refusal(Status.CONTACTED, Status.BOOKED) != ""
    assert status_change_refusal(Status.DECLINED, Status.CONTACTED) != ""
    assert status_change_refusal(Status.DECLINED, Status.CONTACTED, reopening=True) == ""


# Requests that wait longer than the clinic promises


def local(*args):
    """A moment on the clinic's clock (TIME_ZONE)."""
    return timezone.make_aware(datetime.datetime(*args))


# Friday 4 December 2026, 16:00, at a location open Monday to Friday, 9:00-17:00.
FRIDAY_AFTERNOON = local(2026, 12, 4, 16, 0)


@pytest.fixture
def weekday_location(clinic_site):
    return add_location(clinic_site.home)


@pytest.mark.parametrize(
    ("now", "overdue"),
    [
        (local(2026, 12, 7, 15, 30), False),  # Monday: 1 h on Friday + 6.5 h = 7.5 h
        (local(2026, 12, 7, 16, 30), True),  # 8.5 opening hours, though 72 on the clock
    ],
)
def test_waiting_is_counted_in_the_opening_hours_of_the_requests_location(
    weekday_location, now, overdue
):
    appointment_request = make_appointment_request(
        location=weekday_location, created_at=FRIDAY_AFTERNOON
    )
    assert ReplyPromise(hours=8).is_overdue(appointment_request, now=now) is overdue


def test_a_closure_day_does_not_count_as_waiting(weekday_location):
    Closure.objects.create(
        location=weekday_location,
        first_day=datetime.date(2026, 12, 7),
        last_day=datetime.date(2026, 12, 7),
    )
    appointment_request = make_appointment_request(
        location=weekday_location, created_at=FRIDAY_AFTERNOON
    )
    promise = ReplyPromise(hours=8)
    assert not promise.is_overdue(appointment_request, now=local(2026, 12, 7, 16, 30))
    assert not promise.is_overdue(appointment_request, now=local(2026, 12, 8, 15, 30))
    assert promise.is_overdue(appointment_request, now=local(2026, 12, 8, 16, 30))


def test_a_request_naming_no_location_counts_the_first_locations_hours(weekday_location):
    appointment_request = make_appointment_request(created_at=FRIDAY_AFTERNOON)
    promise = ReplyPromise(hours=8)
    assert not promise.is_overdue(appointment_request, now=local(2026, 12, 7, 15, 30))
    assert promise.is_overdue(appointment_request, now=local(2026, 12, 7, 16, 30))


def test_only_new_requests_wait_for_a_reply(weekday_location):
    contacted = make_appointment_request(
        location=weekday_location, created_at=FRIDAY_AFTERNOON, status=Status.CONTACTED
    )
    assert not ReplyPromise(hours=8).is_overdue(contacted, now=local(2026, 12, 14, 12, 0))


@pytest.fixture
def always_open(clinic_site):
    """A location open every day from midnight to midnight, so that hours and clock agree."""
    location = add_location(clinic_site.home, title="Always", slug="always")
    OpeningSpan.objects.filter(location=location).delete()
    for day in range(7):
        OpeningSpan.objects.create(
            location=location, weekday=day, opens=datetime.time(0), closes=datetime.time(23, 59)
        )
    return location


def ago(hours):
    return timezone.now() - datetime.timedelta(hours=hours)


def test_the_listing_and_dashboard_flag_new_requests_waiting_too_long(front_desk, always_open):
    late = make_appointment_request(location=always_open, created_at=ago(30))
    make_appointment_request(location=always_open, created_at=ago(2))
    make_appointment_request(location=always_open, created_at=ago(30), status=Status.CONTACTED)

    rows = html(front_desk.get(INDEX_URL)).select("tbody tr")
    flagged = [
        row.select_one("td.title a").get_text(strip=True)
        for row in rows
        if "Waiting too long" in text_of(row)
    ]
    assert flagged == [late.reference]
    panel = text_of(html(front_desk.get("/admin/")).select_one("#appointment-requests-section"))
    assert "1 waiting too long for a reply" in panel


def test_the_promise_is_a_clinic_setting(front_desk, always_open, clinic_site):
    make_appointment_request(location=always_open, created_at=ago(30))
    clinic = ClinicSettings.for_site(clinic_site.site)
    clinic.reply_within_opening_hours = 48
    clinic.save()
    assert "Waiting too long" not in text_of(html(front_desk.get(INDEX_URL)))
    panel = text_of(html(front_desk.get("/admin/")).select_one("#appointment-requests-section"))
    assert "0 waiting too long for a reply" in panel


def test_urgent_requests_say_so_in_words_with_a_style_of_their_own(front_desk, clinic_site):
    make_appointment_request(is_urgent=True, red_flags=["fever"])
    [tag] = html(front_desk.get(INDEX_URL)).select(".appointment-flag--urgent")
    assert text_of(tag) == "Urgent"
    assert "appointment-flag--urgent" not in " ".join(
        " ".join(tag["class"])
        for tag in html(front_desk.get(INDEX_URL)).select(".w-status")
        if text_of(tag) == "New"
    )


def test_flagging_waiting_requests_costs_no_query_per_row(front_desk, always_open):
    def listing_queries():
        front_desk.get(INDEX_URL)
        with CaptureQueriesContext(connection) as queries:
            assert "Waiting too long" in front_desk.get(INDEX_URL).content.decode()
        return len(queries)

    for _ in range(3):
        make_appointment_request(location=always_open, created_at=ago(30))
    few = listing_queries()
    for _ in range(30):
        make_appointment_request(location=always_open, created_at=ago(30))
    assert listing_queries() == few <= QUERY_BUDGET


# Bulk actions


def bulk_url(action, *appointment_requests):
    ids = "&".join(f"id={r.pk}" for r in appointment_requests)
    url = reverse("wagtail_bulk_action", args=["appointments", "appointmentrequest", action])
    return f"{url}?next={INDEX_URL}&{ids}"


def test_front_desk_marks_selected_requests_contacted_in_one_go(clinic_site):
    dana = make_user("dana", "Front desk", first_name="Dana", last_name="Desk")
    desk = logged_in(dana)
    first, second = make_appointment_request(), make_appointment_request()
    booked = make_appointment_request(status=Status.BOOKED)
    listing = html(desk.get(INDEX_URL))
    assert listing.select("input[data-bulk-action-checkbox]")
    assert "Mark contacted" in text_of(listing.select_one("[data-bulk-action-footer]"))

    url = bulk_url("mark_contacted", first, second, booked)
    confirm = text_of(html(desk.get(url)))
    assert "Mark these 2 requests Contacted?" in confirm
    assert f"{booked.reference} (Booked)" in confirm  # left as it is, and said so
    assert desk.post(url).status_code == 302

    for appointment_request in (first, second):
        appointment_request.refresh_from_db()
        assert appointment_request.status == Status.CONTACTED
        assert appointment_request.handled_by == dana
        history = reverse("appointment_requests:history", args=[appointment_request.pk])
        rows = [text_of(row) for row in html(desk.get(history)).select("tbody tr")]
        assert any("Status New → Contacted" in row and "Dana Desk" in row for row in rows)
    booked.refresh_from_db()
    assert booked.status == Status.BOOKED


def test_marking_spam_takes_requests_out_of_the_inbox(front_desk, clinic_site):
    junk = make_appointment_request(full_name="Buy Now")
    assert front_desk.post(bulk_url("mark_spam", junk)).status_code == 302
    junk.refresh_from_db()
    assert junk.status == Status.SPAM
    assert junk.reference not in listed_references(front_desk.get(INDEX_URL))


def test_bulk_actions_are_refused_to_users_who_may_not_change_requests(clinic_site):
    group = Group.objects.create(name="Readers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_appointmentrequest"),
    )
    reader = logged_in(make_user("reader", "Readers"))
    editor = logged_in(make_user("editor", "Editors"))
    appointment_request = make_appointment_request()
    assert not html(reader.get(INDEX_URL)).select("input[data-bulk-action-checkbox]")
    for client in (reader, editor):
        for action in ("mark_contacted", "mark_spam"):
            url = bulk_url(action, appointment_request)
            assert client.get(url).status_code in (302, 403)
            assert client.post(url).status_code in (302, 403)
    appointment_request.refresh_from_db()
    assert appointment_request.status == Status.NEW


def test_bulk_actions_reach_only_the_users_own_locations(clinic_site):
    north = add_location(clinic_site.home)
    south = add_location(clinic_site.home, title="Southside", slug="southside")
    dana = make_user("dana", "Front desk")
    FrontDeskLocations.objects.create(user=dana).locations.set([north])
    theirs = make_appointment_request(location=south)
    response = logged_in(dana).post(bulk_url("mark_spam", theirs))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.NEW
