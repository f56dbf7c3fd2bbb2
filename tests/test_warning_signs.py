"""The warning signs: one list, edited by clinicians in the admin, that the appointment form
asks about, the confirmation acts on, the front desk reads and every health page shows."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail.models import ModelLogEntry

from clinic.appointments.models import AppointmentRequest
from clinic.safety.models import WarningSign
from tests.appointment_data import answers, make_appointment_request, ticked, warning_sign
from tests.conftest import WARNING_SIGNS
from tests.helpers import html, logged_in, make_user, text_of

pytestmark = pytest.mark.django_db

FORM_URL = "/appointments/request/"
SENT_URL = "/appointments/request/sent/"
ARTICLE_URL = "/symptoms/back-spasms/"
TREATMENT_URL = "/treatments/joint-manipulation/"
NUMBNESS, BLADDER, FEVER = (wording for wording, _urgency, _advice in WARNING_SIGNS)


@pytest.fixture
def clinician(clinic_site):
    return logged_in(make_user("nell", "Clinicians"))


def edit_sign(client, sign, **changes):
    """Post the admin's edit form for `sign`, as a clinician fills it in."""
    data = {
        "wording": sign.wording,
        "urgency": sign.urgency,
        "advice": sign.advice,
        "active": "on" if sign.active else "",
        **changes,
    }
    url = reverse("wagtailsnippets_safety_warningsign:edit", args=[sign.pk])
    return client.post(url, data)


def sign(wording):
    return WarningSign.objects.get(wording=wording)


def care_card(soup):
    """The health page's "When to get urgent help": its lists of signs, in order."""
    card = soup.select_one("aside.urgent-care")
    return [[text_of(item) for item in signs.select("li")] for signs in card.select("ul")]


# The form


def test_the_form_asks_about_the_warning_signs_before_anything_else(client, clinic_site):
    soup = html(client.get(FORM_URL))
    form = soup.select_one("form.appointment-form")
    first_question = form.find("fieldset")
    assert text_of(first_question.find("legend")) == "Do you have any of these right now?"
    labels = [text_of(label) for label in first_question.select(".warning-sign label")]
    assert labels == [NUMBNESS, BLADDER, FEVER]
    # Before the treatment and the patient's details.
    questions = [tag.get("id") for tag in form.select("fieldset, select, input, textarea")]
    assert questions.index("id_red_flags") < questions.index("id_treatment")
    assert questions.index("id_red_flags") < questions.index("id_full_name")


def test_each_warning_sign_has_its_advice_beside_it(client, clinic_site):
    soup = html(client.get(FORM_URL))
    signs = {text_of(s.find("label")): s for s in soup.select(".warning-sign")}
    emergency = signs[BLADDER].select_one(".warning-sign__advice")
    assert "The nerves may be squeezed." in text_of(emergency)
    assert emergency.select_one("a[href='tel:911']") is not None
    assert "emergency department" in text_of(emergency)
    same_day = signs[FEVER].select_one(".warning-sign__advice")
    assert "An infection needs a doctor." in text_of(same_day)
    assert "urgent care center" in text_of(same_day)
    assert same_day.select_one("a[href='tel:911']") is None


def test_the_advice_is_shown_by_a_static_script_not_an_inline_one(client, clinic_site):
    soup = html(client.get(FORM_URL))
    scripts = [script.get("src") for script in soup.find_all("script")]
    assert scripts == ["/static/js/warning_signs.js"]
    assert client.get("/static/js/warning_signs.js").status_code == 200


def test_a_sign_no_longer_asked_is_not_on_the_form_nor_on_health_pages(client, clinic_site):
    numbness = sign(NUMBNESS)
    numbness.active = False
    numbness.save()
    assert NUMBNESS not in text_of(html(client.get(FORM_URL)))
    assert NUMBNESS not in text_of(html(client.get(ARTICLE_URL)))
    response = client.post(FORM_URL, answers(red_flags=[str(numbness.pk)]))
    assert "Select a valid choice." in text_of(html(response))
    assert not AppointmentRequest.objects.exists()


# The confirmation


