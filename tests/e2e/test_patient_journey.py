"""A patient on a phone finds a treatment and asks for an appointment, with the keyboard only."""

import re

import pytest
from playwright.sync_api import expect

from clinic.appointments.models import AppointmentRequest
from clinic.home.content.clinic_settings import CLINIC_NAME

from .actions import FORM_URL, FormClock, choose, shown_request, tab_to, tick, type_into

pytestmark = pytest.mark.e2e


def test_patient_finds_joint_manipulation_and_requests_an_appointment(new_page, screenshots):
    page = new_page()
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text(CLINIC_NAME)
    page.screenshot(path=screenshots / "home.png")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Treatments").click()
    expect(page).to_have_url(re.compile("/treatments/$"))
    page.get_by_role("link", name="Joint manipulation", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Joint manipulation")
    page.screenshot(path=screenshots / "treatment.png")

    page.get_by_role("link", name="Request an appointment for Joint manipulation").first.click()
    clock = FormClock()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    expect(page.get_by_label("Treatment").locator("option:checked")).to_have_text(
        "Joint manipulation"
    )
    page.screenshot(path=screenshots / "form.png")

    name = "Jamie Rivera"
    type_into(page, page.get_by_role("textbox", name="Full name", exact=True), name)
    type_into(page, page.get_by_role("textbox", name="Email", exact=True), "jamie@example.com")
    type_into(page, page.get_by_role("textbox", name="Phone", exact=True), "(503) 555-0123")
    contact = page.get_by_role("group", name="How should we contact you?")
    choose(page, contact, contact.get_by_label("Text message"))
    returning = page.get_by_role("group", name="Have you been to the clinic before?")
    choose(page, returning, returning.get_by_label("New patient"))
    tick(page, page.get_by_label("Wednesday"))
    tick(page, page.get_by_label("Morning (8–12)"))
    type_into(
        page,
        page.get_by_label("Tell us briefly about the problem"),
        "My lower back seized up when I lifted a box.",
    )
    tick(page, page.get_by_label(re.compile("^I agree that the clinic may store")))
    send = page.get_by_role("button", name="Send my request")
    tab_to(page, send)
    clock.wait_out(page)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")
    stored = shown_request(page)
    page.screenshot(path=screenshots / "confirmation.png")

    assert stored.full_name == name and stored.treatment.slug == "joint-manipulation"
    assert stored.preferred_contact == AppointmentRequest.ContactMethod.TEXT
    assert stored.patient_type == AppointmentRequest.PatientType.NEW
    assert stored.preferred_days == ["wed"] and stored.preferred_times == ["morning"]
    assert stored.status == AppointmentRequest.Status.NEW and not stored.is_urgent


def test_patient_with_a_warning_sign_sees_its_advice_at_once_and_urgent_care_first(new_page):
    page = new_page()  # a phone
    page.goto(FORM_URL)
    clock = FormClock()
    # The warning signs come first; each sign's advice shows the moment it is ticked.
    signs = page.get_by_role("group", name="Do you have any of these right now?")
    bladder = signs.locator(".warning-sign").filter(
        has=page.get_by_label("New problems controlling your bladder or bowels")
    )
    advice = bladder.locator(".warning-sign__advice")
    expect(advice).to_be_hidden()
    tick(page, page.get_by_label("New problems controlling your bladder or bowels"))
    expect(advice).to_be_visible()
    expect(advice).to_contain_text("cauda equina")
    expect(advice.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    advice.scroll_into_view_if_needed()
    assert advice.bounding_box()["y"] < page.get_by_label("Full name").bounding_box()["y"]
    other = signs.locator(".warning-sign__advice").filter(has_text="infection")
    expect(other).to_be_hidden()  # only the ticked sign's advice

    name = "Ulla Ulrich"
    type_into(page, page.get_by_role("textbox", name="Full name", exact=True), name)
    type_into(page, page.get_by_role("textbox", name="Email", exact=True), "ulla@example.com")
    type_into(page, page.get_by_role("textbox", name="Phone", exact=True), "555-0102")
    contact = page.get_by_role("group", name="How should we contact you?")
    choose(page, contact, contact.get_by_label("Phone call"))
    returning = page.get_by_role("group", name="Have you been to the clinic before?")
    choose(page, returning, returning.get_by_label("Returning patient"))
    tick(page, page.get_by_label(re.compile("^I agree that the clinic may store")))
    tab_to(page, page.get_by_role("button", name="Send my request"))
    clock.wait_out(page)
    page.keyboard.press("Enter")

    main = page.get_by_role("main")
    expect(main.get_by_role("heading").first).to_have_text("Get emergency help now")
    expect(main.get_by_role("heading", level=1)).to_have_text("We have your request")
    now = main.get_by_role("region", name="Get emergency help now")
    expect(now.get_by_role("link", name="911")).to_have_attribute("href", "tel:911")
    expect(main).to_contain_text("the front desk calls you first")
    expect(main).not_to_contain_text("working day")
    stored = shown_request(page)
    assert stored.full_name == name
    assert stored.is_urgent and stored.red_flags == [
        {"wording": "New problems controlling your bladder or bowels", "urgency": "emergency"}
    ]
