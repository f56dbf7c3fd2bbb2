"""Reading level is a publishing rule for health pages: above the clinic's target grade, a
page is not sent for review (the editor is shown the sentences to simplify) unless a
clinician lets it through with a reason, which the page's history records."""

import json

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from clinic.base.models import ClinicSettings
from tests.helpers import html, parse, text_of
from treatments.models import TreatmentPage

pytestmark = pytest.mark.django_db

HARD = (
    "Manipulative intervention necessitates a comprehensive musculoskeletal evaluation "
    "incorporating a thorough neurological and orthopaedic examination."
)
# About grade 6.5 with the treatment's summary.
MIDDLING = (
    "Joint manipulation moves a stiff joint with a quick, gentle push from the hands. "
    "Most people feel relief after a few visits, and the treatment rarely hurts."
)
PLAIN = (
    "We look at your back first. Then we move the stiff joint. It does not hurt much. "
    "Most people feel better after a few visits."
)
REASON = "The names of the tests cannot be simpler; we explain each at the visit."


def treatment_form(page, text, **extra):
    return nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "icon": page.icon,
            "body": streamfield([("paragraph", rich_text(f"<p>{text}</p>"))]),
            "visit_length": page.visit_length,
            "what_to_wear": page.what_to_wear,
            "what_happens": rich_text(page.what_happens),
            "who_it_helps": rich_text(page.who_it_helps),
            "safety_notes": rich_text(page.safety_notes),
            "seo_title": "",
            "search_description": "",
            **extra,
        }
    )


def edit(client, page, text, **extra):
    return client.post(f"/admin/pages/{page.pk}/edit/", treatment_form(page, text, **extra))


SUBMIT = {"action-submit": "submit"}


def in_review(page):
    return WorkflowState.objects.filter(
        object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def test_a_page_above_the_reading_level_is_not_sent_for_review(editor, review_site):
    response = edit(editor, review_site.joint, f"{PLAIN} {HARD}", **SUBMIT)
    message = text_of(html(response))  # the form again, with what to simplify
    assert "patients need grade 8 or below" in message
    assert f"Simplify these sentences (shorter sentences, everyday words): “{HARD}”" in message
    assert PLAIN not in message.split("Simplify these sentences")[1]
    assert not in_review(review_site.joint)


def test_plain_words_go_to_review(editor, review_site):
    assert edit(editor, review_site.joint, PLAIN, **SUBMIT).status_code == 302
    assert in_review(review_site.joint)


def test_saving_a_draft_above_the_level_is_allowed(editor, review_site):
    assert edit(editor, review_site.joint, HARD).status_code == 302


def test_an_editor_cannot_give_the_reason(editor, review_site):
    form = html(editor.get(f"/admin/pages/{review_site.joint.pk}/edit/"))
    assert not form.select("[name=reading_level_reason]")
    response = edit(editor, review_site.joint, HARD, reading_level_reason=REASON, **SUBMIT)
    assert response.status_code == 200
    assert not in_review(review_site.joint)
    assert not PageLogEntry.objects.filter(action="clinic.reading_level_accepted").exists()


def test_a_clinicians_reason_lets_the_page_through_and_is_recorded(
    editor, clinician, clinician_user, review_site
):
    joint = review_site.joint
    response = edit(clinician, joint, HARD, **SUBMIT)
    assert response.status_code == 200  # clinicians too must say why
    assert "say why this page may read above the target" in text_of(html(response))

    response = edit(clinician, joint, HARD, reading_level_reason=REASON, **SUBMIT)
    assert response.status_code == 302
    task_state = TaskState.objects.get(
        workflow_state__object_id=str(joint.pk), status=TaskState.STATUS_IN_PROGRESS
    )
    url = reverse("wagtailadmin_pages:workflow_action", args=[joint.pk, "approve", task_state.pk])
    assert clinician.post(url, {"comment": ""}).status_code == 302
    joint = TreatmentPage.objects.get(pk=joint.pk)
    assert joint.live and HARD in str(joint.body)

    entry = PageLogEntry.objects.get(action="clinic.reading_level_accepted", page=joint)
    assert entry.user == clinician_user
    assert entry.data["reason"] == REASON
    history = text_of(html(clinician.get(f"/admin/pages/{joint.pk}/history/")))
    assert REASON in history


def test_the_target_is_a_clinic_setting(editor, review_site):
    assert edit(editor, review_site.joint, MIDDLING).status_code == 302  # a draft
    ClinicSettings.objects.filter(site=review_site.site).update(reading_grade_target=5)
    response = edit(editor, review_site.joint, MIDDLING, **SUBMIT)
    assert "reads at school grade 6.5; patients need grade 5 or below" in text_of(html(response))


def test_the_checks_panel_names_the_sentences_to_simplify(admin_client, review_site):
    joint = review_site.joint
    joint.body = [("paragraph", f"<p>{PLAIN} {HARD}</p>")]
    joint.save_revision()
    response = admin_client.get(f"/admin/pages/{joint.pk}/edit/")
    config = json.loads(parse(response).find("script", id="checker-axe-configuration").string)
    help_text = config["messages"]["clinic-reading-level"]["help_text"]
    assert "aim for grade 8" in help_text
    assert f"Simplify first: “{HARD}”" in help_text


def test_a_short_page_is_checked_too(review_site):
    page = review_site.exercise
    page.summary = f"{HARD} {HARD}"  # the summary alone, 28 words
    markers = parse(page.make_preview_request()).select("[data-content-check]")
    assert [marker["data-content-check"] for marker in markers] == ["reading-level"]


def test_the_sentences_to_simplify_are_the_pages_own_words(admin_client, review_site):
    joint = review_site.joint
    joint.body = [
        ("heading", {"text": "What happens", "level": "h2"}),
        ("paragraph", f"<p>{HARD}</p>"),
    ]
    joint.save_revision()
    response = admin_client.get(f"/admin/pages/{joint.pk}/edit/")
    config = json.loads(parse(response).find("script", id="checker-axe-configuration").string)
    help_text = config["messages"]["clinic-reading-level"]["help_text"]
    # The heading's words are the page's; its level ("Section heading") is not.
    assert "What happens" in joint.reading_text()
    assert "Section heading" not in help_text and "Section heading" not in joint.reading_text()
