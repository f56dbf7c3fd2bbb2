"""Every page a patient sees passes axe-core's audit with no serious or critical violation, on
a phone and on a desktop screen."""

import pytest
from playwright.sync_api import expect

from clinic.home.content.back_spasms import BACK_SPASMS
from clinic.home.content.locations import FIRST_LOCATION
from clinic.home.content.pages import PAGES
from clinic.home.content.treatments import TREATMENTS

from . import axe
from .actions import FORM_URL, FormClock
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e


def visit(path):
    def open_page(page):
        assert page.goto(path).status == 200

    return open_page


def form_with_errors(page):
    page.goto(FORM_URL)
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("alert")).to_be_focused()


def confirmation(page):
    # A warning sign is ticked: its advice shows on the form, and what to do now comes first
    # on the confirmation.
    page.goto(FORM_URL)
    clock = FormClock()
    page.get_by_role("textbox", name="Full name", exact=True).fill("Alex Audit")
    page.get_by_role("textbox", name="Email", exact=True).fill("alex@example.com")
    page.get_by_role("textbox", name="Phone", exact=True).fill("555-0142")
    page.get_by_label("Phone call").check()
    page.get_by_label("New patient").check()
    page.get_by_label("Weight loss you cannot explain").check()
    page.get_by_role("checkbox", name="I agree").check()
    clock.wait_out(page)
    page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("We have your request")


PATIENT_PAGES = {
    "home": visit("/"),
    "treatments": visit("/treatments/"),
    **{
        f"treatment {treatment['slug']}": visit(f"/treatments/{treatment['slug']}/")
        for treatment in TREATMENTS
    },
    "symptoms": visit("/symptoms/"),
    "article": visit(f"/symptoms/{BACK_SPASMS['slug']}/"),
    "search results": visit("/search/?q=back+pain"),
    "contact": visit("/contact/"),
    **{f"page {page['slug']}": visit(f"/{page['slug']}/") for page in PAGES},
    "location": visit(f"/{FIRST_LOCATION['slug']}/"),
    "appointment form": visit(FORM_URL),
    "appointment form with errors": form_with_errors,
    "confirmation": confirmation,
}


# The README's picture of the article is the back-spasm one, as a patient's phone shows it.
SCREENSHOTS = {"article": "article.png"}


@pytest.mark.parametrize("name", PATIENT_PAGES)
def test_patient_page_has_no_serious_accessibility_violations(
    new_page, axe_script, screenshots, name
):
    page = new_page(PHONE, init_script=axe_script)
    PATIENT_PAGES[name](page)
    expect(page.get_by_role("main")).to_be_visible()
    if name in SCREENSHOTS:
        page.screenshot(path=screenshots / SCREENSHOTS[name])
    violations = [f"{PHONE['width']} px: {line}" for line in axe.violations(page)]
    # The same page on a desktop screen: the layout changes with the width, not the content.
    page.set_viewport_size(DESKTOP)
    violations += [f"{DESKTOP['width']} px: {line}" for line in axe.violations(page)]
    assert not violations, "\n".join(violations)
