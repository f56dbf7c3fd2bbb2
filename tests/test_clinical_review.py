"""Clinical review: editors submit health pages, clinicians approve them, approval records the
review; the "Content due for review" report, its dashboard panel and the patients' note."""

import csv
import datetime
import importlib
import io
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import Page, TaskState, Workflow, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from clinic.base.reviews import add_months
from clinic.people.models import Practitioner
from education.models import ClinicalReviewTask, SymptomArticlePage, SymptomIndexPage
from tests.conftest import make_article
from tests.helpers import html, logged_in, make_user, text_of
from treatments.models import TreatmentIndexPage, TreatmentPage

pytestmark = pytest.mark.django_db

REPORT_URL = "/admin/reports/content-due-for-review/"


def today():
    return timezone.localdate()


def days_from_today(days):
    return today() + datetime.timedelta(days=days)


NEW_ARTICLE = SimpleNamespace(
    title="Neck stiffness",
    slug="neck-stiffness",
    summary="Why a neck stiffens and what eases it.",
    signs="A stiff neck in the morning",
    causes="Long hours at a screen",
    urgent_help="<p>Sudden weakness in an arm needs urgent care.</p>",
    prevention="Take screen breaks",
)


def article_form(article=None, **overrides):
    """What the editor sends for a symptom article: a new one, or `article` as it stands."""
    links = []
    if article is not None:
        links = [
            {"id": link.pk, "treatment": link.treatment_id}
            for link in article.treatment_links.all()
        ]
    article = article or NEW_ARTICLE
    data = {
        "title": article.title,
        "slug": article.slug,
        "summary": article.summary,
        "body": streamfield([]),
        "signs": article.signs,
        "causes": article.causes,
        "treatment_links": inline_formset(links, initial=len(links)),
        "urgent_help": rich_text(article.urgent_help),
        "prevention": article.prevention,
        "tags": "",
        "seo_title": "",
        "search_description": "",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_article_url(site):
    return f"/admin/pages/add/education/symptomarticlepage/{site.symptom_index.pk}/"


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def current_task_state(page):
    return TaskState.objects.get(
        workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS
    )


def workflow_action_url(page, action):
    task_state = current_task_state(page)
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])


def approve(client, page):
    response = client.post(workflow_action_url(page, "approve"), {"comment": ""})
    assert response.status_code == 302
    return SymptomArticlePage.objects.get(pk=page.pk)


def submit_edit(client, article, **overrides):
    response = client.post(edit_url(article), article_form(article, **overrides, **SUBMIT))
    assert response.status_code == 302
    return response


SUBMIT = {"action-submit": "submit"}
PUBLISH = {"action-publish": "publish"}


# The workflow and who is in it


def test_migration_installs_the_clinicians_task_and_workflow(db):
    clinicians = Group.objects.get(name="Clinicians")
    assert clinicians.permissions.filter(codename="access_admin").exists()
    task = ClinicalReviewTask.objects.get(name="Clinical review")
    assert list(task.groups.all()) == [clinicians]
    workflow = Workflow.objects.get(name="Clinical review")
    assert workflow.active
    assert [(wt.task.specific, wt.sort_order) for wt in workflow.workflow_tasks.all()] == [
        (task, 0)
    ]


def test_migration_assigns_the_workflow_to_existing_sections(clinic_site):
    """On a database where the content was loaded before the migration ran."""
    migration = importlib.import_module("education.migrations.0006_clinical_review_workflow")
    migration.install_clinical_review(apps, None)
    for section in [clinic_site.treatment_index, clinic_site.symptom_index]:
        assert Page.objects.get(pk=section.pk).get_workflow().name == "Clinical review"
    clinician = make_user("sam", "Clinicians")
    assert clinic_site.article.permissions_for_user(clinician).can_publish()
    assert not clinic_site.home.permissions_for_user(clinician).can_edit()


def test_loading_the_content_puts_both_sections_under_clinical_review(wagtail_as_installed):
    call_command("load_clinic_content", stdout=io.StringIO())
    article = SymptomArticlePage.objects.get(slug="back-spasms")
    for page in [TreatmentIndexPage.objects.get(), SymptomIndexPage.objects.get(), article]:
        assert page.get_workflow().name == "Clinical review", page
    clinician = make_user("sam", "Clinicians")
    assert article.permissions_for_user(clinician).can_publish()


