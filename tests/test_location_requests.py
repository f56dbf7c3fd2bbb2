"""Appointment requests at a clinic with several locations: the patient chooses one (or any),
the request records it, its notification goes to that location's front desk, and the inbox
filters and shows it. With one location the form does not ask."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from clinic.appointments.models import AppointmentRequest, FrontDeskLocations
from clinic.base.models import ClinicSettings
from tests.appointment_data import answers, make_appointment_request
from tests.helpers import html, logged_in, make_user, text_of
from tests.test_locations import add_location

FORM_URL = "/appointments/request/"


@pytest.fixture
def two_locations(clinic_site):
    north = add_location(clinic_site.home, notification_email="north@lumbar.example")
    south = add_location(clinic_site.home, title="Southside", slug="southside")
    return north, south


def cells(row):
    """A listing row's cells after the bulk actions' checkbox: reference, name, treatment..."""
    return row.select("td:not(.bulk-action-checkbox-cell)")


def location_choices(response):
    return [text_of(option) for option in html(response).select("select[name=location] option")]


def test_with_one_location_the_form_does_not_ask(client, clinic_site):
    add_location(clinic_site.home)
    assert html(client.get(FORM_URL)).select_one("select[name=location]") is None
    client.post(FORM_URL, answers())
    assert AppointmentRequest.objects.get().location is None


def test_with_several_the_patient_chooses_one_and_the_request_records_it(client, two_locations):
    north, south = two_locations
    assert location_choices(client.get(FORM_URL)) == ["Any of them", "Northside", "Southside"]
    chosen = html(client.get(FORM_URL, {"location": "southside"}))
    assert text_of(chosen.select_one("select[name=location] option[selected]")) == "Southside"
    # An address naming no location is ignored, never an error.
    assert client.get(FORM_URL, {"location": "nowhere"}).status_code == 200

    client.post(FORM_URL, answers(location=south.pk))

    assert AppointmentRequest.objects.get().location == south


def test_the_notification_goes_to_the_chosen_locations_front_desk(
    client, two_locations, clinic_site, mailoutbox, django_capture_on_commit_callbacks
):
    north, south = two_locations
    clinic = ClinicSettings.objects.get(site=clinic_site.site)
    clinic.front_desk_email = "desk@lumbar.example"
    clinic.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, answers(location=north.pk, email="north-patient@example.com"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, answers(location=south.pk, email="south-patient@example.com"))
    front_desk = [message.to for message in mailoutbox if "patient@" not in message.to[0]]
    assert front_desk == [["north@lumbar.example"], ["desk@lumbar.example"]]


def test_the_inbox_shows_and_filters_by_location(client, two_locations):
    north, south = two_locations
    client.post(FORM_URL, answers(location=north.pk, full_name="Nora North"))
    client.post(FORM_URL, answers(location=south.pk, full_name="Sam South"))
    client.post(FORM_URL, answers(full_name="Any Anywhere"))
    desk = logged_in(make_user("fran", "Front desk"))
    listing = reverse("appointment_requests:index")

    rows = html(desk.get(listing)).select("tbody tr")
    assert {text_of(cells(row)[1]): text_of(cells(row)[3]) for row in rows} == {
        "Nora North": "Northside",
        "Sam South": "Southside",
        "Any Anywhere": "Any",
    }
    filtered = html(desk.get(listing, {"location": south.pk})).select("tbody tr")
    assert [text_of(cells(row)[1]) for row in filtered] == ["Sam South"]
    unchosen = html(desk.get(listing, {"location": "null"})).select("tbody tr")
    assert [text_of(cells(row)[1]) for row in unchosen] == ["Any Anywhere"]


# Front-desk staff limited to some locations


@pytest.fixture
def northern_desk(two_locations):
    """A front-desk account limited to Northside, with requests at each location and one
    naming none."""
    north, south = two_locations
    user = make_user("nina", "Front desk")
    limit = FrontDeskLocations.objects.create(user=user, with_no_location=False)
    limit.locations.add(north)
    requests = {
        "north": make_appointment_request(location=north, full_name="Nora North"),
        "south": make_appointment_request(location=south, full_name="Sam South"),
        "none": make_appointment_request(full_name="Any Anywhere"),
    }
    return SimpleNamespace(client=logged_in(user), limit=limit, requests=requests)


def listed_names(client, **params):
    response = client.get(reverse("appointment_requests:index"), params)
    return sorted(text_of(cells(row)[1]) for row in html(response).select("tbody tr"))


def test_a_limited_front_desk_sees_searches_and_exports_only_its_locations(northern_desk):
    desk = northern_desk.client
    assert listed_names(desk) == ["Nora North"]
    assert listed_names(desk, q="South") == []
    export = desk.get(reverse("appointment_requests:index"), {"export": "csv"})
    exported = b"".join(export.streaming_content).decode()
    assert "Nora North" in exported and "Sam South" not in exported
    assert "Any Anywhere" not in exported

    northern_desk.limit.with_no_location = True
    northern_desk.limit.save()
    assert listed_names(desk) == ["Any Anywhere", "Nora North"]


@pytest.mark.parametrize("view", ["inspect", "edit", "history"])
def test_every_admin_page_of_another_locations_request_is_refused(northern_desk, view):
    desk = northern_desk.client
    own = reverse(f"appointment_requests:{view}", args=[northern_desk.requests["north"].pk])
    other = reverse(f"appointment_requests:{view}", args=[northern_desk.requests["south"].pk])
    assert desk.get(own).status_code == 200
    assert desk.get(other).status_code == 404


def test_a_limited_front_desk_cannot_change_another_locations_request(northern_desk):
    south = northern_desk.requests["south"]
    url = reverse("appointment_requests:edit", args=[south.pk])
    response = northern_desk.client.post(
        url, {"status": "declined", "note": "Taken over", "handled_by": ""}
    )
    assert response.status_code == 404
    south.refresh_from_db()
    assert south.status == AppointmentRequest.Status.NEW and not south.notes.exists()


def test_unlimited_front_desk_and_superusers_see_every_location(northern_desk, admin_client):
    everyone = logged_in(make_user("fran", "Front desk"))
    assert listed_names(everyone) == ["Any Anywhere", "Nora North", "Sam South"]
    assert listed_names(admin_client) == ["Any Anywhere", "Nora North", "Sam South"]
