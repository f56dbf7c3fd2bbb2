"""A patient asks for an appointment from a treatment page, without an account."""

import math
import re
import threading
import time

import pytest
from django.contrib.sessions.models import Session
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from clinic.appointments import ratelimit
from clinic.appointments.forms import CONSENT_VERSION, AppointmentRequestForm
from clinic.appointments.models import AppointmentRequest
from clinic.base.models import ClinicSettings
from clinic.people.models import Practitioner
from tests.appointment_data import answers, ticked, ticket, warning_sign
from tests.conftest import REVIEWER, WARNING_SIGNS, make_treatment
from tests.helpers import html, parse, text_of

pytestmark = pytest.mark.django_db

# The client and site fixtures are shared by the examples; each example posts a new form.
settings_for_fuzzing = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

FORM_URL = "/appointments/request/"
SENT_URL = "/appointments/request/sent/"
NUMBNESS, BLADDER, FEVER = (wording for wording, _urgency, _advice in WARNING_SIGNS)


def selected_treatment(response):
    option = html(response).select_one("select[name='treatment'] option[selected]")
    return option.get_text(strip=True) if option else None


# Getting to the form


def test_treatment_page_offers_an_appointment_for_that_treatment(client, clinic_site):
    soup = html(client.get("/treatments/joint-manipulation/"))
    link = soup.find("a", string=re.compile("Request an appointment for Joint manipulation"))
    assert link["href"] == "/appointments/request/?treatment=joint-manipulation"


def test_form_arrives_with_the_treatment_chosen(client, clinic_site):
    response = client.get(FORM_URL, {"treatment": "joint-manipulation"})
    assert selected_treatment(response) == "Joint manipulation"


def selected_practitioner(response):
    option = html(response).select_one("select[name='practitioner'] option[selected]")
    return option.get_text(strip=True) if option else None


def test_a_patient_can_ask_for_the_practitioner_whose_profile_they_read(
    client, clinic_site, admin_client
):
    practitioner = Practitioner.objects.get(name=REVIEWER)
    response = client.get(FORM_URL, {"practitioner": practitioner.slug})
    assert selected_practitioner(response).startswith(REVIEWER)

    client.post(FORM_URL, answers(practitioner=practitioner.pk))

    stored = AppointmentRequest.objects.get()
    assert stored.practitioner == practitioner
    inspect = admin_client.get(reverse("appointment_requests:inspect", args=[stored.pk]))
    assert REVIEWER in text_of(html(inspect))


@pytest.mark.parametrize("slug", ["nobody-here", "\x00", ""])
def test_an_unknown_practitioner_in_the_address_is_ignored(client, clinic_site, slug):
    response = client.get(FORM_URL, {"practitioner": slug})
    assert response.status_code == 200
    assert selected_practitioner(response) in (None, "No preference")


def test_the_form_lists_the_treatments_live_now_not_when_it_was_first_shown(client, clinic_site):
    def options():
        return [o.get_text(strip=True) for o in html(client.get(FORM_URL)).select("option")]

    assert "Exercise therapy" in options() and "Dry needling" not in options()
    make_treatment(clinic_site.treatment_index, "Dry needling")
    clinic_site.exercise.unpublish()
    assert "Dry needling" in options() and "Exercise therapy" not in options()


@pytest.mark.parametrize("slug", [None, "no-such-treatment", "exercise-therapy", "x" * 5000])
def test_form_without_a_valid_treatment_says_not_sure_yet(client, clinic_site, slug):
    clinic_site.exercise.unpublish()
    response = client.get(FORM_URL, {"treatment": slug} if slug else {})
    assert selected_treatment(response) in (None, "Not sure yet")
    options = [o.get_text(strip=True) for o in html(response).select("select option")]
    assert options[0] == "Not sure yet" and "Exercise therapy" not in options


def test_form_asks_for_consent_without_ticking_it(client, clinic_site):
    soup = html(client.get(FORM_URL))
    consent = soup.select_one("input[name='consent']")
    assert consent["type"] == "checkbox" and not consent.has_attr("checked")
    label = soup.find("label", attrs={"for": consent["id"]}).get_text()
    assert "health" in label and "arrange my appointment" in label


# Sending it


