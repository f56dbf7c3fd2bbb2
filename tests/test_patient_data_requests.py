"""Patient data requests in the admin: a privacy officer finds one person's appointment
requests by email or phone, downloads them and erases them, each step in the audit log (who,
when, which references, never what was searched for); nobody else can."""

import datetime
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import ModelLogEntry

from clinic.appointments.booking import confirm_booking
from clinic.appointments.models import Appointment, AppointmentRequest, BookingEmail, RequestNote
from tests.appointment_data import make_appointment_request
from tests.helpers import html, logged_in, make_user, parse, text_of
from tests.test_locations import add_location

pytestmark = pytest.mark.django_db

URL = "/admin/patient-data-requests/"
DOWNLOAD_URL = URL + "download/"
ERASE_URL = URL + "erase/"
ACTIONS = [
    "appointments.data_request.searched",
    "appointments.data_request.downloaded",
    "appointments.data_request.erased",
]
# How the officer types Maria's details, and how they are stored.
EMAIL_TYPED = "MARIA.K@example.COM"
PHONE_TYPED = "(503) 555-0114"
TERMS = [EMAIL_TYPED, "maria.k@example.com", PHONE_TYPED, "503-555-0114", "5035550114"]


@pytest.fixture
def officer_user(clinic_site):
    return make_user("priya", "Privacy officers", first_name="Priya", last_name="Privacy")


@pytest.fixture
def officer(officer_user):
    return logged_in(officer_user)


@pytest.fixture
def people(clinic_site):
    """Maria's requests at two locations, under two spellings of her email and of her phone,
    with notes; and Jo's, which must stay out of everything done for Maria."""
    north = add_location(clinic_site.home, title="Northside", slug="northside")
    south = add_location(clinic_site.home, title="Southside", slug="southside")
    now = timezone.now()
    maria = [
        make_appointment_request(
            email="maria.k@example.com",
            phone="503-555-0114",
            location=north,
            created_at=now - datetime.timedelta(days=40),
        ),
        make_appointment_request(
            email="Maria.K@Example.com",
            phone="503 555 0114",
            location=south,
            status=AppointmentRequest.Status.BOOKED,
            created_at=now - datetime.timedelta(days=10),
        ),
        # From her work address: found by her phone only.
        make_appointment_request(
            email="m.kowalczyk@work.example",
            phone="503.555.0114",
            created_at=now - datetime.timedelta(days=2),
        ),
    ]
    RequestNote.objects.create(request=maria[0], text="Called back, prefers mornings")
    jo = make_appointment_request(
        full_name="Jo Brown",
        email="jo@example.com",
        phone="555-0177",
        message="Stiff neck for a week",
        location=north,
    )
    RequestNote.objects.create(request=jo, text="Jo asked for Dr. Ellison")
    return {"maria": maria, "jo": jo}


def listed_references(soup):
    return [text_of(row.select_one("td")) for row in soup.select("table.listing tbody tr")]


def references(appointment_requests):
    return [appointment_request.reference for appointment_request in appointment_requests]


def remaining():
    return set(AppointmentRequest.objects.values_list("reference", flat=True))


def test_a_privacy_officer_finds_every_request_of_an_email_whatever_its_case(officer, people):
    page = html(officer.post(URL, {"email": EMAIL_TYPED, "phone": ""}))

    by_email = people["maria"][:2]
    assert listed_references(page) == references(by_email)
    assert "2 requests found" in text_of(page)
    # Across the locations, with what tells the requests apart.
    rows = [text_of(row) for row in page.select("table.listing tbody tr")]
    assert "Northside" in rows[0] and "New" in rows[0]
    assert "Southside" in rows[1] and "Booked" in rows[1]


def test_a_phone_finds_every_request_however_it_was_punctuated(officer, people):
    page = html(officer.post(URL, {"email": "", "phone": PHONE_TYPED}))

    assert listed_references(page) == references(people["maria"])


def test_an_email_and_a_phone_find_the_requests_of_either(officer, people):
    page = html(officer.post(URL, {"email": "maria.k@example.com", "phone": "+1 503 555 0114"}))

    assert listed_references(page) == references(people["maria"])


def test_part_of_an_address_or_a_number_finds_nothing(officer, people):
    page = html(officer.post(URL, {"email": "k@example.com", "phone": "555-0114"}))

    assert listed_references(page) == []
    assert "No request was sent with that email address or phone number." in text_of(page)


