"""`load_clinic_content` builds the clinic's site once and never overwrites editors' work;
`create_dev_admin` gives a developer one admin account, and only under development settings."""

import datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page, Revision, Site

from clinic.base.models import ClinicSettings
from clinic.base.text import lines
from clinic.home.content.warning_signs import WARNING_SIGNS
from clinic.home.models import HomePage, LoadedContent
from clinic.locations.models import LocationPage
from clinic.pages.models import ContentPage
from clinic.people.models import Practitioner
from clinic.safety.models import WarningSign
from education.models import (
    SymptomArticlePage,
    SymptomArticleTreatment,
    SymptomIndexPage,
)
from treatments.models import TreatmentIndexPage, TreatmentPage

# The content loader starts from a new install, without the other tests' shared site: the
# tests of the site it builds share one load (shipped_site); the others start from nothing.
from_a_new_install = pytest.mark.usefixtures("wagtail_as_installed")

SITE_PAGES = {
    "/": HomePage,
    "/treatments/": TreatmentIndexPage,
    "/treatments/joint-manipulation/": TreatmentPage,
    "/treatments/soft-tissue-manipulation/": TreatmentPage,
    "/treatments/circulation-therapies/": TreatmentPage,
    "/treatments/exercise-therapy/": TreatmentPage,
    "/symptoms/": SymptomIndexPage,
    "/symptoms/back-spasms/": SymptomArticlePage,
    "/about/": ContentPage,
    "/first-visit/": ContentPage,
    "/fees/": ContentPage,
    "/privacy/": ContentPage,
    "/accessibility/": ContentPage,
    "/fairview/": LocationPage,
}
TREATMENT_SLUGS = [
    "joint-manipulation",
    "soft-tissue-manipulation",
    "circulation-therapies",
    "exercise-therapy",
]
# Settings, practitioner, fifteen pages and the warning signs.
ITEM_COUNT = 17 + len(WARNING_SIGNS)


def load_clinic_content():
    out = StringIO()
    call_command("load_clinic_content", stdout=out)
    return out.getvalue()


def create_dev_admin():
    out = StringIO()
    call_command("create_dev_admin", stdout=out)
    return out.getvalue()


def site_page(url):
    """The live page a visitor reaches at `url` on the default site."""
    root = Site.objects.get(is_default_site=True).root_page
    return Page.objects.live().get(url_path=root.url_path + url.removeprefix("/")).specific