def test_valid_request_is_stored_and_confirmed_with_a_reference(client, clinic_site):
    response = client.post(FORM_URL, answers(treatment=clinic_site.joint.pk))
    assert response.status_code == 302 and response.url == SENT_URL

    stored = AppointmentRequest.objects.get()
    assert stored.treatment == clinic_site.joint
    assert stored.full_name == "Jamie Rivera"
    assert stored.preferred_days == ["mon", "wed"] and stored.preferred_times == ["morning"]
    assert stored.status == "new" and not stored.is_urgent
    assert stored.consent_version == CONSENT_VERSION and stored.consent_given_at
    assert re.fullmatch(r"LB-[2-9A-HJ-NP-Z]{6}", stored.reference)

    confirmation = client.get(SENT_URL)
    assert "no-store" in confirmation["Cache-Control"]
    text = text_of(html(confirmation))
    assert stored.reference in text and "What happens next" in text
    for detail in ["Jamie", "jamie@example.com", "555-0123", "lifted a box"]:
        assert detail not in confirmation.content.decode()


def test_references_differ_between_requests(client, clinic_site):
    for _ in range(3):
        client.post(FORM_URL, answers(ticket=ticket()))
    assert len(set(AppointmentRequest.objects.values_list("reference", flat=True))) == 3


def test_warning_sign_puts_urgent_care_first_and_marks_the_request_urgent(client, clinic_site):
    client.post(FORM_URL, answers(red_flags=[warning_sign(BLADDER)]))
    stored = AppointmentRequest.objects.get()
    assert stored.is_urgent and stored.red_flags == [ticked(BLADDER, "emergency")]

    soup = html(client.get(SENT_URL))
    main = soup.select_one("main")
    first_heading = main.find(["h1", "h2"])
    assert first_heading.get_text(strip=True) == "Get emergency help now"
    assert main.select_one(".urgent-care--now a[href='tel:911']")
    assert "the front desk will call you first" in text_of(main)
    assert "Call 911 if you cannot feel your legs." in text_of(main)


def test_double_submit_stores_one_request(client, clinic_site):
    same = answers()
    first = client.post(FORM_URL, same)
    second = client.post(FORM_URL, same)
    assert first.status_code == second.status_code == 302
    assert AppointmentRequest.objects.count() == 1
    assert AppointmentRequest.objects.get().reference in text_of(html(client.get(SENT_URL)))


def test_each_patient_is_confirmed_with_their_own_reference(clinic_site):
    patients = [Client(), Client()]
    for number, patient in enumerate(patients):
        patient.post(
            FORM_URL, answers(ticket=ticket(), red_flags=[warning_sign(FEVER)] if number else [])
        )
    for patient, stored in zip(patients, AppointmentRequest.objects.order_by("pk"), strict=True):
        main = html(patient.get(SENT_URL)).select_one("main")
        assert main.select_one(".reference").get_text() == stored.reference
        assert (main.select_one(".urgent-care") is not None) == stored.is_urgent
    assert [r.is_urgent for r in AppointmentRequest.objects.order_by("pk")] == [False, True]


def test_refreshing_the_confirmation_stores_nothing_more(client, clinic_site):
    client.post(FORM_URL, answers())
    for _ in range(2):
        assert client.get(SENT_URL).status_code == 200
    assert AppointmentRequest.objects.count() == 1


def test_confirmation_without_a_request_goes_back_to_the_form(client, clinic_site):
    response = client.get(SENT_URL)
    assert response.status_code == 302 and response.url == FORM_URL


def test_a_forged_confirmation_cookie_goes_back_to_the_form(client, clinic_site):
    client.post(FORM_URL, answers())
    reference = AppointmentRequest.objects.get().reference
    stranger = Client()
    stranger.cookies["appointment_sent"] = reference  # the reference, but not signed by us
    response = stranger.get(SENT_URL)
    assert response.status_code == 302 and response.url == FORM_URL


