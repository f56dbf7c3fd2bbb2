"""A small clinic site for the tests: a home page, two treatments, one symptom article."""

import datetime
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from clinic.base.models import ClinicSettings
from clinic.home.models import HomePage
from education.models import (
    Reviewer,
    SymptomArticlePage,
    SymptomArticleTreatment,
    SymptomIndexPage,
)
from tests.helpers import logged_in, make_user
from treatments.models import TreatmentIndexPage, TreatmentPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_treatment(index, title, **fields):
    fields.setdefault("summary", f"What {title.lower()} is and how it helps.")
    return publish(index, TreatmentPage(title=title, **fields))


def make_article(index, title, treatments=(), **fields):
    fields.setdefault("summary", f"What {title.lower()} are and what helps.")
    fields.setdefault("urgent_help", "<p>Numbness around the groin needs urgent care.</p>")
    links = [
        SymptomArticleTreatment(treatment=treatment, sort_order=order)
        for order, treatment in enumerate(treatments)
    ]
    return publish(index, SymptomArticlePage(title=title, treatment_links=links, **fields))


@pytest.fixture
def clinic_site(db):
    """The page tree patients see, with the default Site pointing at its home page."""
    root = Page.get_first_root_node()
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    home = root.add_child(
        instance=HomePage(
            title="Lumbar Chiropractic",
            slug="lumbar",
            summary="Chiropractic and musculoskeletal care for back and neck pain.",
            what_we_treat="<p>Back spasms, neck pain and stiff joints.</p>",
        )
    )
    home.save_revision().publish()
    site.root_page = home
    site.site_name = "Lumbar"
    site.save()
    welcome.delete()

    ClinicSettings.objects.create(
        site=site,
        clinic_name="Lumbar Chiropractic",
        phone="555-0100",
        email="hello@lumbar.example",
        address="12 Spine Street\nSpringfield",
        opening_hours="Mon–Fri 8:00–18:00",
        emergency_number="911",
        urgent_care_advice="Call 911 if you cannot feel your legs.",
    )

    treatment_index = publish(
        home, TreatmentIndexPage(title="Treatments", slug="treatments", summary="What we offer.")
    )
    joint = make_treatment(
        treatment_index,
        "Joint manipulation",
        slug="joint-manipulation",
        visit_length="About 30 minutes",
        what_to_wear="Loose, comfortable clothes.",
        what_happens="<p>We examine your spine first.</p>",
        who_it_helps="<p>People with stiff, painful backs.</p>",
        safety_notes="<p>Not suitable with osteoporosis.</p>",
    )
    exercise = make_treatment(treatment_index, "Exercise therapy", slug="exercise-therapy")

    symptom_index = publish(
        home, SymptomIndexPage(title="Symptoms", slug="symptoms", summary="Read about symptoms.")
    )
    reviewer = Reviewer.objects.create(name="Dr. Ana Ruiz", credentials="DC, chiropractor")
    article = make_article(
        symptom_index,
        "Back spasms",
        slug="back-spasms",
        treatments=[exercise, joint],
        signs="Sudden tightness in the lower back\nPain when bending",
        causes="Overworked muscles\nSports injuries",
        prevention="Stretch every day\nStrength training",
        reviewer=reviewer,
        last_reviewed=datetime.date(2026, 3, 1),
        next_review_due=datetime.date(2027, 3, 1),
    )
    return SimpleNamespace(
        site=site,
        home=home,
        treatment_index=treatment_index,
        joint=joint,
        exercise=exercise,
        symptom_index=symptom_index,
        article=article,
        reviewer=reviewer,
    )


@pytest.fixture
def image(db, settings, tmp_path):
    """An uploaded picture with no description of its own."""
    settings.MEDIA_ROOT = tmp_path
    return Image.objects.create(title="spine.png", file=get_test_image_file("spine.png"))


@pytest.fixture
def admin_client(client, clinic_site):
    """A browser logged in to the admin as a superuser."""
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
    client.force_login(user)
    return client


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, request):
    """On SQLite the test database lives in memory, out of reach of another process; when the
    browser tests run (their server is a separate process), it is a file instead."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    browser_tests = any(item.get_closest_marker("e2e") for item in request.session.items)
    if browser_tests and database["ENGINE"].endswith("sqlite3"):
        folder = request.getfixturevalue("tmp_path_factory").mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with empty caches (rate-limit counters, cached pages)."""
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def front_desk(clinic_site):
    """A browser logged in as a member of the Front desk group."""
    return logged_in(make_user("dana", "Front desk"))
