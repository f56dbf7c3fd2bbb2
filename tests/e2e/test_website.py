"""The website around the health pages, in a real browser: the way to an appointment stays in
reach on a phone (a bar at the foot of the screen) and sits in the header on a desktop; a
patient goes from an article to a sent request; the general pages as patients see them."""

import re

import pytest
from playwright.sync_api import expect

from clinic.appointments.models import AppointmentRequest
from clinic.home.content.back_spasms import REVIEWER
from clinic.home.content.clinic_settings import CLINIC_SETTINGS

from .actions import FormClock, choose, shown_request, tick, type_into
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

CLINIC_TEL = "tel:+15035550147"


def action_bar(page):
    return page.get_by_role("navigation", name="Book")


def test_a_patient_goes_from_an_article_to_a_sent_request_on_a_phone(new_page, screenshots):
    page = new_page(PHONE)
    page.goto("/symptoms/back-spasms/")
    bar = action_bar(page)
    expect(bar.get_by_role("link", name=re.compile("^Call"))).to_have_attribute("href", CLINIC_TEL)

    # Far down the long article, the bar is still at the foot of the screen.
    treatments = page.get_by_role("heading", name="Treatments that can help")
    treatments.scroll_into_view_if_needed()
    box = bar.bounding_box()
    assert box["y"] + box["height"] == pytest.approx(PHONE["height"], abs=1)
    # The article ends with the way to an appointment: each treatment's, and the form.
    expect(page.get_by_role("heading", name="Book a visit")).to_be_attached()
    page.screenshot(path=screenshots / "article-treatments-phone.png")

    page.get_by_role("link", name="Request an appointment for Soft tissue manipulation").click()
    clock = FormClock()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    expect(page.get_by_label("Treatment").locator("option:checked")).to_have_text(
        "Soft tissue manipulation"
    )
    # On the form itself the bar offers the phone only.
    expect(action_bar(page).get_by_role("link")).to_have_count(1)
    consent_link = page.get_by_role("main").get_by_role("link", name="privacy notice")
    expect(consent_link).to_have_attribute("href", "/privacy/")

    type_into(page, page.get_by_role("textbox", name="Full name", exact=True), "Sam Ortiz")
    type_into(page, page.get_by_role("textbox", name="Email", exact=True), "sam@example.com")
    type_into(page, page.get_by_role("textbox", name="Phone", exact=True), "(503) 555-0188")
    contact = page.get_by_role("group", name="How should we contact you?")
    choose(page, contact, contact.get_by_label("Email"))
    returning = page.get_by_role("group", name="Have you been to the clinic before?")
    choose(page, returning, returning.get_by_label("New patient"))
    tick(page, page.get_by_label(re.compile("^I agree that the clinic may store")))
    clock.wait_out(page)
    page.get_by_role("button", name="Send my request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")
    stored = shown_request(page)
    assert stored.full_name == "Sam Ortiz"
    assert stored.treatment.slug == "soft-tissue-manipulation"
    assert stored.status == AppointmentRequest.Status.NEW


def test_on_a_desktop_the_header_carries_the_request_and_the_phone(new_page, screenshots):
    page = new_page(DESKTOP)
    page.goto("/")
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="Request an appointment")).to_be_visible()
    expect(header.get_by_role("link", name=CLINIC_SETTINGS["phone"])).to_have_attribute(
        "href", CLINIC_TEL
    )
    expect(action_bar(page)).to_be_hidden()
    menu = page.get_by_role("navigation", name="Main")
    expect(menu.get_by_role("link")).to_have_text(
        [
            "Treatments",
            "Symptoms",
            "About the clinic",
            "Your first visit",
            "Fees and insurance",
            "Our team",
            "Contact",
        ]
    )
    page.screenshot(path=screenshots / "home-desktop.png")

    menu.get_by_role("link", name="Fees and insurance").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fees and insurance")
    expect(menu.get_by_role("link", name="Fees and insurance")).to_have_attribute(
        "aria-current", "page"
    )
    expect(page.get_by_role("table")).to_be_visible()
    page.screenshot(path=screenshots / "fees-desktop.png", full_page=True)

    page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")


def test_on_a_phone_the_header_leaves_the_actions_to_the_bar(new_page, screenshots):
    page = new_page(PHONE)
    page.goto("/first-visit/")
    expect(
        page.get_by_role("banner").get_by_role("link", name="Request an appointment")
    ).to_be_hidden()
    expect(action_bar(page).get_by_role("link", name="Request an appointment")).to_be_visible()
    page.screenshot(path=screenshots / "first-visit-phone.png")


def test_a_location_page_shows_today_and_the_way_there(new_page, screenshots):
    for name, viewport in [("phone", PHONE), ("desktop", DESKTOP)]:
        page = new_page(viewport)
        page.goto("/fairview/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Our clinic in Fairview")
        today = page.locator(".opening-hours__today")
        expect(today).to_have_count(1)
        expect(today).to_contain_text("(today)")
        directions = page.get_by_role("link", name="Directions (OpenStreetMap)")
        expect(directions).to_have_attribute("href", re.compile("^https://www.openstreetmap.org/"))
        page.screenshot(path=screenshots / f"location-{name}.png", full_page=True)


def test_a_patient_reads_a_practitioners_profile_and_asks_to_see_them(new_page, screenshots):
    page = new_page(PHONE)
    page.goto("/symptoms/back-spasms/")
    page.get_by_role("link", name=REVIEWER["name"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(REVIEWER["name"])
    page.screenshot(path=screenshots / "profile-phone.png", full_page=True)

    page.get_by_role("link", name=f"Request an appointment with {REVIEWER['name']}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    expect(
        page.get_by_label("Who would you like to see?").locator("option:checked")
    ).to_contain_text(REVIEWER["name"])