def test_the_search_terms_never_go_in_an_address(officer, people):
    # A search in the query string is not a search at all.
    ignored = html(officer.get(URL, {"email": "maria.k@example.com"}))
    assert listed_references(ignored) == []

    page = html(officer.post(URL, {"email": EMAIL_TYPED, "phone": PHONE_TYPED}))
    forms = page.select("main form")
    assert len(forms) == 3  # the search, the download, the erasure
    for form in forms:
        assert form["method"] == "post"
        assert not any(term.lower() in form["action"].lower() for term in TERMS)
    links = " ".join(link["href"] for link in page.select("a[href]")).lower()
    assert not any(term.lower() in links for term in TERMS)


def test_the_download_holds_every_stored_field_and_note_of_that_persons_requests(officer, people):
    response = officer.post(DOWNLOAD_URL, {"email": "", "phone": PHONE_TYPED})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert "no-store" in response["Cache-Control"].split(", ")
    document = json.loads(response.content)
    records = document["appointment_requests"]
    assert [record["reference"] for record in records] == references(people["maria"])
    first = records[0]
    maria = people["maria"][0]
    stored = {
        field.name for field in AppointmentRequest._meta.concrete_fields if not field.is_relation
    }
    assert stored <= set(first)
    assert first["full_name"] == maria.full_name
    assert first["phone"] == "503-555-0114"
    assert first["message"] == maria.message
    assert first["location"] == "Northside"
    assert [note["text"] for note in first["notes"]] == ["Called back, prefers mornings"]
    assert records[1]["status"] == "booked"
    # Nothing of anyone else.
    text = response.content.decode()
    for detail in ["Jo Brown", "jo@example.com", "555-0177", "Stiff neck", "Dr. Ellison"]:
        assert detail not in text


def test_erasing_asks_first_then_removes_that_persons_requests_and_notes(officer, people):
    by_email = people["maria"][:2]
    confirmation = html(officer.post(ERASE_URL, {"email": EMAIL_TYPED, "phone": ""}))

    assert "Erase these 2 requests and their notes for good?" in text_of(confirmation)
    assert listed_references(confirmation) == references(by_email)
    assert len(remaining()) == 4  # asking erased nothing

    response = officer.post(
        ERASE_URL,
        {"email": EMAIL_TYPED, "phone": "", "reference": references(by_email), "confirm": "yes"},
        follow=True,
    )

    page = html(response)
    assert response.redirect_chain == [(URL, 302)]
    assert f"Erased 2 requests: {', '.join(references(by_email))}." in text_of(page)
    assert remaining() == {people["maria"][2].reference, people["jo"].reference}
    assert list(RequestNote.objects.values_list("text", flat=True)) == ["Jo asked for Dr. Ellison"]
    # Each request's history says it was deleted, by whom and why.
    deleted = ModelLogEntry.objects.filter(action="wagtail.delete").order_by("pk")
    assert [entry.label for entry in deleted] == references(by_email)
    assert {(entry.user.username, entry.data["reason"]) for entry in deleted} == {
        ("priya", "erasure")
    }


def test_erasing_leaves_a_request_that_arrived_after_the_confirmation(officer, people):
    shown = references(people["maria"][:2])
    later = make_appointment_request(email="maria.k@example.com")

    officer.post(
        ERASE_URL, {"email": EMAIL_TYPED, "phone": "", "reference": shown, "confirm": "yes"}
    )

    assert remaining() == {people["maria"][2].reference, people["jo"].reference, later.reference}


