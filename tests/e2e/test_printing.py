"""On paper a page keeps what a patient needs: the clinic's name and phone at the top, no
navigation, forms or buttons, black on white, no link addresses; a page with exercises prints
as a home programme, each exercise whole with its picture small beside the steps.

Each page is seen on screen first, then as Chromium lays it out for printing."""

import pytest
from playwright.sync_api import expect
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from clinic.home.content.clinic_settings import CLINIC_SETTINGS
from education.models import SymptomIndexPage
from tests.conftest import make_article

from .actions import unique
from .conftest import DESKTOP

pytestmark = pytest.mark.e2e

BLACK = "rgb(0, 0, 0)"
TRANSPARENT = "rgba(0, 0, 0, 0)"
CM = 96 / 2.54  # CSS pixels in a centimetre, on paper as on screen


def style(locator, name, pseudo=None):
    """The computed value of the CSS property `name` (camelCase) that the browser renders."""
    return locator.evaluate(
        "(element, [name, pseudo]) => getComputedStyle(element, pseudo)[name]", [name, pseudo]
    )


def test_a_printed_page_has_the_clinic_name_and_phone_in_black_on_white_and_nothing_to_click(
    new_page,
):
    page = new_page(DESKTOP)
    page.goto("/treatments/joint-manipulation/")
    letterhead = page.get_by_text(f"{CLINIC_SETTINGS['clinic_name']} · Phone")
    online_only = [
        page.get_by_role("link", name="Skip to main content"),
        page.get_by_role("navigation", name="Main"),
        page.get_by_role("search", name="Site"),
        page.get_by_role("link", name="Request an appointment for Joint manipulation").first,
        page.get_by_role("heading", name="Book a visit"),
        page.get_by_role("navigation", name="Footer"),
        page.get_by_role("heading", name="Symptom articles about this treatment"),
        page.get_by_role("link", name="Back spasms"),
        page.get_by_role("contentinfo").get_by_role("heading", name=CLINIC_SETTINGS["clinic_name"]),
    ]
    heading = page.get_by_role("heading", level=1)
    urgent_care = page.get_by_role("complementary").filter(has_text="When to get urgent help")
    printed = page.locator(".print-footer")
    for locator in online_only:
        expect(locator).to_be_attached()
    expect(letterhead).to_be_hidden()
    expect(printed).to_be_hidden()
    assert style(heading, "color") != BLACK  # the brand colour on screen
    assert style(urgent_care, "backgroundColor") != TRANSPARENT

    page.emulate_media(media="print")

    expect(letterhead).to_be_visible()
    expect(letterhead).to_have_text(
        f"{CLINIC_SETTINGS['clinic_name']} · Phone {CLINIC_SETTINGS['phone']}"
    )
    for locator in online_only:
        expect(locator).to_be_hidden()
    # The page's address and the day it was printed (the browser's day, set as it prints).
    expect(printed).to_be_visible()
    expect(printed).to_contain_text("/treatments/joint-manipulation/")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    today = page.evaluate("new Date().toLocaleDateString('en', {dateStyle: 'long'})")
    expect(printed.locator("time")).to_have_text(today)
    expect(heading).to_have_text("Joint manipulation")
    expect(page.get_by_role("heading", name="Who it helps")).to_be_visible()
    expect(urgent_care).to_be_visible()
    assert style(heading, "color") == BLACK
    assert style(urgent_care, "color") == BLACK
    assert style(urgent_care, "backgroundColor") == TRANSPARENT
    # Patients follow the words: no address is printed after a link.
    emergency = urgent_care.get_by_role("link")
    expect(emergency).to_be_visible()
    for link in page.get_by_role("main").get_by_role("link").all():
        assert style(link, "content", "::after") in ("none", "normal"), link


def test_a_printed_page_with_exercises_keeps_them_whole_with_when_to_get_help(
    new_page, server, settings
):
    settings.MEDIA_ROOT = server.media_root
    picture = Image.objects.create(title="Knee hug", file=get_test_image_file("knee-hug.png"))
    exercise = {
        "name": "Knee hug",
        "image": picture,
        "alt_text": "Lying on the back, hugging both knees",
        "steps": ["Lie on your back.", "Hug both knees to your chest.", "Breathe slowly."],
        "sets": None,
        "reps": 3,
        "hold_seconds": 20,
        "frequency": "Every evening",
        "safety_note": "Stop if the pain increases.",
    }
    article = make_article(
        SymptomIndexPage.objects.get(),
        "Stiff lower back",
        slug=unique("stiff-lower-back"),
        signs="Stiff in the morning",
        body=[
            ("paragraph", "<p>Most stiffness eases within a week.</p>"),
            ("heading", {"text": "Exercises to try at home", "level": "h2"}),
            ("exercise", exercise),
            ("exercise", {**exercise, "name": "Cat stretch", "image": None}),
        ],
    )
    page = new_page(DESKTOP)
    page.goto(article.url)
    hint = page.get_by_text("To take these exercises home, print this page")
    online_only = [
        hint,
        page.get_by_text("Most stiffness eases within a week."),
        page.get_by_role("heading", name="Signs and symptoms"),
    ]
    for locator in online_only:
        expect(locator).to_be_visible()

    page.emulate_media(media="print")

    for locator in online_only:
        expect(locator).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stiff lower back")
    expect(page.get_by_role("heading", name="Exercises to try at home")).to_be_visible()
    exercises = page.locator("main .exercise")
    expect(exercises).to_have_count(2)
    for box in exercises.all():
        expect(box).to_be_visible()
        assert style(box, "breakInside") == "avoid"  # never split across two sheets
    expect(page.get_by_role("heading", name="When to get urgent help")).to_be_visible()

    # The picture small, at the right, beside the steps rather than above them.
    first = exercises.first
    image = first.get_by_role("img", name="Lying on the back, hugging both knees")
    image.scroll_into_view_if_needed()
    expect(image).to_be_visible()
    picture_box = image.bounding_box()
    exercise_box = first.bounding_box()
    steps_box = first.get_by_role("list").first.bounding_box()
    assert picture_box["width"] <= 4 * CM
    assert picture_box["x"] > exercise_box["x"] + exercise_box["width"] / 2
    assert picture_box["y"] < steps_box["y"] + steps_box["height"]