def test_the_form_and_the_confirmation_cost_a_few_queries(client, clinic_site):
    """The form reads the Site, the clinic's details, the menu (and, once, the sites' root
    paths that its addresses are made from), the warning signs, the live treatments, the
    locations (the question's choices, and the footer's addresses) and the practitioners; the
    confirmation finds the reference in its cookie (and reads the footer's as well)."""
    with CaptureQueriesContext(connection) as form_queries:
        assert client.get(FORM_URL).status_code == 200
    assert len(form_queries) <= 9
    client.post(FORM_URL, answers())
    with CaptureQueriesContext(connection) as sent_queries:
        text = text_of(html(client.get(SENT_URL)))
    assert AppointmentRequest.objects.get().reference in text
    assert len(sent_queries) <= 4


def test_a_patient_gets_no_session_only_a_cookie_for_the_confirmation_page(client, clinic_site):
    response = client.post(FORM_URL, answers())
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()
    cookie = response.cookies["appointment_sent"]
    assert cookie["path"] == SENT_URL and cookie["httponly"] and cookie["samesite"] == "Lax"


# Bad input


def test_empty_form_lists_every_problem_and_stores_nothing(client, clinic_site):
    response = client.post(FORM_URL, {"ticket": ticket()})
    soup = html(response)
    summary = text_of(soup.select_one(".error-summary"))
    for message in [
        "Enter your full name.",
        "Enter your email address.",
        "Enter a phone number we can call.",
        "Choose how we should contact you.",
        "Tell us whether you have been here before.",
        "Tick the box to agree",
    ]:
        assert message in summary
    assert soup.select_one("#id_full_name")["aria-invalid"] == "true"
    assert not AppointmentRequest.objects.exists()


def test_bad_answers_come_back_with_everything_typed_kept(client, clinic_site):
    data = answers(email="not-an-email", consent="", treatment=clinic_site.joint.pk)
    soup = html(client.post(FORM_URL, data))
    assert "Enter an email address like name@example.com." in text_of(soup)
    assert soup.select_one("#id_full_name")["value"] == "Jamie Rivera"
    assert soup.select_one("#id_email")["value"] == "not-an-email"
    assert soup.select_one("#id_phone")["value"] == "(503) 555-0123"
    assert soup.select_one("#id_message").get_text().strip() == data["message"]
    assert selected_treatment_soup(soup) == "Joint manipulation"
    checked = {i["value"] for i in soup.select("input[name='preferred_days'][checked]")}
    assert checked == {"mon", "wed"}
    assert not AppointmentRequest.objects.exists()


def selected_treatment_soup(soup):
    return soup.select_one("select[name='treatment'] option[selected]").get_text(strip=True)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("message", "a" * 1001, "at most 1000 characters"),
        ("full_name", "Jamie\x00Rivera", "Null characters are not allowed."),
        ("message", "pain\x1b[31m", "unusual invisible characters"),
        ("phone", "call me maybe", "Enter a phone number we can call"),
        ("full_name", "J" * 121, "at most 120 characters"),
        ("preferred_days", ["someday"], "Select a valid choice."),
        ("red_flags", ["headache"], "Select a valid choice."),
        ("red_flags", ["99999999999999999999999"], "Select a valid choice."),
        ("treatment", "999999", "Select a valid choice."),
    ],
)
def test_invalid_answers_are_explained(client, clinic_site, field, value, message):
    response = client.post(FORM_URL, answers(**{field: value}))
    assert response.status_code == 200
    assert message in text_of(html(response))
    assert not AppointmentRequest.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("full_name", "Jamie\x1bRivera"),
        ("full_name", "Jamie\nRivera"),  # no line break fits in a one-line box
        ("email", '"a\x01b"@example.com'),  # a quoted local part allows them
        ("email", '"a\\\tb"@example.com'),
        ("phone", "(503)\n555-0123"),
        ("phone", "(503) 555-0123\x7f"),
        ("message", "It hurts\x07"),
        ("message", "pain\x9b31m"),
    ],
)
def test_control_characters_are_refused_in_every_answer(client, clinic_site, field, value):
    soup = html(client.post(FORM_URL, answers(**{field: value})))
    assert "Remove the unusual invisible characters" in text_of(soup.select_one(".error-summary"))
    assert soup.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert not AppointmentRequest.objects.exists()


def test_a_message_keeps_its_line_breaks(client, clinic_site):
    message = "It started on Monday.\r\n\tIt is worse at night."
    client.post(FORM_URL, answers(message=message))
    assert AppointmentRequest.objects.get().message == message