def test_each_step_is_in_the_audit_log_with_who_and_when_and_without_the_terms(
    officer, officer_user, people
):
    terms = {"email": EMAIL_TYPED, "phone": PHONE_TYPED}
    everything = references(people["maria"])
    officer.post(URL, terms)
    officer.post(DOWNLOAD_URL, terms)
    officer.post(ERASE_URL, {**terms, "reference": everything, "confirm": "yes"})

    entries = list(ModelLogEntry.objects.filter(action__in=ACTIONS).order_by("timestamp", "pk"))
    assert [entry.action for entry in entries] == ACTIONS
    for entry in entries:
        assert entry.user == officer_user
        assert entry.timestamp > timezone.now() - datetime.timedelta(minutes=1)
        recorded = json.dumps(entry.data) + entry.label + str(entry.message)
        assert not any(term.lower() in recorded.lower() for term in TERMS)
    assert entries[0].data == {"by": ["email", "phone"], "found": 3, "references": everything}
    assert entries[1].data == {"requests": 3, "references": everything}
    assert entries[2].data == {"requests": 3, "references": everything}

    # Administrators read them under Reports › Site history.
    boss = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    site_history = html(logged_in(boss).get("/admin/reports/site-history/"))
    rows = [text_of(row) for row in site_history.select("tbody tr")]
    erased_row = next(row for row in rows if "Erased one person's 3 requests" in row)
    assert "Priya Privacy" in erased_row and everything[0] in erased_row
    assert any(
        "Searched one person's requests by email address and phone number" in r for r in rows
    )
    assert any("Downloaded one person's 3 requests" in row for row in rows)
    assert not any(term.lower() in text_of(site_history).lower() for term in TERMS)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "", "phone": ""}, "Enter the person's email address, phone number or both."),
        ({"email": "maria.k@", "phone": ""}, "Enter a valid email address."),
        ({"email": "", "phone": "call me"}, "Enter a phone number with its digits."),
        (
            {"email": "maria.k@example.com\x1b", "phone": ""},
            "Remove the unusual invisible characters from this answer.",
        ),
    ],
)
@pytest.mark.parametrize("url", [URL, DOWNLOAD_URL, ERASE_URL])
def test_bad_input_shows_the_form_with_a_clear_error(officer, people, url, data, message):
    page = html(officer.post(url, {**data, "confirm": "yes"}))

    assert message in text_of(page)
    assert page.select_one("form input[name=email]")
    assert len(remaining()) == 4
    assert not ModelLogEntry.objects.filter(action__in=ACTIONS).exists()


def test_downloading_and_erasing_take_a_post_only(officer, people):
    for url in [DOWNLOAD_URL, ERASE_URL]:
        assert (
            officer.get(url, {"email": "maria.k@example.com", "confirm": "yes"}).status_code == 405
        )
    assert len(remaining()) == 4


@pytest.mark.parametrize("group_name", ["Front desk", "Editors", "Moderators", "Clinicians"])
def test_other_staff_are_refused_at_every_address(people, group_name):
    client = logged_in(make_user("someone", group_name))
    terms = {"email": "maria.k@example.com", "phone": PHONE_TYPED}
    attempts = [
        client.get(URL),
        client.post(URL, terms),
        client.post(DOWNLOAD_URL, terms),
        client.post(ERASE_URL, terms),
        client.post(ERASE_URL, {**terms, "reference": references(people["maria"]), "confirm": "1"}),
    ]

    for response in attempts:
        assert response.status_code in {302, 403}
        assert people["maria"][0].full_name not in response.content.decode()
    assert len(remaining()) == 4
    assert not ModelLogEntry.objects.filter(action__in=ACTIONS).exists()
    assert "Patient data requests" not in client.get("/admin/").content.decode()


def test_privacy_officers_get_the_menu_item_and_nothing_of_the_front_desks(officer, people):
    home = html(officer.get("/admin/"))
    assert "Patient data requests" in str(home)
    assert officer.get("/admin/appointment-requests/").status_code == 302

    group = Group.objects.get(name="Privacy officers")
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("appointments", "handle_data_request_appointmentrequest"),
    }
    assert not group.page_permissions.exists()


def test_superusers_handle_data_requests_too(admin_client, people):
    page = parse(admin_client.post(URL, {"email": EMAIL_TYPED, "phone": ""}))
    assert listed_references(page) == references(people["maria"][:2])


def test_the_download_holds_a_booking_and_erasing_takes_it_with_the_request(
    officer, officer_user, people, clinic_site
):
    booked = people["maria"][1]
    starts_at = timezone.now() + datetime.timedelta(days=3)
    values = {
        "starts_at": starts_at,
        "duration_minutes": 30,
        "location": booked.location,
        "practitioner": clinic_site.reviewer,
    }
    confirm_booking(booked, values, officer_user)

    response = officer.post(DOWNLOAD_URL, {"email": EMAIL_TYPED, "phone": ""})
    records = json.loads(response.content)["appointment_requests"]
    assert records[0]["appointment"] is None
    appointment = records[1]["appointment"]
    assert (appointment["location"], appointment["practitioner"]) == ("Southside", "Dr. Ana Ruiz")
    assert appointment["duration_minutes"] == 30 and appointment["cancelled_at"] is None
    assert [email["to"] for email in appointment["emails"]] == [booked.email]

    shown = references(people["maria"][:2])
    officer.post(
        ERASE_URL, {"email": EMAIL_TYPED, "phone": "", "reference": shown, "confirm": "yes"}
    )
    assert not AppointmentRequest.objects.filter(pk=booked.pk).exists()
    assert not Appointment.objects.exists() and not BookingEmail.objects.exists()
