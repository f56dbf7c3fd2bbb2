"""What people do in the browser, shared by the journeys."""

import re
import time
import uuid

from django.conf import settings
from playwright.sync_api import expect

from clinic.appointments.models import AppointmentRequest
from tests.helpers import make_user

FORM_URL = "/appointments/request/"


def unique(name):
    """`name` with a short random suffix, so tests never share a user or a page."""
    return f"{name}-{uuid.uuid4().hex[:6]}"


def make_staff(group_name, **fields):
    """A user of the admin in `group_name`, with a unique username and password "pw"."""
    return make_user(unique(group_name.lower().replace(" ", "-")), group_name, **fields)


def log_in(page, user):
    """Sign in to the admin through its login form, as `user` (password "pw")."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def tab_to(page, locator, limit=60):
    """Press Tab until `locator` (one element) has the keyboard focus; fails if it never does."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def tab_to_any(page, locator, limit=60):
    """Press Tab until one of the elements `locator` matches has the keyboard focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate_all("elements => elements.includes(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def type_into(page, locator, text):
    tab_to(page, locator)
    page.keyboard.type(text)


def tick(page, locator):
    """Tick a checkbox from the keyboard."""
    tab_to(page, locator)
    page.keyboard.press("Space")
    expect(locator).to_be_checked()


def choose(page, group, option):
    """Pick `option` in a group of radio buttons from the keyboard: Tab into the group, then
    the arrow keys (which move and select) or Space (on the focused one)."""
    radios = group.get_by_role("radio")
    tab_to_any(page, radios)
    for _ in range(radios.count()):
        if option.evaluate("element => element === document.activeElement"):
            page.keyboard.press("Space")
        if option.is_checked():
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never selected {option}")


class FormClock:
    """The form asks to be sent again when it is sent faster than a person fills it in
    (APPOINTMENT_MIN_FILL_SECONDS); a quick test waits out what is left of that time."""

    def __init__(self):
        self.opened_at = time.monotonic()

    def wait_out(self, page):
        left = settings.APPOINTMENT_MIN_FILL_SECONDS + 0.5 - (time.monotonic() - self.opened_at)
        if left > 0:
            page.wait_for_timeout(left * 1000)


def shown_request(page):
    """The stored request whose reference the confirmation page shows."""
    reference = page.locator(".reference").inner_text()
    assert re.fullmatch(r"LB-[A-Z0-9]{6}", reference), reference
    return AppointmentRequest.objects.get(reference=reference)
