"""An editor writes a symptom article in the Wagtail admin; a clinician approves it in Clinical
review; patients find it. Editors never reach the appointment requests."""

import re
import uuid

import pytest
from PIL import Image as PillowImage
from PIL import ImageDraw
from playwright.sync_api import expect

from clinic.people.models import Practitioner
from education.models import SymptomArticlePage, SymptomIndexPage
from treatments.models import TreatmentPage

from .actions import log_in, make_staff
from .conftest import DESKTOP

pytestmark = pytest.mark.e2e

LINKED_TREATMENTS = ["Joint manipulation", "Exercise therapy"]
ALT_TEXT = "A person stretching the front of the hip in a lunge."
URGENT_HELP = "Hip pain after a fall, with a leg you cannot stand on, needs urgent care."
# True once the image has loaded with pixels, false if it fails; waits while it is loading.
IMAGE_LOADED = """image => image.complete
    ? image.naturalWidth > 0
    : new Promise(done => {
        image.addEventListener("load", () => done(image.naturalWidth > 0));
        image.addEventListener("error", () => done(false));
    })"""


@pytest.fixture
def photo(tmp_path):
    """A picture to upload: a figure stretching, drawn in the clinic's colours."""
    path = tmp_path / "hip-stretch.png"
    picture = PillowImage.new("RGB", (1200, 675), (232, 244, 244))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((520, 120, 640, 240), fill=(14, 90, 99))
    draw.line((580, 240, 560, 450), fill=(14, 90, 99), width=40)
    draw.line((560, 450, 420, 600), fill=(14, 90, 99), width=36)
    draw.line((560, 450, 760, 560), fill=(14, 90, 99), width=36)
    draw.line((575, 300, 760, 220), fill=(14, 90, 99), width=30)
    picture.save(path)
    return path


def write_article(page, title, photo):
    """Fill in a new symptom article, as an editor does, in the page editor."""
    main = page.get_by_role("main")
    main.get_by_role("textbox", name="Title*").fill(title)
    main.get_by_role("textbox", name="Summary*").fill(
        "Why hips stiffen after long hours of sitting, and the stretches that loosen them."
    )

    body = main.get_by_role("region", name="Body")
    body.get_by_role("button", name="Insert a block").click()
    page.get_by_role("option", name="Image").click()
    body.get_by_role("button", name="Choose an image").click()
    chooser = page.get_by_role("dialog")
    chooser.get_by_role("tab", name="Upload").click()
    chooser.get_by_label("File").set_input_files(photo)
    chooser.get_by_role("textbox", name="Title*").fill("Hip stretch")
    chooser.get_by_role("button", name="Upload").click()
    expect(chooser).to_be_hidden()
    image_block = body.get_by_role("region", name="Image")
    expect(image_block).to_contain_text("Hip stretch")
    image_block.get_by_role("textbox", name="Alt text*").fill(ALT_TEXT)

    main.get_by_role("textbox", name="Signs and symptoms").fill(
        "Stiff hips when you stand up\nAching in the buttock"
    )
    links = main.get_by_role("region", name="Treatments that can help", exact=True)
    for number, treatment in enumerate(LINKED_TREATMENTS, start=1):
        links.get_by_role("button", name="Add Treatments that can help").click()
        link = links.get_by_role("region", name=f"Treatments that can help {number}")
        link.get_by_role("button", name=re.compile("^Choose a page")).click()
        page.get_by_role("dialog").get_by_role("link", name=treatment, exact=True).click()
        expect(link).to_contain_text(treatment)

    urgent_help = main.get_by_role("region", name="When to get urgent help*")
    editor = urgent_help.locator("[contenteditable=true]")
    editor.click()
    editor.press_sequentially(URGENT_HELP)
    # The rich-text editor copies its content into the form a moment after typing stops.
    expect(page.locator("input[name=urgent_help]")).to_have_value(
        re.compile(re.escape(URGENT_HELP))
    )


def test_editor_writes_an_article_a_clinician_approves_and_patients_find_it(new_page, photo):
    """The editor (Editors group) cannot publish a health page: it goes to Clinical review,
    where a clinician (Clinicians group) approves it, which publishes it."""
    editor = make_staff("Editors", first_name="Erin", last_name="Editor")
    clinician = make_staff("Clinicians", first_name="Sam", last_name="Lee")
    Practitioner.objects.create(
        name="Dr. Sam Lee",
        credentials="DC, chiropractor",
        bio="Sam treats stiff hips and backs.",
        user=clinician,
    )
    title = f"Stiff hips {uuid.uuid4().hex[:6]}"

    page = new_page(DESKTOP)
    log_in(page, editor)
    page.goto(f"/admin/pages/{SymptomIndexPage.objects.get().pk}/")
    page.get_by_role("link", name="Add child page").click()
    write_article(page, title, photo)
    # The editor autosaves the new page as a draft; sending it while that is under way would
    # make it twice ("slug already in use"). A person sees "Saved" and then submits.
    expect(page.locator("#w-autosave-indicator").get_by_text("Saved", exact=True)).to_be_visible()
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Submit to Clinical review").click()
    expect(page.get_by_role("status").first).to_contain_text("submitted")
    article = SymptomArticlePage.objects.get(title=title)
    assert not article.live

    reviewer_page = new_page(DESKTOP)
    log_in(reviewer_page, clinician)
    awaiting = reviewer_page.get_by_role("region", name="Awaiting your review")
    row = awaiting.get_by_role("row").filter(has_text=title)
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve", exact=True).click()
    expect(awaiting.get_by_role("row").filter(has_text=title)).to_have_count(0)
    article.refresh_from_db()
    assert article.live and article.reviewer.user == clinician

    patient = new_page()
    patient.goto("/symptoms/")
    patient.get_by_role("link", name=title).click()
    expect(patient.get_by_role("heading", level=1)).to_have_text(title)
    picture = patient.get_by_role("img", name=ALT_TEXT)
    expect(picture).to_be_visible()
    # Visible (it has its size) can come before loaded: wait for the load, then check it.
    assert picture.evaluate(IMAGE_LOADED)
    expect(patient.get_by_role("main")).to_contain_text("Reviewed by Dr. Sam Lee")
    expect(patient.get_by_role("main")).to_contain_text(URGENT_HELP)

    patient.get_by_role("search", name="Site").get_by_role("searchbox").fill(title)
    patient.keyboard.press("Enter")
    expect(patient.get_by_role("main").get_by_role("link", name=title)).to_be_visible()

    for treatment in LINKED_TREATMENTS:
        patient.goto(TreatmentPage.objects.get(title=treatment).url)
        related = patient.get_by_role("region", name="Symptom articles about this treatment")
        expect(related.get_by_role("link", name=title)).to_be_visible()


def test_editor_cannot_reach_the_appointment_requests(new_page):
    page = new_page(DESKTOP)
    log_in(page, make_staff("Editors"))
    menu = page.get_by_role("navigation", name="Main menu")
    expect(menu.get_by_role("button", name="Pages")).to_be_visible()
    expect(menu.get_by_text("Appointment requests")).to_have_count(0)
    page.goto("/admin/appointment-requests/")
    expect(page).not_to_have_url(re.compile("/admin/appointment-requests/"))
    expect(page.get_by_role("status").first).to_contain_text("do not have permission")