def test_a_section_taken_out_of_review_stays_out_on_the_next_load(wagtail_as_installed):
    call_command("load_clinic_content", stdout=io.StringIO())
    SymptomIndexPage.objects.get().workflowpage.delete()
    call_command("load_clinic_content", stdout=io.StringIO())
    assert SymptomIndexPage.objects.get().get_workflow().name != "Clinical review"


def test_loading_without_the_workflow_warns_and_carries_on(wagtail_as_installed):
    Workflow.objects.filter(name="Clinical review").delete()
    out = io.StringIO()
    call_command("load_clinic_content", stdout=out)
    assert "No 'Clinical review' workflow" in out.getvalue()
    assert SymptomArticlePage.objects.get(slug="back-spasms").live


def test_editors_cannot_publish_health_pages_but_clinicians_can(editor_user, clinician_user):
    article = SymptomArticlePage.objects.get(slug="back-spasms")
    assert not article.permissions_for_user(editor_user).can_publish()
    assert article.permissions_for_user(editor_user).can_submit_for_moderation()
    assert article.permissions_for_user(clinician_user).can_publish()


def test_the_editor_is_offered_submit_not_publish(editor, clinician, review_site):
    editor_form = html(editor.get(edit_url(review_site.article)))
    assert not editor_form.select("[name=action-publish]")
    assert "Submit to Clinical review" in text_of(editor_form)
    clinician_form = html(clinician.get(edit_url(review_site.article)))
    assert clinician_form.select("[name=action-publish]")


# From submission to approval


def test_editor_submits_a_new_article_and_the_clinicians_approval_publishes_it(
    editor, clinician, clinician_user, client, review_site
):
    response = editor.post(add_article_url(review_site), article_form(**SUBMIT))
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(slug="neck-stiffness")
    assert not article.live
    workflow_state = WorkflowState.objects.get(object_id=str(article.pk))
    assert workflow_state.workflow.name == "Clinical review"
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    dashboard = text_of(html(clinician.get("/admin/")))
    assert "Neck stiffness" in dashboard  # awaiting the clinician's review
    article = approve(clinician, article)

    assert article.live
    assert article.reviewer == clinician_user.practitioner
    assert article.last_reviewed == today()
    assert article.next_review_due == add_months(today(), 12)
    assert WorkflowState.objects.get(pk=workflow_state.pk).status == WorkflowState.STATUS_APPROVED
    review = html(client.get("/symptoms/neck-stiffness/")).select_one(".review-meta span")
    assert " ".join(review.get_text().split()) == "Reviewed by Dr. Sam Lee, DC, chiropractor."
    assert review.find("a", string="Dr. Sam Lee")["href"] == "/team/dr-sam-lee/"


def test_an_edit_goes_live_only_with_the_clinicians_approval(
    editor, clinician, clinician_user, client, review_site
):
    old_review = (review_site.reviewer, datetime.date(2026, 3, 1), datetime.date(2027, 3, 1))
    submit_edit(editor, review_site.article, summary="A sudden, painful tightening of a muscle.")
    article = SymptomArticlePage.objects.get(pk=review_site.article.pk)
    assert article.summary != "A sudden, painful tightening of a muscle."  # not live yet
    assert (article.reviewer, article.last_reviewed, article.next_review_due) == old_review
    assert "sudden, painful" not in client.get("/symptoms/back-spasms/").content.decode()

    article = approve(clinician, article)
    assert article.summary == "A sudden, painful tightening of a muscle."
    assert article.reviewer == clinician_user.practitioner
    assert (article.last_reviewed, article.next_review_due) == (
        today(),
        add_months(today(), 12),
    )
    assert article.get_latest_revision().as_object().last_reviewed == today()
    assert "sudden, painful" in client.get("/symptoms/back-spasms/").content.decode()