def test_each_ticked_box_is_stored_once_however_often_it_is_posted(client, clinic_site):
    client.post(
        FORM_URL,
        answers(
            preferred_days=["wed", "mon"] * 2500,
            preferred_times=["morning"] * 2000,
            red_flags=[warning_sign(FEVER), warning_sign(NUMBNESS)] * 1000 + [warning_sign(FEVER)],
        ),
    )
    stored = AppointmentRequest.objects.get()
    assert stored.preferred_days == ["mon", "wed"]
    assert stored.preferred_times == ["morning"]
    # In the form's order: the emergency first.
    assert stored.red_flags == [ticked(NUMBNESS, "emergency"), ticked(FEVER, "same_day")]


def test_posted_fields_the_form_does_not_ask_for_are_ignored(client, clinic_site):
    client.post(
        FORM_URL,
        answers(
            status="booked",
            is_urgent="on",
            reference="LB-AAAAAA",
            note="VIP",
            spam_reason="",
            consent_version="0",
        ),
    )
    stored = AppointmentRequest.objects.get()
    assert stored.status == "new" and not stored.is_urgent
    assert stored.reference != "LB-AAAAAA" and not stored.notes.exists()
    assert stored.consent_version == CONSENT_VERSION


@pytest.mark.parametrize("bad_ticket", ["", "forged", ticket(seconds_ago=3 * 24 * 3600)])
def test_stale_or_forged_form_asks_to_send_again_with_answers_kept(
    client, clinic_site, settings, bad_ticket
):
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0  # the new ticket is sent at once
    soup = html(client.post(FORM_URL, answers(ticket=bad_ticket)))
    assert not AppointmentRequest.objects.exists()
    if bad_ticket:
        assert "send it again" in text_of(soup)
    assert soup.select_one("#id_full_name")["value"] == "Jamie Rivera"
    fresh = soup.select_one("input[name='ticket']")["value"]
    assert fresh != bad_ticket
    client.post(FORM_URL, answers(ticket=fresh))
    assert AppointmentRequest.objects.count() == 1


# Spam and abuse


def test_csrf_is_enforced_with_a_friendly_page(clinic_site):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(FORM_URL, answers())
    assert response.status_code == 403
    assert "Your form could not be sent" in text_of(parse(response))
    assert not AppointmentRequest.objects.exists()

    token = html(browser.get(FORM_URL)).select_one("input[name='csrfmiddlewaretoken']")["value"]
    assert browser.post(FORM_URL, answers(csrfmiddlewaretoken=token)).status_code == 302
    assert AppointmentRequest.objects.count() == 1


def test_each_patient_gets_their_own_token_and_ticket_on_the_form_kept_for_all(
    clinic_site, settings
):
    """The blank form's page is rendered once and kept; what makes a post one patient's own
    is filled in for each of them."""
    settings.APPOINTMENT_MIN_FILL_SECONDS = 0  # each form is sent as soon as it is shown
    opened = []
    for _ in range(2):
        browser = Client(enforce_csrf_checks=True)
        form = html(browser.get(FORM_URL))
        token = form.select_one("input[name='csrfmiddlewaretoken']")["value"]
        opened.append((browser, token, form.select_one("input[name='ticket']")["value"]))
    (first, first_token, first_ticket), (second, second_token, second_ticket) = opened
    assert first_token != second_token and first_ticket != second_ticket

    # A ticket is a request's identity: the same one twice would store one request.
    second_answers = answers(csrfmiddlewaretoken=second_token, ticket=second_ticket)
    assert second.post(FORM_URL, second_answers).status_code == 302
    first_answers = answers(csrfmiddlewaretoken=first_token, ticket=first_ticket)
    assert first.post(FORM_URL, first_answers).status_code == 302
    assert AppointmentRequest.objects.count() == 2


@pytest.mark.parametrize("seconds_ago", [30, 0])
def test_filled_honeypot_is_kept_as_spam_without_a_word(client, clinic_site, seconds_ago):
    data = answers(website="http://cheap-pills.example", ticket=ticket(seconds_ago=seconds_ago))
    response = client.post(FORM_URL, data, follow=True)
    assert "We have your request" in text_of(html(response))
    stored = AppointmentRequest.objects.get()
    assert stored.status == "spam" and stored.spam_reason == "honeypot"


