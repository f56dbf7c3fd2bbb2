"""The front desk's work queue: calling and writing from a request, finding a number however
it was typed, notes that are never overwritten, statuses that follow the clinic's workflow,
requests that wait too long, and bulk changes."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from clinic.appointments.models import AppointmentRequest
from tests.appointment_data import make_appointment_request
from tests.helpers import html

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

    migration = importlib.import_module("clinic.appointments.migrations.0010_request_phone_digits")
    migration.fill_phone_digits(apps, None)

    digits = dict(AppointmentRequest.objects.values_list("pk", "phone_digits"))
    assert digits == {stored.pk: "15035550114", other.pk: "5550102"}