def test_approving_from_the_editor_with_changes_records_the_review(
    editor, clinician, clinician_user, review_site
):
    submit_edit(editor, review_site.article)
    data = article_form(
        review_site.article,
        summary="Checked and corrected by a clinician.",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    response = clinician.post(edit_url(review_site.article), data)
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(pk=review_site.article.pk)
    assert article.live and article.summary == "Checked and corrected by a clinician."
    assert article.reviewer == clinician_user.practitioner
    assert article.last_reviewed == today()


def test_a_clinician_without_a_practitioner_record_gets_one(editor, review_site):
    clinician_user = make_user("kim", "Clinicians", first_name="Kim", last_name="Park")
    submit_edit(editor, review_site.article)
    article = approve(logged_in(clinician_user), review_site.article)
    reviewer = Practitioner.objects.get(user=clinician_user)
    assert (reviewer.name, reviewer.credentials) == ("Kim Park", "Clinician")
    assert article.reviewer == reviewer


def test_a_clinician_with_no_name_is_named_by_username(editor, review_site):
    clinician_user = make_user("drkim", "Clinicians")
    submit_edit(editor, review_site.article)
    approve(logged_in(clinician_user), review_site.article)
    assert Practitioner.objects.get(user=clinician_user).name == "drkim"


def test_the_review_interval_is_a_setting(settings, editor, clinician, review_site):
    settings.CLINICAL_REVIEW_INTERVAL_MONTHS = 6
    submit_edit(editor, review_site.article)
    assert approve(clinician, review_site.article).next_review_due == add_months(today(), 6)


def test_asking_for_changes_leaves_the_review_alone(editor, clinician, review_site):
    submit_edit(editor, review_site.article, summary="A draft that needs work.")
    response = clinician.post(
        workflow_action_url(review_site.article, "reject"), {"comment": "Check the dosage."}
    )
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(pk=review_site.article.pk)
    assert article.reviewer == review_site.reviewer
    assert (article.last_reviewed, article.next_review_due) == (
        datetime.date(2026, 3, 1),
        datetime.date(2027, 3, 1),
    )
    assert article.summary != "A draft that needs work."
    latest = article.get_latest_revision_as_object()
    assert latest.last_reviewed == datetime.date(2026, 3, 1)
    state = WorkflowState.objects.get(object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_a_treatment_approved_in_review_shows_its_dates_and_falls_due_in_the_report(
    editor, clinician, clinician_user, client, review_site
):
    joint = review_site.joint
    response = editor.post(
        edit_url(joint),
        nested_form_data(
            {
                "title": joint.title,
                "slug": joint.slug,
                "summary": "Gentle, controlled movement of a stiff joint.",
                "icon": joint.icon,
                "body": streamfield([]),
                "visit_length": joint.visit_length,
                "what_to_wear": joint.what_to_wear,
                "what_happens": rich_text(joint.what_happens),
                "who_it_helps": rich_text(joint.who_it_helps),
                "safety_notes": rich_text(joint.safety_notes),
                "seo_title": "",
                "search_description": "",
                **SUBMIT,
            }
        ),
    )
    assert response.status_code == 302
    task_state = current_task_state(joint)
    url = reverse("wagtailadmin_pages:workflow_action", args=[joint.pk, "approve", task_state.pk])
    assert clinician.post(url, {"comment": ""}).status_code == 302
    joint = TreatmentPage.objects.get(pk=joint.pk)
    assert joint.summary == "Gentle, controlled movement of a stiff joint."
    assert joint.reviewer == clinician_user.practitioner
    assert (joint.last_reviewed, joint.next_review_due) == (today(), add_months(today(), 12))

    review = html(client.get("/treatments/joint-manipulation/")).select_one(".review-meta")
    assert review.find("a", string="Dr. Sam Lee")["href"] == "/team/dr-sam-lee/"
    dates = [time["datetime"] for time in review.select("time")]
    assert dates == [today().isoformat(), add_months(today(), 12).isoformat()]

    assert "Joint manipulation" not in [row[0] for row in report_rows(editor)]
    TreatmentPage.objects.filter(pk=joint.pk).update(next_review_due=days_from_today(-2))
    [row] = [row for row in report_rows(editor) if row[0] == "Joint manipulation"]
    assert row[1:4] == ["Treatment page", "Overdue", "Dr. Sam Lee"]


# Everything else leaves the review record alone


def test_editor_cannot_publish_an_article_directly(editor, review_site):
    article = review_site.article
    response = editor.post(edit_url(article), article_form(article, summary="Edited", **PUBLISH))
    assert response.status_code == 302  # saved as a draft, not published
    article = SymptomArticlePage.objects.get(pk=article.pk)
    assert article.summary != "Edited"
    assert article.has_unpublished_changes
    assert not WorkflowState.objects.filter(object_id=str(article.pk)).exists()

    editor.post(add_article_url(review_site), article_form(**PUBLISH))
    assert not SymptomArticlePage.objects.get(slug="neck-stiffness").live


def test_publishing_an_edit_keeps_the_review_dates(admin_client, clinic_site):
    article = clinic_site.article
    response = admin_client.post(
        edit_url(article),
        article_form(
            article,
            summary="Edited by the clinic manager.",
            reviewer="",
            last_reviewed="2030-01-01",
            next_review_due="2031-01-01",
            **PUBLISH,
        ),
    )
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(pk=article.pk)
    assert article.summary == "Edited by the clinic manager."
    assert article.reviewer == clinic_site.reviewer
    assert (article.last_reviewed, article.next_review_due) == (
        datetime.date(2026, 3, 1),
        datetime.date(2027, 3, 1),
    )


def test_saving_and_publishing_revisions_keeps_the_review_dates(clinic_site):
    article = clinic_site.article
    latest = article.get_latest_revision_as_object()
    latest.summary = "A new summary."
    latest.save_revision().publish()
    article = SymptomArticlePage.objects.get(pk=article.pk)
    assert article.summary == "A new summary."
    assert (article.reviewer, article.last_reviewed, article.next_review_due) == (
        clinic_site.reviewer,
        datetime.date(2026, 3, 1),
        datetime.date(2027, 3, 1),
    )


def test_going_back_to_an_older_version_keeps_the_latest_review(
    editor, clinician, clinician_user, admin_client, review_site
):
    first_revision = review_site.article.get_latest_revision()
    submit_edit(editor, review_site.article, summary="Reviewed wording.")
    approve(clinician, review_site.article)

    response = admin_client.post(
        f"/admin/pages/{review_site.article.pk}/revisions/{first_revision.pk}/revert/",
        article_form(review_site.article, **PUBLISH),
    )
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(pk=review_site.article.pk)
    assert article.summary == review_site.article.summary  # the older words are back...
    assert article.reviewer == clinician_user.practitioner  # ...but not the older review
    assert article.last_reviewed == today()


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (datetime.date(2026, 11, 26), 12, datetime.date(2027, 11, 26)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2029, 2, 28)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2027, 8, 31), 6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 31), 1, datetime.date(2026, 4, 30)),
        (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),
        (datetime.date(2026, 10, 31), 14, datetime.date(2027, 12, 31)),
    ],
)
def test_the_next_review_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


