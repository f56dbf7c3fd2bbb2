"""The front desk's inbox costs the same number of queries however many requests it holds:
no query per row, and never more than the budget, which includes the listing's count, the
menu's count of new requests, made on every view, and the account's location limit (looked
up once a request), within the front desk's target of 20."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.appointments.models import AppointmentRequest
from tests.appointment_data import make_appointment_request
from tests.helpers import make_user

pytestmark = pytest.mark.django_db

QUERY_BUDGET = 20
INDEX_URL = "/admin/appointment-requests/"
Status = AppointmentRequest.Status


@pytest.fixture
def fill_inbox(clinic_site):
    """Adds requests with every kind of row the listing shows: each treatment or none,
    handled by different people or nobody, some urgent, new and being worked."""
    handlers = [None, *(make_user(f"desk{n}", "Front desk") for n in range(3))]
    treatments = itertools.cycle([clinic_site.joint, clinic_site.exercise, None])
    numbers = itertools.count()

    def fill(count):
        for number in itertools.islice(numbers, count):
            urgent = number % 4 == 0
            make_appointment_request(
                full_name=f"Patient Number{number}",
                email=f"patient{number}@example.com",
                treatment=next(treatments),
                handled_by=handlers[number % len(handlers)],
                status=[Status.NEW, Status.CONTACTED][number % 2],
                red_flags=[{"wording": "Fever", "urgency": "same_day"}] if urgent else [],
                is_urgent=urgent,
            )

    return fill


def queries_for(client, url):
    client.get(url)  # the first view fills per-process caches (content types, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def inbox_urls(clinic_site):
    newest = AppointmentRequest.objects.first()
    return {
        "listing": INDEX_URL,
        "filtered listing": f"{INDEX_URL}?status=open&treatment={clinic_site.joint.pk}",
        "search": f"{INDEX_URL}?q=number",
        "one request": f"{INDEX_URL}inspect/{newest.pk}/",
    }


@pytest.mark.parametrize("view", ["listing", "filtered listing", "search", "one request"])
def test_inbox_views_cost_the_same_for_5_or_60_requests(front_desk, clinic_site, fill_inbox, view):
    fill_inbox(5)
    few = queries_for(front_desk, inbox_urls(clinic_site)[view])

    fill_inbox(55)
    many = queries_for(front_desk, inbox_urls(clinic_site)[view])

    assert few == many
    assert many <= QUERY_BUDGET


def test_the_budget_covers_a_full_page_of_rows(front_desk, fill_inbox):
    fill_inbox(60)
    response = front_desk.get(INDEX_URL)
    assert response.content.decode().count("Patient Number") >= 25
