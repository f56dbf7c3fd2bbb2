"""Bad input in the appointment form, in the browser: each error sits next to its field, the
keyboard focus moves to the list of problems, and nothing typed is lost."""

import re

import pytest
from playwright.sync_api import expect

from clinic.appointments.models import AppointmentRequest

from .actions import FORM_URL, unique

pytestmark = pytest.mark.e2e

REQUIRED = {
    "Full name": "Enter your full name.",
    "Email": "Enter your email address.",
    "Phone": "Enter a phone number we can call.",
}
REQUIRED_CHOICES = {
    "How should we contact you?": "Choose how we should contact you.",
    "Have you been to the clinic before?": "Tell us whether you have been here before.",
}
CONSENT_ERROR = "Tick the box to agree, or call us instead."


def error_of(page, field):
    """The error shown in the block that holds `field` (its label, help, errors, input)."""
    return page.locator(".field").filter(has=field).locator(".field__error")


def test_empty_form_shows_each_error_at_its_field_and_focuses_the_summary(new_page):
    page = new_page()
    page.goto(FORM_URL)
    page.get_by_role("button", name="Send my request").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("Please check your answers")
    for message in [*REQUIRED.values(), *REQUIRED_CHOICES.values(), CONSENT_ERROR]:
        expect(summary.get_by_text(message)).to_be_visible()

    for label, message in REQUIRED.items():
        field = page.get_by_role("textbox", name=label, exact=True)
        expect(error_of(page, field)).to_have_text(message)
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_accessible_description(re.compile(re.escape(message)))
    for legend, message in REQUIRED_CHOICES.items():
        group = page.get_by_role("group", name=legend)
        expect(group.locator(".field__error")).to_have_text(message)
    consent = page.locator(".field").filter(has=page.get_by_role("checkbox", name="I agree"))
    expect(consent.locator(".field__error")).to_have_text(CONSENT_ERROR)

    # Each problem in the summary leads to its field.
    summary.get_by_role("link", name=REQUIRED["Phone"]).click()
    expect(page).to_have_url(f"{page.url.split('#')[0]}#id_phone")


def test_typed_answers_are_kept_when_the_form_comes_back(new_page):
    page = new_page()
    page.goto(FORM_URL)
    name = unique("Kim Keep")
    page.get_by_role("textbox", name="Full name", exact=True).fill(name)
    page.get_by_role("textbox", name="Email", exact=True).fill("not an email address")
    page.get_by_label("Wednesday").check()
    page.get_by_label("Fever, or feeling generally unwell, with your back pain").check()
    page.get_by_label("Tell us briefly about the problem").fill("Stiff since Monday.")
    page.get_by_role("button", name="Send my request").click()

    expect(page.get_by_role("alert")).to_be_focused()
    expect(error_of(page, page.get_by_role("textbox", name="Email"))).to_have_text(
        "Enter an email address like name@example.com."
    )
    expect(page.get_by_role("textbox", name="Full name", exact=True)).to_have_value(name)
    expect(page.get_by_role("textbox", name="Email", exact=True)).to_have_value(
        "not an email address"
    )
    expect(page.get_by_label("Wednesday")).to_be_checked()
    expect(
        page.get_by_label("Fever, or feeling generally unwell, with your back pain")
    ).to_be_checked()
    expect(page.get_by_label("Tell us briefly about the problem")).to_have_value(
        "Stiff since Monday."
    )
    # Nothing the patient did not choose is chosen for them.
    expect(page.get_by_label("Thursday")).not_to_be_checked()
    expect(page.get_by_role("checkbox", name="I agree")).not_to_be_checked()
    assert not AppointmentRequest.objects.filter(full_name=name).exists()
