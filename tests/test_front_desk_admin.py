"""The front desk works appointment requests in the Wagtail admin; nobody else sees them."""

import csv
import datetime
import io
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.search.index import class_is_indexed

from clinic.appointments.models import AppointmentRequest
from clinic.appointments.viewsets import appointment_request_viewset
from tests.appointment_data import answers, make_appointment_request
from tests.helpers import html, logged_in, make_user, text_of

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
INDEX_URL = "/admin/appointment-requests/"


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def front_desk_user(clinic_site):
    return make_user("dana", "Front desk", first_name="Dana", last_name="Desk")


@pytest.fixture
def front_desk(front_desk_user):
    return logged_in(front_desk_user)


@pytest.fixture
def superuser(clinic_site):
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    return logged_in(user)


@pytest.fixture
def inbox(clinic_site):
    """Two new requests (one urgent), one being worked, one booked, one spam."""
    return {
        "old_new": make_appointment_request(
            full_name="Olga Older",
            email="olga@example.com",
            phone="555-0101",
            treatment=clinic_site.joint,
            created_at=days_ago(3),
        ),
        "urgent": make_appointment_request(
            full_name="Ulla Urgent",
            email="ulla@example.com",
            phone="555-0102",
            red_flags=[
                {"wording": "Numbness around the groin or buttocks", "urgency": "emergency"},
                {"wording": "Fever with your back pain", "urgency": "same_day"},
            ],
            is_urgent=True,
            treatment=clinic_site.exercise,
            created_at=days_ago(2),
        ),
        "contacted": make_appointment_request(
            full_name="Carl Contacted",
            email="carl@example.com",
            phone="555-0103",
            status=AppointmentRequest.Status.CONTACTED,
            created_at=days_ago(1),
        ),
        "booked": make_appointment_request(
            full_name="Bea Booked",
            email="bea@example.com",
            phone="555-0104",
            treatment=clinic_site.joint,
            status=AppointmentRequest.Status.BOOKED,
            created_at=days_ago(10),
        ),
        "spam": make_appointment_request(
            full_name="Sam Spammer",
            email="sam@example.com",
            phone="555-0105",
            status=AppointmentRequest.Status.SPAM,
            created_at=days_ago(0),
        ),
    }


def listed_references(response):
    soup = html(response)
    return [a.get_text(strip=True) for a in soup.select("tbody td.title .title-wrapper a")]


def references(*appointment_requests):
    return [r.reference for r in appointment_requests]


def download(response):
    return b"".join(response.streaming_content)


def csv_rows(response):
    return list(csv.reader(io.StringIO(download(response).decode("utf-8"))))


def feature_urls(appointment_request):
    """Every URL of the feature: each view the viewset registers, the exports, and where a
    create view would be."""
    urls = []
    for pattern in appointment_request_viewset.get_urlpatterns():
        name = appointment_request_viewset.get_url_name(pattern.name)
        args = [appointment_request.pk] if pattern.pattern.converters else []
        urls.append(reverse(name, args=args))
    index = reverse("appointment_requests:index")
    return [*urls, f"{index}?export=csv", f"{index}?export=xlsx", f"{index}new/"]


# The menu and the dashboard


def test_front_desk_sees_the_menu_item_with_the_count_of_new_requests(front_desk, inbox):
    response = front_desk.get("/admin/")
    # New ones only: not the one being worked, not the booked one, not spam.
    assert "Appointment requests (2 new)" in response.content.decode()


def matches(client, query):
    """What a filtered listing says it found ("There are 2 matches" gives 2)."""
    heading = html(client.get(f"{INDEX_URL}?{query}")).select_one("h2[role=alert]")
    return int(re.search(r"\d+", heading.get_text()).group()) if heading else 0


def new_in_menu(client):
    found = re.search(r"Appointment requests \((\d+) new\)", client.get("/admin/").text)
    return int(found.group(1)) if found else 0