def database_state():
    return {
        "pages": list(Page.objects.values_list("pk", "url_path", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "settings": list(ClinicSettings.objects.values()),
        "practitioners": list(Practitioner.objects.values()),
        "warning signs": list(WarningSign.objects.values()),
        "links": list(SymptomArticleTreatment.objects.values()),
        "sites": list(Site.objects.values()),
    }


class TestTheSiteItBuilds:
    """What a first run builds, and what later runs leave of editors' changes (shipped_site)."""

    # The site a first run builds

    def test_every_page_is_live_at_its_address(self, shipped_site):
        for url, page_type in SITE_PAGES.items():
            page = site_page(url)

            assert isinstance(page, page_type), url
            assert page.get_url() == url
            assert page.title and page.summary, url
            assert len(page.summary) <= 300, url

    def test_every_page_opens_for_visitors(self, shipped_site, client):
        for url in SITE_PAGES:
            response = client.get(url)

            assert response.status_code == 200, url
            assert escape(site_page(url).title) in response.content.decode(), url

    def test_home_page_replaces_the_welcome_page_as_the_site_root(self, shipped_site):
        site = Site.objects.get(is_default_site=True)

        assert isinstance(site.root_page.specific, HomePage)
        assert site.root_page.get_parent().is_root()
        assert not Page.objects.filter(
            title__startswith="Welcome to your new Wagtail site"
        ).exists()
        assert (site.hostname, site.port) == ("testserver", 80)  # WAGTAILADMIN_BASE_URL
        assert site.site_name == "Lumbar Chiropractic & Musculoskeletal Clinic"
        assert site.root_page.specific.what_we_treat

    def test_pages_are_published_with_a_revision_history(self, shipped_site):
        for url in SITE_PAGES:
            page = site_page(url)
            assert page.live_revision is not None
            assert page.live_revision == page.latest_revision
            assert page.first_published_at is not None
            assert not page.has_unpublished_changes

    def test_treatment_pages_have_every_field_filled(self, shipped_site):
        for slug in TREATMENT_SLUGS:
            page = TreatmentPage.objects.get(slug=slug)

            for field in ["visit_length", "what_to_wear", "what_happens", "who_it_helps"]:
                assert getattr(page, field), (slug, field)
            assert "not" in page.safety_notes, slug  # says when the treatment is not suitable
            assert page.hero_image is None
            block_types = {block.block_type for block in page.body}
            assert {"heading", "paragraph", "callout", "faq", "steps"} <= block_types, slug
            faq = next(block.value for block in page.body if block.block_type == "faq")
            assert len(faq["questions"]) >= 3, slug
            page.body.stream_block.clean(page.body)  # e.g. headings within their length limit

    def test_circulation_therapies_cover_heat_cold_electrical_stimulation_and_ultrasound(
        self, shipped_site
    ):
        page = TreatmentPage.objects.get(slug="circulation-therapies")
        body = str(page.body).lower()

        for therapy in ["cold", "heat", "electrical stimulation", "ultrasound"]:
            assert therapy in body
        assert "pacemaker" in page.safety_notes
        assert "growth plates" in page.safety_notes

    def test_back_spasm_article_recommends_all_four_treatments_in_order(self, shipped_site):
        article = SymptomArticlePage.objects.get(slug="back-spasms")

        assert [treatment.slug for treatment in article.recommended_treatments] == TREATMENT_SLUGS

    def test_back_spasm_article_is_reviewed_with_the_next_review_a_year_later(self, shipped_site):
        article = SymptomArticlePage.objects.get(slug="back-spasms")
        today = timezone.localdate()

        assert article.reviewer.name == "Dr. Maya Ellison"
        assert article.reviewer.credentials
        assert article.last_reviewed == today
        assert article.next_review_due > today + datetime.timedelta(days=364)
        assert article.next_review_due <= today + datetime.timedelta(days=366)

    def test_shipped_health_pages_read_at_the_clinics_target_grade(self, shipped_site):
        """Otherwise an editor could not send them for review again without a clinician's
        reason (the reading level is a publishing rule)."""
        for page in [*TreatmentPage.objects.all(), *SymptomArticlePage.objects.all()]:
            assert page.reading_grade_target() == 8
            assert not page.is_above_reading_level(), page.title

    def test_the_team_page_shows_the_first_practitioners_profile(self, shipped_site, client):
        practitioner = Practitioner.objects.get()
        assert (practitioner.name, practitioner.role) == ("Dr. Maya Ellison", "Chiropractor")
        assert "English" in practitioner.language_list
        assert [t.slug for t in practitioner.treatments.all()] == [
            "joint-manipulation",
            "soft-tissue-manipulation",
            "exercise-therapy",
        ]
        assert [location.slug for location in practitioner.locations.all()] == ["fairview"]
        team = site_page("/team/")
        assert team.show_in_menus
        profile = client.get("/team/dr-maya-ellison/")
        assert profile.status_code == 200
        assert "Request an appointment with Dr. Maya Ellison" in profile.content.decode()

    def test_back_spasm_article_explains_signs_causes_prevention_and_urgent_help(
        self, shipped_site
    ):
        article = SymptomArticlePage.objects.get(slug="back-spasms")

        assert len(article.sign_list) >= 3
        assert len(article.cause_list) >= 3
        assert len(article.prevention_list) >= 3
        assert "911" in article.urgent_help
        assert "bladder" in article.urgent_help
        assert "eight in ten" in str(article.body)
        block_types = [block.block_type for block in article.body]
        assert {"heading", "paragraph", "callout", "faq"} <= set(block_types)
        article.body.stream_block.clean(article.body)

    def test_clinic_settings_are_filled_for_the_default_site(self, shipped_site):
        clinic = ClinicSettings.objects.get(site__is_default_site=True)

        assert clinic.clinic_name == "Lumbar Chiropractic & Musculoskeletal Clinic"
        assert "555" in clinic.phone
        assert clinic.email.endswith(".example")
        assert clinic.emergency_number == "911"
        assert "not an emergency service" in clinic.urgent_care_advice

    def test_the_warning_signs_cover_the_back_pain_red_flags_and_the_emergencies(
        self, shipped_site, client
    ):
        """Those the form asked about, and those the urgent-care advice named (chest pain...)."""
        signs = {sign.wording: sign for sign in WarningSign.objects.all()}
        for words in ["groin", "bladder", "legs", "fall", "Chest pain", "breathing", "Fever"]:
            assert any(words in wording for wording in signs), words
        assert all(sign.advice and sign.latest_revision for sign in signs.values())
        card = client.get("/symptoms/back-spasms/").content.decode()
        assert escape(next(w for w in signs if "Chest pain" in w)) in card

    def test_warning_signs_clinicians_changed_or_deleted_are_left_so(self, shipped_site):
        chest, breathing = (
            WarningSign.objects.get(wording__startswith=start)
            for start in ["Chest pain", "Difficulty breathing"]
        )
        chest.advice = "Call 911: do not drive yourself."
        chest.save()
        breathing.delete()

        load_clinic_content()

        assert WarningSign.objects.get(pk=chest.pk).advice == "Call 911: do not drive yourself."
        assert not WarningSign.objects.filter(wording__startswith="Difficulty breathing").exists()

    def test_first_run_reports_each_item_created(self, shipped_site):
        output = lines(shipped_site)

        assert "Created treatment page /treatments/joint-manipulation/" in output
        assert "Created symptom article /symptoms/back-spasms/" in output
        assert sum(line.startswith("Created ") for line in output) == ITEM_COUNT + 1
        assert output[-1] == f"Created {ITEM_COUNT}, skipped 0."

    # Running it again

    def test_second_run_changes_nothing(self, shipped_site):
        before = database_state()

        output = load_clinic_content()

        assert database_state() == before
        assert output.splitlines()[-1] == f"Created 0, skipped {ITEM_COUNT}."
        assert "Skipped treatment page /treatments/exercise-therapy/ (already exists)" in output
        assert sum(line.startswith("Skipped ") for line in lines(output)) == ITEM_COUNT

    def test_second_run_keeps_editors_changes(self, shipped_site):
        treatment = TreatmentPage.objects.get(slug="joint-manipulation")
        treatment.summary = "Edited by the clinic's editor."
        treatment.save_revision().publish()
        clinic = ClinicSettings.objects.get()
        clinic.phone = "(503) 555-0199"
        clinic.save()
        reviewer = Practitioner.objects.get()
        reviewer.credentials = "DC, clinical director"
        reviewer.save()

        load_clinic_content()

        treatment.refresh_from_db()
        assert treatment.summary == "Edited by the clinic's editor."
        assert treatment.live_revision == treatment.latest_revision
        assert ClinicSettings.objects.get().phone == "(503) 555-0199"
        assert Practitioner.objects.get().credentials == "DC, clinical director"

    def test_pages_editors_deleted_stay_deleted(self, shipped_site):
        TreatmentPage.objects.get(slug="exercise-therapy").delete()

        output = load_clinic_content()

        assert not TreatmentPage.objects.filter(slug="exercise-therapy").exists()
        assert (
            "Skipped treatment page /treatments/exercise-therapy/ "
            "(deleted since it was loaded; not recreated)" in output
        )
        assert output.splitlines()[-1] == f"Created 0, skipped {ITEM_COUNT}."

    def test_a_deleted_section_takes_its_pages_with_it(self, shipped_site):
        TreatmentIndexPage.objects.get().delete()

        output = load_clinic_content()

        assert not TreatmentPage.objects.exists()
        assert "Skipped treatment page joint-manipulation (its section was deleted)" in output
        assert site_page("/symptoms/back-spasms/").live

    def test_a_setting_added_after_the_first_load_gets_its_default_once(self, shipped_site):
        LoadedContent.objects.filter(key="clinic-settings:front_desk_email").delete()
        ClinicSettings.objects.update(front_desk_email="")

        output = load_clinic_content()

        assert ClinicSettings.objects.get().front_desk_email == "frontdesk@lumbar-clinic.example"
        assert "Filled in the empty clinic settings: front_desk_email" in output
        ClinicSettings.objects.update(front_desk_email="")
        load_clinic_content()
        assert ClinicSettings.objects.get().front_desk_email == ""

    # The general pages and the footer

    def test_the_privacy_notice_and_the_footer_links_are_set_in_the_clinic_settings(
        self, shipped_site, client
    ):
        clinic = ClinicSettings.objects.get()
        assert clinic.privacy_page.url == "/privacy/"
        assert [(link.value["label"], link.value.url()) for link in clinic.footer_links] == [
            ("Contact us", "/contact/"),
            ("Fees and insurance", "/fees/"),
            ("Privacy notice", "/privacy/"),
            ("Accessibility", "/accessibility/"),
        ]
        fees = client.get("/fees/").content.decode()
        assert "<table>" in fees and "First visit" in fees

    def test_footer_links_an_editor_removed_are_not_brought_back(self, shipped_site):
        clinic = ClinicSettings.objects.get()
        clinic.footer_links = []
        clinic.privacy_page = None
        clinic.save()
        privacy = ContentPage.objects.get(slug="privacy")
        privacy.summary = "Our own privacy words."
        privacy.save_revision().publish()

        load_clinic_content()

        clinic.refresh_from_db()
        assert list(clinic.footer_links) == [] and clinic.privacy_page is None
        privacy.refresh_from_db()
        assert privacy.summary == "Our own privacy words."


@from_a_new_install
def test_missing_items_of_a_partly_loaded_site_are_created():
    load_clinic_content()
    LoadedContent.objects.filter(key__contains="exercise-therapy").delete()
    TreatmentPage.objects.get(slug="exercise-therapy").delete()

    output = load_clinic_content()

    assert "Created treatment page /treatments/exercise-therapy/" in output
    assert site_page("/treatments/exercise-therapy/").live


@from_a_new_install
def test_empty_settings_made_by_an_early_page_view_are_filled_in():
    site = Site.objects.get(is_default_site=True)
    ClinicSettings.objects.create(site=site, phone="(503) 555-0142")

    output = load_clinic_content()

    clinic = ClinicSettings.objects.get()
    assert clinic.phone == "(503) 555-0142"
    assert clinic.email and clinic.urgent_care_advice
    assert "Filled in the empty clinic settings" in output


# Sites that are not a fresh install


@from_a_new_install
def test_existing_home_page_is_used_instead_of_a_second_one():
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = root.add_child(instance=HomePage(title="Lumbar", slug="lumbar", summary="Ours."))
    site.root_page = home
    site.save()
    welcome.delete()

    output = load_clinic_content()

    assert HomePage.objects.get().pk == home.pk
    assert "Skipped home page / (already exists)" in output
    assert HomePage.objects.get().summary == "Ours."
    assert TreatmentPage.objects.child_of(TreatmentIndexPage.objects.child_of(home).get()).count()
    assert site_page("/symptoms/back-spasms/").get_parent().get_parent().pk == home.pk


@from_a_new_install
def test_welcome_page_with_children_is_left_alone():
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    welcome.add_child(instance=Page(title="About us", slug="about"))

    output = load_clinic_content()

    site.refresh_from_db()
    assert site.root_page_id == welcome.pk
    assert "not the home page; left as it is" in output
    home = HomePage.objects.get()
    assert home.get_parent().is_root()
    assert home.slug != welcome.slug


@from_a_new_install
def test_page_of_another_type_at_a_slug_stops_the_run_without_changes():
    load_clinic_content()
    TreatmentPage.objects.get(slug="exercise-therapy").delete()
    index = TreatmentIndexPage.objects.get()
    index.add_child(instance=Page(title="Exercise therapy", slug="exercise-therapy"))
    before = database_state()

    with pytest.raises(CommandError, match="rename its slug"):
        load_clinic_content()

    assert database_state() == before


# The developer's admin account


@from_a_new_install
def test_create_dev_admin_refuses_outside_development_settings():
    with pytest.raises(CommandError, match="only runs with development settings"):
        create_dev_admin()

    assert not get_user_model().objects.exists()


@from_a_new_install
def test_create_dev_admin_creates_one_superuser_and_shows_the_password_once(settings):
    settings.CLINIC_ALLOW_DEV_ADMIN = True

    first = create_dev_admin()
    second = create_dev_admin()

    admin = get_user_model().objects.get()
    assert admin.username == "admin"
    assert admin.is_superuser and admin.is_staff
    assert admin.email == "admin@localhost.example"
    password = next(
        line.split(":", 1)[1].strip() for line in lines(first) if line.startswith("Password:")
    )
    assert admin.check_password(password)
    assert "http://127.0.0.1:8000/admin/" in first
    assert "will not be shown again" in first
    assert password not in second
    assert second.strip() == (
        "Log in at http://127.0.0.1:8000/admin/ as admin (password shown on first run; "
        "reset it with `.venv/bin/python manage.py changepassword admin`)."
    )


@from_a_new_install
def test_create_dev_admin_leaves_an_existing_superuser_alone(settings):
    settings.CLINIC_ALLOW_DEV_ADMIN = True
    get_user_model().objects.create_superuser("maya", "maya@lumbar-clinic.example", "x-secret")

    output = create_dev_admin()

    assert get_user_model().objects.count() == 1
    assert "as maya" in output
    assert "changepassword maya" in output
    assert "Password:" not in output
