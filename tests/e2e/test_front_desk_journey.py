"""The front desk works the appointment inbox in the Wagtail admin."""

import re

import pytest
from playwright.sync_api import expect

from tests.appointment_data import make_appointment_request
from treatments.models import TreatmentPage

from .actions import log_in, make_staff
from .conftest import DESKTOP

pytestmark = pytest.mark.e2e


def test_front_desk_sees_urgent_first_marks_a_request_contacted_and_the_history_shows_it(
    new_page, screenshots
):
    user = make_staff("Front desk", first_name="Dana", last_name="Desk")
    # The urgent request came first: the inbox lists it above the newer one all the same.
    urgent = make_appointment_request(
        full_name="Una Underwood",
        red_flags=[{"wording": "Numbness around the groin", "urgency": "emergency"}],
        is_urgent=True,
    )
    routine = make_appointment_request(
        full_name="Olga Older", treatment=TreatmentPage.objects.get(slug="joint-manipulation")
    )

    page = new_page(DESKTOP)
    log_in(page, user)
    page.get_by_role("navigation").get_by_role(
        "link", name=re.compile(r"^Appointment requests")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appointment requests")
    references = page.locator("tbody td.title a").all_inner_texts()
    assert urgent.reference in references and routine.reference in references
    assert references.index(urgent.reference) < references.index(routine.reference)
    urgent_row = page.get_by_role("row").filter(has_text=urgent.reference)
    expect(urgent_row).to_contain_text("Urgent")
    routine_row = page.get_by_role("row").filter(has_text=routine.reference)
    expect(routine_row).to_contain_text("Joint manipulation")
    expect(routine_row).not_to_contain_text("Urgent")
    page.screenshot(path=screenshots / "front-desk-inbox.png")

    page.get_by_role("link", name=routine.reference, exact=True).click()
    expect(page.get_by_text(routine.full_name)).to_be_visible()
    page.get_by_role("combobox", name="Status").select_option(label="Contacted")
    note = "Left a voicemail, will call again at 4."
    page.get_by_role("textbox", name="Add a note").fill(note)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        routine.reference
    )

    routine.refresh_from_db()
    assert routine.status == "contacted" and routine.handled_by == user
    assert [saved.text for saved in routine.notes.all()] == [note]

    page.get_by_role("link", name=routine.reference, exact=True).click()
    page.get_by_role("link", name="History").click()
    change = page.get_by_role("row").filter(has_text="Status New → Contacted")
    expect(change).to_contain_text("Dana Desk")
    expect(change).to_contain_text("changed handled by; added a note")
