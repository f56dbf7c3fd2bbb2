"""The inbox's counts (a listing's matches and pages, the menu's new requests) are kept in
the cache while no request changes (clinic/appointments/counts.py): right after every change
a patient or the staff make, and not counted again when a listing is seen again."""

import logging
import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from clinic.appointments.models import AppointmentRequest
from tests.appointment_data import answers, make_appointment_request
from tests.helpers import html, logged_in, make_user

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/appointment-requests/"
FORM_URL = "/appointments/request/"
Status = AppointmentRequest.Status


@pytest.fixture
def superuser(clinic_site):
    return logged_in(make_user("boss", is_superuser=True, is_staff=True))


@pytest.fixture
def inbox(clinic_site):
    """Two new requests (one for a treatment), one being worked, one spam."""
    return {
        "new": make_appointment_request(full_name="Nina New"),
        "new_joint": make_appointment_request(full_name="Jo Joint", treatment=clinic_site.joint),
        "contacted": make_appointment_request(full_name="Carl Contacted", status=Status.CONTACTED),
        "spam": make_appointment_request(full_name="Sam Spammer", status=Status.SPAM),
    }


def matches(client, query):
    """What a filtered listing says it found ("There are 2 matches" gives 2)."""
    heading = html(client.get(f"{INDEX_URL}?{query}")).select_one("h2[role=alert]")
    if heading is None:
        return 0
    return int(re.search(r"\d+", heading.get_text()).group())


def new_in_menu(client):
    found = re.search(r"Appointment requests \((\d+) new\)", client.get("/admin/").text)
    return int(found.group(1)) if found else 0


def test_counts_follow_a_request_sent_from_the_public_form(front_desk, inbox):
    assert (matches(front_desk, "status=new"), new_in_menu(front_desk)) == (2, 2)

    assert Client().post(FORM_URL, answers()).status_code == 302

    assert (matches(front_desk, "status=new"), new_in_menu(front_desk)) == (3, 3)
    assert matches(front_desk, "status=open") == 4


def test_counts_follow_a_status_change_in_the_admin(front_desk, inbox):
    assert (matches(front_desk, "status=new"), matches(front_desk, "status=spam")) == (2, 1)

    url = reverse("appointment_requests:edit", args=[inbox["new"].pk])
    response = front_desk.post(url, {"status": "spam", "internal_notes": "", "handled_by": ""})
    assert response.status_code == 302

    assert (matches(front_desk, "status=new"), matches(front_desk, "status=spam")) == (1, 2)
    assert new_in_menu(front_desk) == 1


def test_counts_follow_a_deleted_request(superuser, inbox):
    assert matches(superuser, "status=open") == 3

    url = reverse("appointment_requests:delete", args=[inbox["contacted"].pk])
    assert superuser.post(url).status_code == 302

    assert matches(superuser, "status=open") == 2


def test_counts_follow_a_deleted_treatment(superuser, inbox, clinic_site):
    # Its requests lose their treatment ("Not sure yet") without being saved.
    assert matches(superuser, "status=open&treatment=null") == 2

    url = reverse("wagtailadmin_pages:delete", args=[clinic_site.joint.pk])
    assert superuser.post(url).status_code == 302

    assert matches(superuser, "status=open&treatment=null") == 3


def change_unannounced(request, **fields):
    """Change a request the way nothing in the site does (a bulk UPDATE, no save): nothing
    tells the kept counts, so a listing that shows the change counted it again."""
    AppointmentRequest.objects.filter(pk=request.pk).update(**fields)


def test_a_listing_seen_again_is_not_counted_again(front_desk, inbox):
    # The listing's count and the menu's.
    assert (matches(front_desk, "status=open"), new_in_menu(front_desk)) == (3, 2)

    change_unannounced(inbox["new"], status=Status.SPAM)

    assert (matches(front_desk, "status=open"), new_in_menu(front_desk)) == (3, 2)


def test_a_search_is_counted_every_time_and_its_terms_are_kept_nowhere(
    front_desk, inbox, monkeypatch
):
    kept = []

    def recorded(store):
        def keep(key, value, *args, **kwargs):
            kept.append((key, value))
            return store(key, value, *args, **kwargs)

        return keep

    for method in ("set", "add"):
        monkeypatch.setattr(cache, method, recorded(getattr(cache, method)))
    assert matches(front_desk, "q=Nina") == 1

    change_unannounced(inbox["new_joint"], full_name="Nina Joint")

    assert matches(front_desk, "q=Nina") == 2
    assert kept, "nothing was kept in the cache"
    assert not [item for item in kept if "Nina" in repr(item)]


def test_listings_count_without_the_cache(front_desk, inbox, monkeypatch, caplog):
    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "add", "set"):
        monkeypatch.setattr(cache, method, down)
    for outage_filter in logging.getLogger("clinic.cache").filters:
        outage_filter.last_warning = float("-inf")  # a warning may have gone out a minute ago

    assert matches(front_desk, "status=new") == 2
    assert matches(front_desk, "status=new") == 2
    assert "cache unavailable" in caplog.text
    assert "Nina" not in caplog.text