def test_a_form_sent_too_fast_is_shown_again_to_check_and_send(
    client, clinic_site, settings, monkeypatch
):
    # Autofill can fill in the whole form in a second.
    settings.APPOINTMENT_MIN_FILL_SECONDS = 3
    fast = answers(ticket=ticket(seconds_ago=1), treatment=clinic_site.joint.pk)
    soup = html(client.post(FORM_URL, fast))
    assert not AppointmentRequest.objects.exists()
    assert "Please check them and press “Send my request” again." in text_of(
        soup.select_one(".error-summary")
    )
    assert soup.select_one("#id_full_name")["value"] == "Jamie Rivera"
    assert soup.select_one("#id_message").get_text().strip() == fast["message"]
    assert selected_treatment_soup(soup) == "Joint manipulation"
    checked = {i["value"] for i in soup.select("input[name='preferred_days'][checked]")}
    assert checked == {"mon", "wed"}
    fresh = soup.select_one("input[name='ticket']")["value"]
    assert fresh != fast["ticket"]

    # Reading the message and pressing the button again takes the patient a few seconds.
    later = time.time() + 4
    monkeypatch.setattr(time, "time", lambda: later)
    response = client.post(FORM_URL, {**fast, "ticket": fresh}, follow=True)
    assert "We have your request" in text_of(html(response))
    stored = AppointmentRequest.objects.get()
    assert stored.status == "new" and stored.spam_reason == ""
    assert stored.treatment == clinic_site.joint


def test_the_honeypot_is_hidden_from_people(client, clinic_site):
    soup = html(client.get(FORM_URL))
    honeypot = soup.select_one("input[name='website']")
    assert honeypot["tabindex"] == "-1"
    assert honeypot.find_parent(class_="honeypot")["aria-hidden"] == "true"


