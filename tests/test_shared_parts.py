"""The parts of pages that are the same for every patient (a site's footer, a blank form's
questions) are kept in the page cache, so the pages that cannot be kept whole are quick; every
change to them shows on the next view, each patient still gets their own form, and a choice
made by a link is that link's only."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from clinic.base.models import ClinicSettings
from clinic.people.models import Practitioner
from clinic.safety.models import WarningSign
from tests.appointment_data import answers
from tests.conftest import make_treatment
from tests.helpers import html, text_of
from tests.test_locations import add_location

FORM_URL = "/appointments/request/"


def questions(client, query=None):
    return text_of(html(client.get(FORM_URL, query or {})).select_one("form.appointment-form"))


def footer(client, url):
    return text_of(html(client.get(url)).select_one("footer"))


def selected(response, name):
    option = html(response).select_one(f"select[name={name}] option[selected]")
    return text_of(option) if option else None


def test_later_patients_get_the_questions_for_fewer_queries(client, clinic_site):
    with CaptureQueriesContext(connection) as first:
        first_form = questions(client)
    with CaptureQueriesContext(connection) as later:
        later_form = questions(Client())
    assert later_form == first_form
    assert len(later) <= len(first) - 3


def test_each_patient_gets_their_own_token_and_ticket_and_both_can_send(clinic_site):
    patients = [Client(enforce_csrf_checks=True) for _ in range(2)]
    forms = [html(patient.get(FORM_URL)) for patient in patients]
    tokens = [form.select_one("[name=csrfmiddlewaretoken]")["value"] for form in forms]
    tickets = [form.select_one("[name=ticket]")["value"] for form in forms]
    assert tokens[0] != tokens[1] and tickets[0] != tickets[1]

    for patient, token in zip(patients, tokens, strict=True):
        response = patient.post(FORM_URL, answers(csrfmiddlewaretoken=token))
        assert response.status_code == 302


def test_every_change_to_the_questions_shows_to_the_next_patient(client, clinic_site):
    questions(client)

    sign = WarningSign.objects.order_by("sort_order").first()
    sign.wording = "Wetting yourself without knowing"
    sign.save()
    assert "Wetting yourself without knowing" in questions(client)

    make_treatment(clinic_site.treatment_index, "Massage", slug="massage")
    assert "Massage" in questions(client)

    Practitioner.objects.create(name="Dr. Sam Okafor", credentials="DC", bio="Necks.")
    assert "Dr. Sam Okafor" in questions(client)

    add_location(clinic_site.home)
    add_location(clinic_site.home, title="Southside", slug="southside")
    assert "Which location suits you?" in questions(client)


def test_a_link_preselects_its_choice_for_that_link_only(client, clinic_site):
    chosen = client.get(FORM_URL, {"treatment": "joint-manipulation"})
    assert selected(chosen, "treatment") == "Joint manipulation"
    assert selected(client.get(FORM_URL), "treatment") == "Not sure yet"
    chosen = client.get(FORM_URL, {"treatment": "exercise-therapy"})
    assert selected(chosen, "treatment") == "Exercise therapy"
    unknown = client.get(FORM_URL, {"treatment": "no-such-thing"})
    assert selected(unknown, "treatment") == "Not sure yet"


def test_a_form_sent_back_shows_the_patients_own_answers_and_problems(client, clinic_site):
    questions(client)
    response = client.post(FORM_URL, answers(full_name="", treatment=clinic_site.joint.pk))
    assert response.status_code == 200
    assert "Enter your full name." in text_of(html(response))
    assert selected(response, "treatment") == "Joint manipulation"


def test_a_change_to_the_footer_shows_on_every_page_next_viewed(client, clinic_site):
    assert "200 Birch Road" not in footer(client, "/")

    location = add_location(clinic_site.home)
    assert "200 Birch Road" in footer(client, "/treatments/")
    location.street = "7 Elm Street"
    location.save_revision().publish()
    assert "7 Elm Street" in footer(client, "/symptoms/")

    clinic = ClinicSettings.objects.get(site=clinic_site.site)
    clinic.phone = "(503) 555-0123"
    clinic.save()
    assert "(503) 555-0123" in footer(client, FORM_URL)


def test_a_second_site_has_its_own_footer_and_questions(client, clinic_site):
    assert "Lumbar Chiropractic" in footer(client, "/")
    questions(client)

    other_home = Page.get_first_root_node().add_child(title="Spine Works", slug="spine-works")
    other = Site.objects.create(hostname="127.0.0.1", root_page=other_home)
    privacy = other_home.add_child(title="Our privacy notice", slug="privacy")
    ClinicSettings.objects.create(
        site=other, clinic_name="Spine Works", phone="(541) 555-0190", privacy_page=privacy
    )
    spine = Client(HTTP_HOST="127.0.0.1")

    assert "Spine Works" in footer(spine, FORM_URL)
    assert "(541) 555-0190" in footer(spine, FORM_URL)
    assert html(spine.get(FORM_URL)).select_one("a[href$='/privacy/']") is not None
    assert html(client.get(FORM_URL)).select_one("a[href$='/privacy/']") is None
    assert "Lumbar Chiropractic" in footer(client, FORM_URL)


def current(client, url):
    return [text_of(link) for link in html(client.get(url)).select("header [aria-current]")]


def test_the_header_marks_where_each_page_is(client, clinic_site):
    assert current(client, "/treatments/") == ["Treatments"]
    assert current(client, "/symptoms/back-spasms/") == ["Symptoms"]
    assert current(client, FORM_URL) == ["Request an appointment"]
    assert current(client, "/search/?q=back") == []
    assert current(client, "/treatments/") == ["Treatments"]


def test_a_page_added_to_the_menu_shows_in_the_header_of_the_next_form(client, clinic_site):
    menu = html(client.get(FORM_URL)).select_one("nav[aria-label=Main]")
    assert "Our team" not in text_of(menu)

    team = clinic_site.team
    team.show_in_menus = True
    team.save_revision().publish()

    menu = html(client.get(FORM_URL)).select_one("nav[aria-label=Main]")
    assert "Our team" in text_of(menu)