def test_listing_and_menu_counts_follow_every_change(superuser, inbox, clinic_site):
    assert (matches(superuser, "status=new"), new_in_menu(superuser)) == (2, 2)

    assert Client().post("/appointments/request/", answers()).status_code == 302
    assert (matches(superuser, "status=new"), new_in_menu(superuser)) == (3, 3)

    edit_url = reverse("appointment_requests:edit", args=[inbox["old_new"].pk])
    assert superuser.post(edit_url, edit_form(status="spam")).status_code == 302
    assert (matches(superuser, "status=new"), new_in_menu(superuser)) == (2, 2)
    assert matches(superuser, "status=spam") == 2

    delete_url = reverse("appointment_requests:delete", args=[inbox["contacted"].pk])
    assert superuser.post(delete_url).status_code == 302
    assert matches(superuser, "status=open") == 2

    # A deleted treatment's requests are listed under "Not sure yet".
    assert matches(superuser, "treatment=null") == 1
    treatment_delete_url = reverse("wagtailadmin_pages:delete", args=[clinic_site.joint.pk])
    assert superuser.post(treatment_delete_url).status_code == 302
    assert matches(superuser, "treatment=null") == 2


def test_dashboard_panel_shows_new_urgent_and_oldest_waiting(front_desk, inbox):
    soup = html(front_desk.get("/admin/"))
    panel = text_of(soup.select_one("#appointment-requests-section"))
    assert "2 new requests" in panel
    assert "1 urgent, still open" in panel
    assert "Oldest waiting: 3 days" in panel
    assert soup.select_one(f"a[href='{INDEX_URL}?status=new']")


def test_dashboard_panel_says_nothing_waits_when_the_inbox_is_empty(front_desk):
    panel = text_of(html(front_desk.get("/admin/")).select_one("#appointment-requests-section"))
    assert "0 new requests" in panel
    assert "Oldest waiting" not in panel


# The listing


def test_listing_puts_urgent_requests_first_then_the_newest(front_desk, inbox):
    assert listed_references(front_desk.get(INDEX_URL)) == references(
        inbox["urgent"], inbox["contacted"], inbox["old_new"], inbox["booked"]
    )


def test_listing_shows_name_treatment_urgency_status_and_handler(front_desk, inbox):
    inbox["contacted"].handled_by = get_user_model().objects.get(username="dana")
    inbox["contacted"].save()
    soup = html(front_desk.get(INDEX_URL))
    headers = [text_of(th) for th in soup.select("thead th")]
    for heading in ["Reference", "Name", "Treatment", "Urgent", "Status", "Received", "Handled by"]:
        assert heading in headers
    rows = {text_of(row) for row in soup.select("tbody tr")}
    assert any(
        "Ulla Urgent" in row and "Exercise therapy" in row and "Urgent" in row for row in rows
    )
    assert any(
        "Carl Contacted" in row and "Not sure yet" in row and "Dana Desk" in row for row in rows
    )
    assert any("Olga Older" in row and "Urgent" not in row for row in rows)


def test_listing_highlights_new_requests_and_flags_urgent_ones(front_desk, inbox):
    soup = html(front_desk.get(INDEX_URL))
    tags = {
        row.select_one("td.title a").get_text(strip=True): [
            (text_of(tag), "w-status--primary" in tag["class"]) for tag in row.select(".w-status")
        ]
        for row in soup.select("tbody tr")
    }
    # Both new ones have waited days, past the clinic's promise (test_front_desk_work_queue.py).
    assert tags == {
        inbox["urgent"].reference: [("Urgent", True), ("New", True), ("Waiting too long", True)],
        inbox["old_new"].reference: [("New", True), ("Waiting too long", True)],
        inbox["contacted"].reference: [("Contacted", False)],
        inbox["booked"].reference: [("Booked", False)],
    }