@pytest.mark.parametrize(
    "wording, heading, what_to_do",
    [
        (BLADDER, "Get emergency help now", "Call 911 now, or go to the nearest emergency"),
        (FEVER, "Get medical help today", "call your doctor or go to an urgent care center"),
    ],
)
def test_an_urgent_confirmation_says_what_to_do_now_and_that_the_clinic_calls_first(
    client, clinic_site, wording, heading, what_to_do
):
    client.post(FORM_URL, answers(red_flags=[warning_sign(wording)]))
    main = html(client.get(SENT_URL)).select_one("main")
    assert text_of(main.find("h2")) == heading
    assert what_to_do in text_of(main.select_one(".urgent-care--now"))
    assert "the front desk calls you first" in text_of(main)
    assert "working day" not in text_of(main)


def test_an_emergency_comes_before_a_same_day_sign_on_the_confirmation(client, clinic_site):
    client.post(FORM_URL, answers(red_flags=[warning_sign(FEVER), warning_sign(NUMBNESS)]))
    main = html(client.get(SENT_URL)).select_one("main")
    assert text_of(main.find("h2")) == "Get emergency help now"


def test_a_request_without_warning_signs_is_answered_within_a_working_day(client, clinic_site):
    client.post(FORM_URL, answers())
    main = html(client.get(SENT_URL)).select_one("main")
    assert main.select_one(".urgent-care") is None
    assert "contacts you within one working day" in text_of(main)


# Health pages


@pytest.mark.parametrize("url", [ARTICLE_URL, TREATMENT_URL, "/contact/"])
def test_health_pages_show_the_list_emergencies_first(client, clinic_site, url):
    soup = html(client.get(url))
    assert care_card(soup) == [[NUMBNESS, BLADDER], [FEVER]]
    card = text_of(soup.select_one("aside.urgent-care"))
    assert card.index("Call 911 now if you have") < card.index("Get medical help today")


def test_an_article_puts_urgent_help_first_then_the_symptoms_then_the_rest(client, clinic_site):
    article = html(client.get(ARTICLE_URL)).select_one("article")
    headings = [text_of(h) for h in article.find_all("h2")]
    assert headings[:2] == ["When to get urgent help", "Signs and symptoms"]
    # The article's own advice is kept, inside the card.
    card = text_of(article.select_one("aside.urgent-care"))
    assert "Numbness around the groin needs urgent care." in card


def test_a_treatment_page_shows_urgent_help_before_its_body(client, clinic_site):
    article = html(client.get(TREATMENT_URL)).select_one("article")
    assert text_of(article.find("h2")) == "When to get urgent help"


def test_a_long_article_lists_its_sections_each_link_finding_its_section(client, clinic_site):
    article = clinic_site.article
    article.body = [
        ("heading", {"text": "Why muscles spasm", "level": "h2"}),
        ("paragraph", "<p>" + "Muscles tighten to guard a sore joint. " * 80 + "</p>"),
    ]
    article.save_revision().publish()
    soup = html(client.get(ARTICLE_URL))
    contents = soup.select_one("nav.contents")
    links = [(text_of(a), a["href"]) for a in contents.select("a")]
    # Under the urgent-help card, which comes first.
    assert soup.select_one("aside.urgent-care").find_next("nav") == contents
    assert links[:2] == [
        ("Signs and symptoms", "#signs-title"),
        ("Why muscles spasm", "#section-why-muscles-spasm"),
    ]
    for _text, href in links:
        assert soup.select_one(href) is not None, href


def test_a_printed_health_page_carries_its_address_and_the_day(client, clinic_site):
    for url in [ARTICLE_URL, TREATMENT_URL]:
        footer = html(client.get(url)).select_one(".print-footer")
        assert f"http://localhost{url}" in text_of(footer)
        assert footer.select_one("time.print-footer__date")["datetime"]


# Clinicians edit the list


def test_a_clinicians_edit_shows_at_once_on_the_form_the_confirmation_and_cached_pages(
    client, clinician, clinic_site
):
    client.get(ARTICLE_URL)
    assert client.get(ARTICLE_URL)["X-Wagtail-Cache"] == "hit"

    response = edit_sign(clinician, sign(BLADDER), wording="Wetting yourself without knowing")
    assert response.status_code == 302

    assert "Wetting yourself without knowing" in care_card(html(client.get(ARTICLE_URL)))[0]
    form = text_of(html(client.get(FORM_URL)))
    assert "Wetting yourself without knowing" in form and BLADDER not in form
    client.post(FORM_URL, answers(red_flags=[warning_sign("Wetting yourself without knowing")]))
    confirmation = text_of(html(client.get(SENT_URL)))
    assert "Wetting yourself without knowing" in confirmation


