"""Editors see the clinic's content checks in the page editor, and can't publish an
article that never says when to get urgent help."""

import json

import pytest

from clinic.base.readability import reading_grade
from tests.conftest import make_article, make_treatment
from tests.helpers import parse

pytestmark = pytest.mark.django_db

PLAIN = "Rest a little. Then walk. Stretch your back each day. Drink water. " * 10
DENSE = (
    "Paraspinal musculature hypertonicity, frequently precipitated by cumulative "
    "biomechanical overloading, inflammatory sensitisation and electrolyte dysregulation, "
    "characteristically manifests as involuntary, sustained, intermittently debilitating "
    "contraction of the erector spinae and quadratus lumborum musculature. "
) * 6


def checks_configuration(admin_client, page):
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
    script = parse(response).find("script", id="checker-axe-configuration")
    return json.loads(script.string)


def markers(response):
    return [tag["data-content-check"] for tag in parse(response).select("[data-content-check]")]


def test_editor_runs_the_clinic_checks(admin_client, clinic_site):
    config = checks_configuration(admin_client, clinic_site.article)
    rules = {rule["id"]: rule for rule in config["spec"]["rules"]}
    for rule in ["image-alt", "empty-meta-description", "clinic-urgent-help-missing"]:
        assert rule in config["options"]["runOnly"]
    assert rules["clinic-reading-level"]["selector"] == '[data-content-check="reading-level"]'
    assert "urgent help" in config["messages"]["clinic-urgent-help-missing"]["error_name"]
    assert "grade 8" in config["messages"]["clinic-reading-level"]["help_text"]


def test_the_preview_carries_the_checks_the_editor_panel_shows(admin_client, clinic_site):
    # The Checks panel reads its results from the userbar inside the preview.
    preview = parse(admin_client.get(f"/admin/pages/{clinic_site.article.pk}/view_draft/"))
    assert preview.select_one("wagtail-userbar")
    config = json.loads(preview.find("script", id="checker-axe-configuration").string)
    assert "clinic-urgent-help-missing" in config["options"]["runOnly"]


def test_live_pages_are_the_same_for_staff_and_patients(admin_client, clinic_site):
    assert not parse(admin_client.get("/symptoms/back-spasms/")).select("wagtail-userbar")


def test_preview_of_an_article_without_urgent_help_is_flagged(clinic_site):
    article = clinic_site.article
    article.urgent_help = "<p></p>"
    assert "urgent-help-missing" in markers(article.make_preview_request())


def test_preview_of_a_complete_article_is_not_flagged(clinic_site):
    assert markers(clinic_site.article.make_preview_request()) == []


def test_preview_of_hard_to_read_text_is_flagged(clinic_site):
    page = make_treatment(
        clinic_site.treatment_index, "Dense", body=[("paragraph", f"<p>{DENSE}</p>")]
    )
    assert markers(page.make_preview_request()) == ["reading-level"]
    plain = make_article(clinic_site.symptom_index, "Plain", body=[("paragraph", PLAIN)])
    assert markers(plain.make_preview_request()) == []


def test_patients_never_see_the_markers(client, clinic_site):
    article = clinic_site.article
    article.urgent_help = "<p></p>"
    article.body = [("paragraph", f"<p>{DENSE}</p>")]
    article.save_revision().publish()
    assert markers(client.get(article.url)) == []


def test_reading_grade_tells_plain_from_dense_writing():
    assert reading_grade(PLAIN) < 5
    assert reading_grade(DENSE) > 16
    assert reading_grade("Too short to judge.") is None