@pytest.mark.parametrize(
    ("who", "linked_view", "menu"),
    [
        ("front desk", "edit", ["Edit", "Inspect"]),
        ("view only", "inspect", ["Inspect"]),
        ("superuser", "edit", ["Edit", "Inspect", "Delete"]),
    ],
)
def test_each_reference_opens_the_request_as_far_as_the_user_may_go(
    front_desk, superuser, inbox, who, linked_view, menu
):
    client = {"front desk": front_desk, "superuser": superuser}.get(who)
    if who == "view only":
        group = Group.objects.create(name="Readers")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(codename="view_appointmentrequest"),
        )
        client = logged_in(make_user("reader", "Readers"))
    appointment_request = inbox["urgent"]
    soup = html(client.get(INDEX_URL))
    [title] = [
        cell
        for cell in soup.select("tbody td.title")
        if cell.select_one("a").get_text(strip=True) == appointment_request.reference
    ]
    url = reverse(f"appointment_requests:{linked_view}", args=[appointment_request.pk])
    assert title.select_one(".title-wrapper a")["href"] == url
    entries = title.select(".w-dropdown__content a")
    assert [text_of(entry) for entry in entries] == menu
    for entry in entries:
        assert client.get(entry["href"]).status_code == 200


def test_listing_hides_spam_unless_the_status_filter_asks_for_it(front_desk, inbox):
    assert inbox["spam"].reference not in listed_references(front_desk.get(INDEX_URL))
    assert listed_references(front_desk.get(INDEX_URL, {"status": "spam"})) == references(
        inbox["spam"]
    )
    # A broken filter falls back to the inbox, never to everything.
    response = front_desk.get(INDEX_URL, {"received_from": "not a date"})
    assert inbox["spam"].reference not in listed_references(response)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "new"}, ["urgent", "old_new"]),
        ({"status": "open"}, ["urgent", "contacted", "old_new"]),
        ({"status": "booked"}, ["booked"]),
        ({"urgent": "true"}, ["urgent"]),
        ({"urgent": "false"}, ["contacted", "old_new", "booked"]),
        ({"treatment": "null"}, ["contacted"]),
    ],
)
def test_listing_filters_by_status_urgency_and_treatment(front_desk, inbox, query, expected):
    response = front_desk.get(INDEX_URL, query)
    assert listed_references(response) == references(*(inbox[key] for key in expected))


def test_listing_filters_by_treatment(front_desk, inbox, clinic_site):
    response = front_desk.get(INDEX_URL, {"treatment": clinic_site.joint.pk})
    assert listed_references(response) == references(inbox["old_new"], inbox["booked"])


def test_listing_filters_by_the_date_received(front_desk, inbox):
    today = timezone.localdate()
    query = {
        "received_from": (today - datetime.timedelta(days=12)).isoformat(),
        "received_to": (today - datetime.timedelta(days=5)).isoformat(),
    }
    assert listed_references(front_desk.get(INDEX_URL, query)) == references(inbox["booked"])


@pytest.mark.parametrize(
    "search_term",
    [
        lambda request: "ulla urg",  # part of the name, any case
        lambda request: "ULLA@example",
        lambda request: "555-0102",
        lambda request: "0102",
        lambda request: request.reference,
        lambda request: request.reference.lower(),
    ],
    ids=["name", "email", "phone", "part of phone", "reference", "reference lower case"],
)
def test_search_finds_a_request_by_name_email_phone_or_reference(front_desk, inbox, search_term):
    term = search_term(inbox["urgent"])
    assert listed_references(front_desk.get(INDEX_URL, {"q": term})) == [inbox["urgent"].reference]


def test_search_lists_urgent_matches_first_then_the_newest(front_desk, inbox):
    # Every request in the inbox has an @example.com address.
    assert listed_references(front_desk.get(INDEX_URL, {"q": "example.com"})) == references(
        inbox["urgent"], inbox["contacted"], inbox["old_new"], inbox["booked"]
    )


def test_search_uses_the_database_not_the_search_index():
    # Patient details are never copied into Wagtail's search index.
    assert not class_is_indexed(AppointmentRequest)
    assert appointment_request_viewset.search_backend_name is None