def test_too_many_requests_from_one_address_get_a_friendly_429(client, clinic_site, settings):
    settings.APPOINTMENT_RATE_LIMIT = 2
    for _ in range(2):
        assert client.post(FORM_URL, answers(ticket=ticket())).status_code == 302
    refused = client.post(FORM_URL, answers(ticket=ticket()))
    assert refused.status_code == 429
    text = text_of(parse(refused))
    assert "555-0100" in text and "This request was not sent." in text
    # The wait left in this hour's window, in seconds for the browser and minutes for people.
    retry_after = int(refused["Retry-After"])
    assert 0 < retry_after <= 3600
    assert f"send the form again in {math.ceil(retry_after / 60)} minute" in text
    # Behind a shared address the earlier requests may be someone else's.
    assert "earlier requests" not in text and "from you" not in text
    assert AppointmentRequest.objects.count() == 2

    other = client.post(FORM_URL, answers(ticket=ticket()), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_simultaneous_posts_from_one_address_cannot_overshoot_the_limit(
    clinic_site, settings, monkeypatch
):
    settings.APPOINTMENT_RATE_LIMIT = 2
    posts = 6
    # The posts share the test's database connection (so they see its data), taking turns
    # with it, except that each lets the others go on while it waits in the form's checks
    # for all of them to get there: every post is past the checks before any is counted or
    # stored, as if they had all arrived at once.
    turn = threading.Lock()
    together = threading.Barrier(posts, timeout=10)
    clean = AppointmentRequestForm.clean

    def clean_together(form):
        turn.release()
        together.wait()
        turn.acquire()
        return clean(form)

    monkeypatch.setattr(AppointmentRequestForm, "clean", clean_together)
    statuses = []
    shared = connections[DEFAULT_DB_ALIAS]

    def post():
        connections[DEFAULT_DB_ALIAS] = shared
        with turn:
            statuses.append(Client().post(FORM_URL, answers(ticket=ticket())).status_code)

    shared.inc_thread_sharing()
    try:
        threads = [threading.Thread(target=post) for _ in range(posts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=20)
    finally:
        shared.dec_thread_sharing()
    assert sorted(statuses) == [302, 302, 429, 429, 429, 429]
    assert AppointmentRequest.objects.count() == 2


def test_the_limit_counts_simultaneous_submissions_one_by_one(settings):
    settings.APPOINTMENT_RATE_LIMIT = 5
    submissions = 40
    together = threading.Barrier(submissions, timeout=10)
    admitted = []

    def submit():
        together.wait()
        admitted.append(ratelimit.admit(RequestFactory().post(FORM_URL)) is None)

    threads = [threading.Thread(target=submit) for _ in range(submissions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert admitted.count(True) == 5 and admitted.count(False) == 35


def test_sending_the_same_form_twice_counts_once(client, clinic_site, settings):
    settings.APPOINTMENT_RATE_LIMIT = 2
    same = answers(ticket=ticket())
    assert client.post(FORM_URL, same).status_code == 302
    assert client.post(FORM_URL, same).status_code == 302  # a double click
    assert client.post(FORM_URL, answers(ticket=ticket())).status_code == 302
    assert AppointmentRequest.objects.count() == 2


def test_a_forged_forwarded_for_header_does_not_dodge_the_limit(client, clinic_site, settings):
    settings.APPOINTMENT_RATE_LIMIT = 1
    client.post(FORM_URL, answers(ticket=ticket()))
    refused = client.post(FORM_URL, answers(ticket=ticket()), HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert refused.status_code == 429


def test_behind_a_trusted_proxy_the_limit_follows_the_real_client(client, clinic_site, settings):
    settings.APPOINTMENT_RATE_LIMIT = 1
    settings.TRUSTED_PROXY_COUNT = 1
    first = client.post(FORM_URL, answers(ticket=ticket()), HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = client.post(FORM_URL, answers(ticket=ticket()), HTTP_X_FORWARDED_FOR="198.51.100.2")
    again = client.post(FORM_URL, answers(ticket=ticket()), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert (first.status_code, second.status_code, again.status_code) == (302, 302, 429)


# Whatever is thrown at it

# Every field the form reads, the hidden ones included.
FIELDS = list(AppointmentRequestForm.base_fields)


@settings_for_fuzzing
@given(
    values=st.dictionaries(
        st.sampled_from(FIELDS),
        st.one_of(st.text(max_size=2000), st.lists(st.text(max_size=50), max_size=5)),
    )
)
def test_arbitrary_answers_never_break_the_form(client, clinic_site, settings, values):
    settings.APPOINTMENT_RATE_LIMIT = 10**6
    response = client.post(FORM_URL, answers(**values))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert html(response).select_one("form.appointment-form")


@settings_for_fuzzing
@given(query=st.text(max_size=300))
@example(query="\x00")  # PostgreSQL refuses a NUL in a query
def test_arbitrary_treatment_in_the_address_never_breaks_the_form(client, clinic_site, query):
    assert client.get(FORM_URL, {"treatment": query}).status_code == 200


@pytest.mark.parametrize("treatment", ["99999999999999999999999", "-1", "1.5", "1e9", "\x00"])
def test_nonsense_treatment_numbers_are_explained(client, clinic_site, treatment):
    response = client.post(FORM_URL, answers(treatment=treatment))
    assert response.status_code == 200
    assert not AppointmentRequest.objects.exists()


def test_sending_the_form_emails_the_front_desk_and_the_patient(
    client, clinic_site, mailoutbox, django_capture_on_commit_callbacks
):
    ClinicSettings.objects.update(front_desk_email="desk@lumbar.example")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            FORM_URL, answers(red_flags=[warning_sign(FEVER)], treatment=clinic_site.joint.pk)
        )
    stored = AppointmentRequest.objects.get()
    assert sorted(mail.to[0] for mail in mailoutbox) == ["desk@lumbar.example", "jamie@example.com"]
    for mail in mailoutbox:
        assert stored.reference in mail.subject + mail.body
        assert "lifted a box" not in mail.body and "Fever" not in mail.body
    stored.refresh_from_db()
    assert stored.front_desk_notified_at and stored.patient_notified_at


def test_spam_emails_nobody(client, clinic_site, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FORM_URL, answers(website="spam"))
    assert mailoutbox == []


def test_patient_is_confirmed_even_when_email_fails(
    client, clinic_site, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.appointment_data.BrokenEmailBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, answers())
    assert response.status_code == 302
    stored = AppointmentRequest.objects.get()
    assert stored.reference in text_of(html(client.get(SENT_URL)))
    assert stored.front_desk_notified_at is None and stored.patient_notified_at is None
