"""Editors can only create each page type where it belongs."""

import pytest

from clinic.home.models import HomePage
from education.models import SymptomArticlePage, SymptomIndexPage
from treatments.models import TreatmentIndexPage, TreatmentPage

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    meta = model._meta
    return f"/admin/pages/add/{meta.app_label}/{meta.model_name}/{parent.pk}/"


def test_treatments_go_under_the_treatments_index_only(clinic_site):
    assert TreatmentPage.can_create_at(clinic_site.treatment_index)
    assert not TreatmentPage.can_create_at(clinic_site.home)
    assert not TreatmentPage.can_create_at(clinic_site.symptom_index)


def test_articles_go_under_the_symptoms_index_only(clinic_site):
    assert SymptomArticlePage.can_create_at(clinic_site.symptom_index)
    assert not SymptomArticlePage.can_create_at(clinic_site.home)
    assert not SymptomArticlePage.can_create_at(clinic_site.treatment_index)


def test_each_index_exists_once_under_the_home_page(clinic_site):
    assert not TreatmentIndexPage.can_create_at(clinic_site.home)
    assert not SymptomIndexPage.can_create_at(clinic_site.home)


def test_content_pages_have_no_children(clinic_site):
    assert TreatmentPage.allowed_subpage_models() == []
    assert SymptomArticlePage.allowed_subpage_models() == []


def test_home_page_goes_only_at_the_top_of_the_tree(clinic_site):
    assert not HomePage.can_create_at(clinic_site.home)
    assert not HomePage.can_create_at(clinic_site.treatment_index)


def test_admin_offers_treatment_pages_under_the_treatments_index(admin_client, clinic_site):
    # With a single allowed type, Wagtail goes straight to that type's editor.
    response = admin_client.get(f"/admin/pages/{clinic_site.treatment_index.pk}/add_subpage/")
    assert response.url == add_url(TreatmentPage, clinic_site.treatment_index)
    assert admin_client.get(response.url).status_code == 200


@pytest.mark.parametrize(
    "model, parent", [(TreatmentPage, "home"), (SymptomArticlePage, "treatment_index")]
)
def test_admin_refuses_a_page_type_in_the_wrong_place(admin_client, clinic_site, model, parent):
    response = admin_client.get(add_url(model, getattr(clinic_site, parent)), follow=True)
    assert response.redirect_chain[0] == ("/admin/", 302)
    assert "permission" in response.content.decode().lower()