# The report and the dashboard


@pytest.fixture
def due_articles(clinic_site):
    """Articles in every review state (the fixture's own article is not due until 2027)."""
    index = clinic_site.symptom_index
    other = Practitioner.objects.create(name="Dr. Ian Cho", credentials="DC")

    def article(title, last, due, **fields):
        return make_article(
            index, title, reviewer=other, last_reviewed=last, next_review_due=due, **fields
        )

    clinic_site.article.next_review_due = days_from_today(400)
    clinic_site.article.save()
    overdue = article("Sciatica", days_from_today(-400), days_from_today(-35))
    overdue.unpublish()
    return {
        "overdue": overdue,
        "due today": article("Neck pain", days_from_today(-365), today()),
        "due soon": make_article(
            index,
            "Hip pain",
            reviewer=clinic_site.reviewer,
            last_reviewed=days_from_today(-340),
            next_review_due=days_from_today(25),
        ),
        "later": article("Knee pain", days_from_today(-300), days_from_today(31)),
        "never": make_article(index, "Wrist pain"),
    }


def report_rows(client, query=""):
    soup = html(client.get(f"{REPORT_URL}{query}"))
    return [[text_of(cell) for cell in row.select("td")] for row in soup.select("tbody tr")]


def test_report_lists_overdue_and_due_soon_articles_with_their_dates(admin_client, due_articles):
    rows = report_rows(admin_client)
    assert [row[0] for row in rows] == ["Sciatica", "Neck pain", "Hip pain"]
    sciatica, neck, hip = rows
    assert sciatica[1] == "Symptom article"
    assert sciatica[2] == "Overdue" and sciatica[-1] == "draft"
    assert neck[2] == "Due soon" and hip[2] == "Due soon"
    assert hip[3] == "Dr. Ana Ruiz" and neck[3] == "Dr. Ian Cho"
    due = due_articles["due soon"].next_review_due
    assert f"{due:%b}" in hip[5] and str(due.year) in hip[5]
    soup = html(admin_client.get(REPORT_URL))
    link = soup.find("a", string=lambda text: text and "Sciatica" in text)
    assert link["href"] == edit_url(due_articles["overdue"])


