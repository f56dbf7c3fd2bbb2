"""Editors manage pages and clinic settings in the Wagtail admin."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from clinic.base.models import ClinicSettings
from education.models import SymptomArticlePage
from tests.conftest import make_article
from tests.helpers import html, text_of

pytestmark = pytest.mark.django_db


def article_form(**overrides):
    data = {
        "title": "Neck stiffness",
        "slug": "neck-stiffness",
        "summary": "Why a neck stiffens and what eases it.",
        "body": streamfield([]),
        "signs": "A stiff neck in the morning",
        "causes": "Long hours at a screen",
        "treatment_links": inline_formset([]),
        "urgent_help": rich_text("<p>Sudden weakness in an arm needs urgent care.</p>"),
        "prevention": "Take screen breaks",
        "reviewer": "",
        "last_reviewed": "",
        "next_review_due": "",
        "seo_title": "",
        "search_description": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_article_url(clinic_site):
    return f"/admin/pages/add/education/symptomarticlepage/{clinic_site.symptom_index.pk}/"


def test_every_page_type_opens_in_the_editor(admin_client, clinic_site):
    for page in [
        clinic_site.home,
        clinic_site.treatment_index,
        clinic_site.joint,
        clinic_site.symptom_index,
        clinic_site.article,
    ]:
        assert admin_client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200


def test_editor_publishes_an_article_linked_to_treatments(admin_client, client, clinic_site):
    links = inline_formset(
        [{"treatment": clinic_site.joint.pk}, {"treatment": clinic_site.exercise.pk}]
    )
    response = admin_client.post(add_article_url(clinic_site), article_form(treatment_links=links))
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(slug="neck-stiffness")
    assert article.live
    soup = html(client.get("/treatments/exercise-therapy/"))
    assert soup.select_one("main a[href='/symptoms/neck-stiffness/']")


def test_the_editor_previews_an_article_with_its_live_treatments(admin_client, clinic_site):
    clinic_site.exercise.unpublish()
    links = inline_formset(
        [{"treatment": clinic_site.exercise.pk}, {"treatment": clinic_site.joint.pk}]
    )
    article = make_article(clinic_site.symptom_index, "Neck stiffness", slug="neck-stiffness")
    url = f"/admin/pages/{article.pk}/edit/preview/"
    assert admin_client.post(url, article_form(treatment_links=links)).json()["is_valid"]
    section = html(admin_client.get(url)).select_one("[aria-labelledby=treatments-title]")
    titles = [text_of(heading) for heading in section.select("li h3")]
    assert titles == ["Joint manipulation"]  # the unpublished treatment is left out


def test_choosing_the_same_treatment_twice_is_explained_not_crashed(admin_client, clinic_site):
    links = inline_formset(
        [{"treatment": clinic_site.joint.pk}, {"treatment": clinic_site.joint.pk}]
    )
    response = admin_client.post(add_article_url(clinic_site), article_form(treatment_links=links))
    assert response.status_code == 200
    assert "The page could not be created due to validation errors" in response.content.decode()
    assert not SymptomArticlePage.objects.filter(slug="neck-stiffness").exists()


@pytest.mark.parametrize("empty_editor", ["null", rich_text(""), rich_text("<p> </p>")])
def test_article_without_urgent_help_cannot_be_published(admin_client, clinic_site, empty_editor):
    response = admin_client.post(
        add_article_url(clinic_site), article_form(urgent_help=empty_editor)
    )
    assert response.status_code == 200
    assert "Add the “when to get urgent help” section before publishing" in (
        response.content.decode()
    )
    assert not SymptomArticlePage.objects.filter(slug="neck-stiffness").exists()


def test_article_without_urgent_help_can_be_saved_as_a_draft(admin_client, clinic_site):
    data = article_form(urgent_help="null")
    del data["action-publish"]
    response = admin_client.post(add_article_url(clinic_site), data)
    assert response.status_code == 302
    draft = SymptomArticlePage.objects.get(slug="neck-stiffness")
    assert not draft.live


def test_rich_text_keeps_only_the_features_the_editor_offers(admin_client, clinic_site):
    # What a browser could send if headings and quotes were pasted past the editor.
    pasted = rich_text(
        "<h2>Warning</h2><p><b>Call 911</b> now.</p><blockquote>A quote</blockquote>",
        features=["h2", "bold", "blockquote"],
    )
    data = article_form(urgent_help=pasted, body=streamfield([("paragraph", pasted)]))
    assert admin_client.post(add_article_url(clinic_site), data).status_code == 302

    article = SymptomArticlePage.objects.get(slug="neck-stiffness")
    for saved in [article.urgent_help, article.body[0].value.source]:
        assert "<b>Call 911</b>" in saved
        assert "<h2" not in saved and "<blockquote" not in saved


def test_review_due_before_last_review_is_refused(clinic_site):
    article = clinic_site.article
    article.next_review_due = article.last_reviewed
    with pytest.raises(ValidationError, match="after the last review"):
        article.full_clean()


def test_editors_cannot_type_review_dates(admin_client, clinic_site):
    response = admin_client.post(
        add_article_url(clinic_site),
        article_form(last_reviewed="2026-05-01", next_review_due="2027-05-01"),
    )
    assert response.status_code == 302
    article = SymptomArticlePage.objects.get(slug="neck-stiffness")
    assert article.last_reviewed is None and article.next_review_due is None


def test_clinic_settings_edited_in_the_admin_show_on_the_site(admin_client, client, clinic_site):
    url = f"/admin/settings/base/clinicsettings/{clinic_site.site.pk}/"
    assert admin_client.get(url).status_code == 200
    data = {
        "clinic_name": "Lumbar Chiropractic",
        "phone": "(503) 555-0199",
        "email": "desk@lumbar.example",
        "emergency_number": "911",
        "urgent_care_advice": "Call 911 if you cannot feel your legs.",
        "notice": "",
        "reading_grade_target": "7",
        "reply_within_opening_hours": "8",
        "footer_links": streamfield([]),
    }
    assert admin_client.post(url, nested_form_data(data)).status_code == 302
    assert ClinicSettings.objects.get().reading_grade_target == 7
    assert ClinicSettings.objects.get().phone == "(503) 555-0199"
    contact = html(client.get("/contact/"))
    assert "(503) 555-0199" in text_of(contact)
    assert contact.select_one("a[href='tel:+15035550199']") is not None


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"phone": "555-0199"}, "phone", "area code"),
        ({"notice_starts": "2026-12-24 00:00", "notice_ends": ""}, "notice", "Write the notice"),
        (
            {
                "notice": "Closed",
                "notice_starts": "2026-12-26 00:00",
                "notice_ends": "2026-12-24 00:00",
            },
            "notice_ends",
            "end after the start",
        ),
    ],
)
def test_clinic_settings_that_cannot_work_are_refused_with_a_message(
    admin_client, clinic_site, changes, field, message
):
    url = f"/admin/settings/base/clinicsettings/{clinic_site.site.pk}/"
    before = ClinicSettings.objects.values().get()
    data = {
        "clinic_name": "Lumbar Chiropractic",
        "phone": "(503) 555-0199",
        "emergency_number": "911",
        "footer_links": streamfield([]),
        **changes,
    }
    response = admin_client.post(url, nested_form_data(data))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert ClinicSettings.objects.values().get() == before
