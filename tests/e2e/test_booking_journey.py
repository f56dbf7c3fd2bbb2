"""The front desk books a request in the admin; the patient opens the link in their email on
a phone and cancels the appointment; the front desk sees it in the request's history."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from clinic.appointments.models import AppointmentRequest, BookingEmail
from tests.appointment_data import make_appointment_request

from .actions import log_in, make_staff, unique
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e


def link_in_email(appointment_request, kind):
    """The link of the patient's email: the server's mail stays in its own process, and the
    outbox row keeps what it sent."""
    email = BookingEmail.objects.get(appointment__request=appointment_request, kind=kind)
    return re.search(r"https?://[^/\s]+(/appointments/booking/\S+/)", email.body).group(1)


def test_the_front_desk_books_a_request_and_the_patient_cancels_it_from_the_email(
    new_page, screenshots
):
    user = make_staff("Front desk", first_name="Dana", last_name="Desk")
    appointment_request = make_appointment_request(
        full_name="Bea Booker", email=f"{unique('bea')}@example.com", status="contacted"
    )
    day = timezone.localdate() + datetime.timedelta(days=3)

    desk = new_page(DESKTOP)
    log_in(desk, user)
    desk.goto(f"/admin/appointment-requests/edit/{appointment_request.pk}/")
    expect(desk.get_by_text("No appointment booked yet.")).to_be_visible()
    desk.get_by_role("link", name="Confirm booking").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("Confirm booking")
    desk.get_by_label("Date").fill(day.isoformat())
    desk.get_by_label("Time").fill("10:30")
    desk.get_by_label("Duration").select_option(label="30 minutes")
    desk.get_by_label("Location").select_option(label="Our clinic in Fairview")
    desk.get_by_label("Practitioner").select_option(index=1)
    desk.get_by_text("The patient is emailed").click()  # away from the date and time pickers
    desk.screenshot(path=screenshots / "booking-admin.png")
    desk.get_by_role("button", name="Confirm booking").click()
    expect(desk.locator(".messages")).to_contain_text(f"{appointment_request.reference} booked")
    expect(desk.locator("#appointment-booking-section")).to_contain_text("Our clinic in Fairview")
    appointment_request.refresh_from_db()
    assert appointment_request.status == AppointmentRequest.Status.BOOKED

    patient = new_page(PHONE)
    patient.goto(link_in_email(appointment_request, BookingEmail.Kind.CONFIRMATION))
    expect(patient.get_by_role("heading", level=1)).to_have_text("Your appointment")
    expect(patient.locator(".booking-details")).to_contain_text("10:30")
    expect(patient.locator(".booking-details")).to_contain_text("1480 Alder Street")
    # The page from its heading down, past the site's menu.
    patient.get_by_role("heading", level=1).evaluate("heading => heading.scrollIntoView()")
    patient.screenshot(path=screenshots / "booking-patient.png")
    patient.get_by_role("link", name="Cancel this appointment").click()
    expect(patient.get_by_role("heading", level=1)).to_have_text("Cancel your appointment?")
    patient.get_by_role("button", name="Yes, cancel it").click()
    expect(patient.get_by_role("heading", level=1)).to_have_text("Your appointment is cancelled")
    patient.go_back()
    patient.reload()
    expect(patient.get_by_role("heading", level=1)).to_have_text("This link has been used")

    appointment_request.refresh_from_db()
    assert appointment_request.status == AppointmentRequest.Status.WITHDRAWN
    desk.goto(f"/admin/appointment-requests/history/{appointment_request.pk}/")
    expect(desk.get_by_role("row").filter(has_text="Cancelled by the patient")).to_be_visible()