def test_a_stored_request_keeps_the_words_the_patient_ticked(
    client, clinician, front_desk, clinic_site
):
    client.post(FORM_URL, answers(red_flags=[warning_sign(BLADDER)]))
    edit_sign(clinician, sign(BLADDER), wording="Wetting yourself", urgency="same_day")

    stored = AppointmentRequest.objects.get()
    assert stored.red_flags == [ticked(BLADDER, "emergency")]
    page = front_desk.get(reverse("appointment_requests:inspect", args=[stored.pk]))
    details = text_of(html(page).select_one(".appointment-request-details"))
    assert BLADDER in details and "Emergency" in details and "Wetting yourself" not in details


def test_the_history_of_a_sign_says_who_changed_it(clinician, clinic_site):
    bladder = sign(BLADDER)
    edit_sign(clinician, bladder, advice="Go to the emergency department now.")
    bladder.refresh_from_db()
    assert bladder.latest_revision.content["advice"] == "Go to the emergency department now."
    entry = ModelLogEntry.objects.for_instance(bladder).get(action="wagtail.edit")
    assert entry.user.username == "nell"


def test_a_clinician_adds_a_sign_and_the_form_asks_it(client, clinician, clinic_site):
    url = reverse("wagtailsnippets_safety_warningsign:add")
    data = {
        "wording": "Pain that wakes you at night",
        "urgency": "same_day",
        "advice": "See a doctor.",
    }
    assert clinician.post(url, {**data, "active": "on"}).status_code == 302
    labels = [text_of(label) for label in html(client.get(FORM_URL)).select(".warning-sign label")]
    assert labels == [NUMBNESS, BLADDER, FEVER, "Pain that wakes you at night"]


def test_a_clinician_reorders_the_list_and_the_history_says_who(client, clinician, clinic_site):
    bladder = sign(BLADDER)
    url = reverse("wagtailsnippets_safety_warningsign:reorder", args=[bladder.pk])
    assert clinician.post(f"{url}?position=0").status_code == 200

    labels = [text_of(label) for label in html(client.get(FORM_URL)).select(".warning-sign label")]
    assert labels == [BLADDER, NUMBNESS, FEVER]
    entry = ModelLogEntry.objects.for_instance(bladder).get(action="wagtail.reorder")
    assert entry.user.username == "nell"


@pytest.mark.parametrize("group", ["Front desk", "Editors"])
def test_only_clinicians_edit_the_list(clinic_site, group):
    browser = logged_in(make_user("pat", group))
    bladder = sign(BLADDER)
    edit_sign(browser, bladder, wording="Changed")
    assert sign(BLADDER).wording == BLADDER
    listing = browser.get(reverse("wagtailsnippets_safety_warningsign:list"))
    assert listing.status_code in (302, 403)


# Emails and the front desk


def test_the_front_desks_email_says_urgent_but_never_names_the_signs(
    client, clinic_site, mailoutbox, django_capture_on_commit_callbacks, settings
):
    from clinic.base.models import ClinicSettings

    ClinicSettings.objects.update(front_desk_email="desk@lumbar.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, answers(red_flags=[warning_sign(BLADDER)]))
    [desk] = [mail for mail in mailoutbox if mail.to == ["desk@lumbar.example"]]
    assert "URGENT" in desk.subject + desk.body
    for mail in mailoutbox:
        assert "bladder" not in (mail.subject + mail.body).lower()
        assert "working day" not in mail.body


# Requests stored before the list


def test_the_migration_turns_old_codes_into_the_words_the_form_showed(clinic_site):
    migration = importlib.import_module(
        "clinic.appointments.migrations.0010_red_flags_keep_the_wording"
    )
    old = make_appointment_request(red_flags=["bladder_bowel", "fever"], is_urgent=True)
    none = make_appointment_request(red_flags=[])

    migration.codes_to_wording(apps, None)
    old.refresh_from_db()
    assert old.red_flags == [
        ticked("New problems controlling your bladder or bowels", "emergency"),
        ticked("Fever, or feeling generally unwell, with your back pain", "same_day"),
    ]
    assert old.is_urgent and old.urgency == "emergency"
    none.refresh_from_db()
    assert none.red_flags == []

    migration.wording_to_codes(apps, None)
    old.refresh_from_db()
    assert old.red_flags == ["bladder_bowel", "fever"]