def test_listing_shows_25_requests_a_page(front_desk, clinic_site):
    for n in range(26):
        make_appointment_request(email=f"p{n}@example.com", created_at=days_ago(n))
    assert len(listed_references(front_desk.get(INDEX_URL))) == 25
    assert len(listed_references(front_desk.get(INDEX_URL, {"p": 2}))) == 1


# Export


def test_csv_export_has_a_row_for_each_request_in_the_listing(front_desk, inbox):
    response = front_desk.get(INDEX_URL, {"export": "csv", "status": "open"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert ".csv" in response["Content-Disposition"]
    header, *rows = csv_rows(response)
    assert header[:4] == ["Reference", "Received", "Status", "Urgent"]
    assert "Full name" in header and "Phone" in header
    assert [row[0] for row in rows] == references(
        inbox["urgent"], inbox["contacted"], inbox["old_new"]
    )
    urgent = dict(zip(header, rows[0], strict=True))
    assert urgent["Full name"] == "Ulla Urgent"
    assert urgent["Email"] == "ulla@example.com"
    assert urgent["Urgent"] == "Yes"
    assert urgent["Status"] == "New"
    assert urgent["Treatment"] == "Exercise therapy"
    # The message and the warning signs stay in the admin.
    assert "My back hurts" not in download(front_desk.get(INDEX_URL, {"export": "csv"})).decode()


def test_xlsx_export_has_a_row_for_each_request(front_desk, inbox):
    response = front_desk.get(INDEX_URL, {"export": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(download(response))).active
    header, *rows = list(sheet.values)
    assert header[0] == "Reference"
    assert [row[0] for row in rows] == references(
        inbox["urgent"], inbox["contacted"], inbox["old_new"], inbox["booked"]
    )
    assert "Ulla Urgent" in rows[0]


def test_csv_export_keeps_formulas_from_running_in_a_spreadsheet(front_desk, clinic_site):
    make_appointment_request(full_name='=HYPERLINK("http://evil.example","Click")')
    header, row = csv_rows(front_desk.get(INDEX_URL, {"export": "csv"}))
    assert dict(zip(header, row, strict=True))["Full name"].startswith("'=")


def test_exports_of_rows_holding_control_characters_open(front_desk, clinic_site):
    # Stored before the form refused them (or by anything else that writes rows).
    make_appointment_request(
        full_name="Jamie\x01Rivera\x1b[31m", email='"a\x0bb"@example.com', phone="555\x850147"
    )
    csv_response = front_desk.get(INDEX_URL, {"export": "csv"})
    xlsx_response = front_desk.get(INDEX_URL, {"export": "xlsx"})
    assert (csv_response.status_code, xlsx_response.status_code) == (200, 200)

    header, row = csv_rows(csv_response)
    from_csv = dict(zip(header, row, strict=True))
    sheet = load_workbook(io.BytesIO(download(xlsx_response))).active
    header, row = list(sheet.values)
    from_xlsx = dict(zip(header, row, strict=True))
    for exported in [from_csv, from_xlsx]:
        assert exported["Full name"] == "Jamie\ufffdRivera\ufffd[31m"
        assert exported["Email"] == '"a\ufffdb"@example.com'
        assert exported["Phone"] == "555\ufffd0147"


def test_export_needs_the_export_permission(clinic_site, inbox):
    # Viewing and changing requests does not let a user take them away in a file.
    group = Group.objects.create(name="Viewers")
    group.permissions.set(
        Group.objects.get(name="Front desk").permissions.exclude(
            codename="export_appointmentrequest"
        )
    )
    client = logged_in(make_user("viewer", "Viewers"))
    listing = client.get(INDEX_URL)
    assert listing.status_code == 200
    assert "Download CSV" not in listing.content.decode()
    assert "export=csv" not in listing.content.decode()
    for export_format in ["csv", "xlsx"]:
        response = client.get(INDEX_URL, {"export": export_format})
        assert response.status_code in (302, 403)
        assert "Ulla" not in response.content.decode()


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_each_export_is_recorded_with_who_the_format_filters_and_rows_but_no_search_text(
    front_desk, front_desk_user, superuser, inbox, export_format
):
    query = {"export": export_format, "status": "open", "urgent": "true", "q": "Ulla"}
    response = front_desk.get(INDEX_URL, query)
    assert response.status_code == 200
    download(response)

    [entry] = ModelLogEntry.objects.filter(action="appointments.exported")
    assert entry.user == front_desk_user
    assert entry.timestamp > timezone.now() - datetime.timedelta(minutes=1)
    assert entry.data == {
        "format": export_format,
        "filters": {"Status": "Open (new or contacted)", "Urgent": "True"},
        "searched": True,
        "rows": 1,
    }
    # What was searched for (here a patient's name) stays out of the log.
    assert "Ulla" not in json.dumps(entry.data) + entry.label + str(entry.message)

    site_history = html(superuser.get("/admin/reports/site-history/"))
    row = text_of(site_history.select_one("tbody tr"))
    assert f"Exported 1 request as {export_format.upper()}" in row
    assert "Status: Open (new or contacted)" in row and "with a search" in row
    assert "Dana Desk" in row
    assert "Ulla" not in text_of(site_history)


def test_an_unfiltered_export_is_recorded_with_every_row(front_desk, inbox):
    download(front_desk.get(INDEX_URL, {"export": "csv"}))
    [entry] = ModelLogEntry.objects.filter(action="appointments.exported")
    assert entry.data == {"format": "csv", "filters": {}, "searched": False, "rows": 4}


def test_viewing_the_listing_records_no_export(front_desk, inbox):
    front_desk.get(INDEX_URL, {"status": "open"})
    assert not ModelLogEntry.objects.filter(action="appointments.exported").exists()


def test_front_desk_sees_the_export_buttons(front_desk, inbox):
    content = front_desk.get(INDEX_URL).content.decode()
    assert "Download CSV" in content
    assert "Download XLSX" in content


# A request's page and its history


def test_inspect_shows_every_detail_with_urgency_first(front_desk, inbox):
    appointment_request = inbox["urgent"]
    appointment_request.preferred_days = ["mon", "thu"]
    appointment_request.preferred_times = ["morning"]
    appointment_request.save()
    appointment_request.notes.create(text="Called once, no answer.")
    url = reverse("appointment_requests:inspect", args=[appointment_request.pk])
    soup = html(front_desk.get(url))
    page = text_of(soup.select_one("main"))
    assert page.index("Urgent:") < page.index("Ulla Urgent")
    for detail in [
        appointment_request.reference,
        "Ulla Urgent",
        "ulla@example.com",
        "555-0102",
        "Phone call",
        "Monday, Thursday",
        "Morning (8–12)",
        "New patient",
        "My back hurts when I lift my daughter",
        "Numbness around the groin or buttocks (Emergency: call the emergency number now)",
        "Fever with your back pain (Same day: get urgent medical care today)",
        "consent text version 2026-01",
        "Called once, no answer.",
        "Exercise therapy",
        "Front desk not emailed yet.",
    ]:
        assert detail in page, detail
    # The title and breadcrumbs carry the reference, not the name.
    assert appointment_request.reference in text_of(soup.title)
    assert "Ulla" not in text_of(soup.title)
    assert "Ulla" not in text_of(soup.select_one("[data-w-breadcrumbs]"))


def test_opening_a_request_logs_who_opened_it(front_desk, front_desk_user, inbox):
    appointment_request = inbox["old_new"]
    for name in ["inspect", "edit"]:
        url = reverse(f"appointment_requests:{name}", args=[appointment_request.pk])
        assert front_desk.get(url).status_code == 200
    opened = ModelLogEntry.objects.filter(
        object_id=str(appointment_request.pk), action="appointments.opened"
    )
    assert opened.count() == 2
    assert {entry.user for entry in opened} == {front_desk_user}
    history = reverse("appointment_requests:history", args=[appointment_request.pk])
    page = text_of(html(front_desk.get(history)))
    assert "Opened" in page
    assert "Dana Desk" in page


def edit_form(**overrides):
    form = {"status": "contacted", "note": "Left a voicemail.", "handled_by": ""}
    return form | overrides


def test_front_desk_changes_status_and_notes_and_the_history_says_who(
    front_desk, front_desk_user, inbox
):
    appointment_request = inbox["old_new"]
    url = reverse("appointment_requests:edit", args=[appointment_request.pk])
    response = front_desk.post(url, edit_form())
    assert response.status_code == 302
    appointment_request.refresh_from_db()
    assert appointment_request.status == "contacted"
    assert [note.text for note in appointment_request.notes.all()] == ["Left a voicemail."]

    history = reverse("appointment_requests:history", args=[appointment_request.pk])
    rows = [text_of(row) for row in html(front_desk.get(history)).select("tbody tr")]
    # One save, one entry: what changed, in words, and who.
    [change] = [row for row in rows if "Opened" not in row]
    assert "Status New → Contacted; changed handled by; added a note" in change
    assert "Dana Desk" in change
    entries = ModelLogEntry.objects.filter(object_id=str(appointment_request.pk))
    assert not entries.filter(action="wagtail.edit").exists()
    assert entries.get(action="appointments.changed").user == front_desk_user


def test_history_names_a_status_that_is_no_longer_a_choice_as_it_was_stored(
    front_desk, front_desk_user, inbox
):
    appointment_request = inbox["old_new"]
    log(
        instance=appointment_request,
        action="appointments.changed",
        user=front_desk_user,
        data={"fields": ["status"], "status": {"from": "waiting", "to": "new"}},
    )
    history = reverse("appointment_requests:history", args=[appointment_request.pk])
    assert "Status waiting → New" in text_of(html(front_desk.get(history)))


def test_saving_an_unassigned_request_makes_the_saver_its_handler(
    front_desk, front_desk_user, inbox
):
    appointment_request = inbox["old_new"]
    url = reverse("appointment_requests:edit", args=[appointment_request.pk])
    front_desk.post(url, edit_form(handled_by=""))
    appointment_request.refresh_from_db()
    assert appointment_request.handled_by == front_desk_user


def test_the_handler_chosen_on_save_is_kept(front_desk, inbox):
    colleague = make_user("colleague", "Front desk")
    appointment_request = inbox["old_new"]
    url = reverse("appointment_requests:edit", args=[appointment_request.pk])
    front_desk.post(url, edit_form(handled_by=colleague.pk))
    appointment_request.refresh_from_db()
    assert appointment_request.handled_by == colleague


def test_only_front_desk_staff_can_be_made_handler(front_desk, inbox):
    editor = make_user("editor", "Editors")
    appointment_request = inbox["old_new"]
    url = reverse("appointment_requests:edit", args=[appointment_request.pk])
    response = front_desk.post(url, edit_form(handled_by=editor.pk))
    assert response.status_code == 200  # the form again, with an error
    appointment_request.refresh_from_db()
    assert appointment_request.handled_by is None


def test_edit_form_has_only_the_front_desk_fields(front_desk, inbox):
    url = reverse("appointment_requests:edit", args=[inbox["old_new"].pk])
    form = html(front_desk.get(url)).select_one("form#w-editor-form")
    names = {field["name"] for field in form.select("input, select, textarea") if field.get("name")}
    assert names - {"csrfmiddlewaretoken"} == {"status", "note", "handled_by"}


def test_edit_ignores_the_patients_fields_when_posted(front_desk, inbox):
    appointment_request = inbox["old_new"]
    url = reverse("appointment_requests:edit", args=[appointment_request.pk])
    response = front_desk.post(
        url,
        edit_form(
            full_name="Someone Else",
            email="else@example.com",
            is_urgent="on",
            red_flags='["fever"]',
            reference="LB-AAAAAA",
            message="Changed",
        ),
    )
    assert response.status_code == 302
    appointment_request.refresh_from_db()
    assert appointment_request.full_name == "Olga Older"
    assert appointment_request.email == "olga@example.com"
    assert appointment_request.is_urgent is False
    assert appointment_request.red_flags == []
    assert appointment_request.reference != "LB-AAAAAA"
    assert appointment_request.status == "contacted"


def test_audit_log_carries_the_reference_and_no_patient_detail(front_desk, inbox):
    appointment_request = inbox["urgent"]
    front_desk.get(reverse("appointment_requests:inspect", args=[appointment_request.pk]))
    front_desk.post(
        reverse("appointment_requests:edit", args=[appointment_request.pk]),
        edit_form(note="Told her to call 911."),
    )
    entries = ModelLogEntry.objects.filter(object_id=str(appointment_request.pk))
    assert {entry.action for entry in entries} == {"appointments.opened", "appointments.changed"}
    for entry in entries:
        assert entry.label == appointment_request.reference
        recorded = json.dumps(entry.data)
        for detail in ["Ulla", "ulla@example.com", "555-0102", "My back", "911", "fever"]:
            assert detail not in recorded


def test_patient_text_is_escaped_in_every_admin_page(front_desk, clinic_site):
    appointment_request = make_appointment_request(
        full_name=f"Eve {SCRIPT}", message=f"Hello {SCRIPT}", phone="555-0199"
    )
    pages = [
        INDEX_URL,
        f"{INDEX_URL}?q=Eve",
        reverse("appointment_requests:inspect", args=[appointment_request.pk]),
        reverse("appointment_requests:edit", args=[appointment_request.pk]),
        reverse("appointment_requests:history", args=[appointment_request.pk]),
        "/admin/",
    ]
    for url in pages:
        content = front_desk.get(url).content.decode()
        assert SCRIPT not in content, url
    for url in pages[:4]:
        assert ESCAPED_SCRIPT in front_desk.get(url).content.decode(), url


def test_exports_are_files_a_browser_will_not_run(front_desk, clinic_site):
    make_appointment_request(full_name=f"Eve {SCRIPT}")
    for export_format in ["csv", "xlsx"]:
        response = front_desk.get(INDEX_URL, {"export": export_format})
        # A spreadsheet holds the name as typed; served as a download, never as a page.
        assert not response["Content-Type"].startswith("text/html")
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
    header, row = csv_rows(front_desk.get(INDEX_URL, {"export": "csv"}))
    assert dict(zip(header, row, strict=True))["Full name"] == f"Eve {SCRIPT}"


# Who may do what


@pytest.mark.parametrize("group_name", ["Editors", "Moderators", None])
def test_other_users_are_refused_every_url_of_the_feature(clinic_site, inbox, group_name):
    if group_name:
        client = logged_in(make_user("someone", group_name))
    else:
        client = Client()  # not logged in
    for url in feature_urls(inbox["urgent"]):
        for method in [client.get, client.post]:
            response = method(url)
            assert response.status_code in (302, 403, 404), (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(("/admin/login/", "/admin/")), url
                assert not response["Location"].startswith(INDEX_URL), url
            content = response.content.decode()
            assert "Ulla" not in content and "ulla@example.com" not in content, url
    assert AppointmentRequest.objects.filter(pk=inbox["urgent"].pk).exists()


@pytest.mark.parametrize("group_name", ["Editors", "Moderators"])
def test_other_groups_get_no_menu_item_and_no_dashboard_panel(clinic_site, inbox, group_name):
    client = logged_in(make_user("someone", group_name))
    response = client.get("/admin/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Appointment requests" not in content
    assert "appointment-requests" not in content
    # Wagtail's site history lists only what a user may see.
    front_desk_user = make_user("dana", "Front desk")
    url = reverse("appointment_requests:inspect", args=[inbox["urgent"].pk])
    logged_in(front_desk_user).get(url)
    site_history = client.get("/admin/reports/site-history/").content.decode()
    assert inbox["urgent"].reference not in site_history


def test_wagtail_groups_have_no_right_on_appointment_requests(db):
    for name in ["Editors", "Moderators"]:
        group = Group.objects.get(name=name)
        assert not group.permissions.filter(content_type__app_label="appointments").exists()


def test_front_desk_group_can_use_the_admin_and_view_change_and_export_requests(db):
    group = Group.objects.get(name="Front desk")
    assert set(group.permissions.values_list("content_type__app_label", "codename")) == {
        ("wagtailadmin", "access_admin"),
        ("appointments", "view_appointmentrequest"),
        ("appointments", "change_appointmentrequest"),
        ("appointments", "export_appointmentrequest"),
    }
    assert not group.page_permissions.exists()
    assert not group.collection_permissions.exists()


def test_front_desk_cannot_edit_or_add_pages(front_desk, clinic_site):
    joint = clinic_site.joint
    for url in [
        f"/admin/pages/{joint.pk}/edit/",
        f"/admin/pages/{clinic_site.home.pk}/edit/",
        f"/admin/pages/add/treatments/treatmentpage/{clinic_site.treatment_index.pk}/",
        f"/admin/pages/{clinic_site.treatment_index.pk}/add_subpage/",
        f"/admin/pages/{joint.pk}/delete/",
    ]:
        assert front_desk.get(url).status_code in (302, 403), url
    response = front_desk.post(f"/admin/pages/{joint.pk}/edit/", {"title": "Hacked"})
    assert response.status_code in (302, 403)
    joint.refresh_from_db()
    assert joint.title == "Joint manipulation"


def test_nobody_adds_a_request_in_the_admin(superuser, front_desk, inbox):
    with pytest.raises(NoReverseMatch):
        reverse("appointment_requests:add")
    for client in [superuser, front_desk]:
        assert client.get(f"{INDEX_URL}new/").status_code == 404
        listing = client.get(INDEX_URL).content.decode()
        assert "Add appointment request" not in listing
        assert f'href="{INDEX_URL}new/"' not in listing


def test_front_desk_cannot_delete_a_request(front_desk, inbox):
    url = reverse("appointment_requests:delete", args=[inbox["booked"].pk])
    assert front_desk.get(url).status_code in (302, 403)
    assert front_desk.post(url).status_code in (302, 403)
    assert AppointmentRequest.objects.filter(pk=inbox["booked"].pk).exists()
    assert url not in front_desk.get(INDEX_URL).content.decode()


def nothing_to_cancel(appointment_request):
    """With no appointment, the page that cancels one leads back to the request."""
    return reverse("appointment_requests:cancel_booking", args=[appointment_request.pk])


def test_superusers_see_everything_and_may_delete(superuser, inbox):
    for url in feature_urls(inbox["booked"])[:-1]:  # all but the create URL, which is gone
        expected = 302 if url == nothing_to_cancel(inbox["booked"]) else 200
        assert superuser.get(url).status_code == expected, url
    assert "Appointment requests (2 new)" in superuser.get("/admin/").content.decode()
    url = reverse("appointment_requests:delete", args=[inbox["booked"].pk])
    assert superuser.post(url).status_code == 302
    assert not AppointmentRequest.objects.filter(pk=inbox["booked"].pk).exists()


def test_front_desk_reaches_every_url_of_the_feature_but_delete(front_desk, inbox):
    delete_url = reverse("appointment_requests:delete", args=[inbox["urgent"].pk])
    for url in feature_urls(inbox["urgent"])[:-1]:
        expected = 302 if url in (delete_url, nothing_to_cancel(inbox["urgent"])) else 200
        assert front_desk.get(url).status_code == expected, url


def test_refused_pages_show_no_patient_data_after_the_redirect(clinic_site, inbox):
    client = logged_in(make_user("someone", "Editors"))
    response = client.get(INDEX_URL, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/admin/", 302)]
    content = response.content.decode()
    assert "Ulla" not in content
    assert "you do not have permission" in content