@pytest.mark.parametrize(
    "query, titles",
    [
        ("?state=overdue", ["Sciatica"]),
        ("?state=due_soon", ["Neck pain", "Hip pain"]),
        ("?live=true", ["Neck pain", "Hip pain"]),
    ],
)
def test_report_filters(admin_client, due_articles, query, titles):
    assert [row[0] for row in report_rows(admin_client, query)] == titles


def test_report_filters_by_reviewer(admin_client, due_articles, clinic_site):
    query = f"?reviewer={clinic_site.reviewer.pk}"
    assert [row[0] for row in report_rows(admin_client, query)] == ["Hip pain"]


def test_report_exports_csv_and_xlsx(admin_client, due_articles):
    response = admin_client.get(f"{REPORT_URL}?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    assert [row["Title"] for row in rows] == ["Sciatica", "Neck pain", "Hip pain"]
    assert rows[0]["Review"] == "Overdue"
    assert rows[0]["Next review due"] == days_from_today(-35).isoformat()
    assert rows[2]["Reviewer"] == "Dr. Ana Ruiz"
    assert rows[2]["Last reviewed"] == days_from_today(-340).isoformat()

    response = admin_client.get(f"{REPORT_URL}?export=xlsx&state=overdue")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    assert values[0][0] == "Title" and [row[0] for row in values[1:]] == ["Sciatica"]


def test_editors_and_clinicians_see_the_report(editor, clinician, due_articles):
    for client in [editor, clinician]:
        assert [row[0] for row in report_rows(client)] == ["Sciatica", "Neck pain", "Hip pain"]
        assert REPORT_URL in client.get("/admin/").content.decode()  # in the Reports menu


def test_front_desk_cannot_open_the_report(clinic_site, due_articles):
    front_desk = logged_in(make_user("dana", "Front desk"))
    response = front_desk.get(REPORT_URL)
    assert response.status_code in (302, 403)
    assert front_desk.get(f"{REPORT_URL}?export=csv").status_code in (302, 403)
    dashboard = front_desk.get("/admin/").content.decode()
    assert REPORT_URL not in dashboard
    assert "Content due for review" not in dashboard


def test_dashboard_panel_counts_what_is_due(admin_client, editor, due_articles):
    for client in [admin_client, editor]:
        panel = html(client.get("/admin/")).select_one("#content-due-for-review-section")
        assert panel is not None
        text = text_of(panel)
        assert "1 health page overdue for clinical review" in text
        assert "2 health pages due within 30 days" in text
        links = {a["href"] for a in panel.select("a")}
        assert f"{REPORT_URL}?state=overdue" in links
        assert REPORT_URL in links


# What patients see


def test_an_overdue_article_says_it_is_being_reviewed(client, clinic_site):
    make_article(
        clinic_site.symptom_index,
        "Sciatica",
        slug="sciatica",
        last_reviewed=datetime.date(2024, 5, 2),
        next_review_due=days_from_today(-1),
    )
    soup = html(client.get("/symptoms/sciatica/"))
    note = soup.select_one(".review-note")
    assert " ".join(note.get_text().split()) == (
        "This page is being reviewed by our clinicians. "
        "The advice below was last checked on May 2, 2024."
    )
    assert note.select_one("time")["datetime"] == "2024-05-02"
    assert "Numbness around the groin needs urgent care." in text_of(soup)  # all still there


@pytest.mark.parametrize("due_in_days", [0, 10, 400])
def test_an_article_not_yet_overdue_has_no_note(client, clinic_site, due_in_days):
    article = clinic_site.article
    SymptomArticlePage.objects.filter(pk=article.pk).update(
        next_review_due=days_from_today(due_in_days)
    )
    soup = html(client.get("/symptoms/back-spasms/"))
    assert soup.select_one(".review-meta")  # the review line itself is there
    assert not soup.select(".review-note")
    assert "being reviewed by our clinicians" not in text_of(soup)
