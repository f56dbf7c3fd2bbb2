"""A small clinic site for the tests: a home page, two treatments, one symptom article."""

import datetime
import fcntl
import os
import shutil
from io import StringIO
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, transaction
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Site

from clinic.base.models import ClinicSettings
from clinic.home.models import HomePage
from clinic.people.models import Practitioner, TeamPage
from clinic.safety.models import Urgency, WarningSign
from clinic.web.outage import remember_contact
from education.models import (
    SymptomArticlePage,
    SymptomArticleTreatment,
    SymptomIndexPage,
)
from education.workflows import assign_clinical_review
from tests.helpers import logged_in, make_user, run_python
from treatments.models import TreatmentIndexPage, TreatmentPage

REVIEWER = "Dr. Ana Ruiz"
# The test site's warning signs, in order: two emergencies, then one for the same day.
WARNING_SIGNS = [
    (
        "Numbness around the groin or buttocks",
        Urgency.EMERGENCY,
        "This needs a hospital within hours.",
    ),
    (
        "New problems controlling your bladder or bowels",
        Urgency.EMERGENCY,
        "The nerves may be squeezed.",
    ),
    ("Fever with your back pain", Urgency.SAME_DAY, "An infection needs a doctor."),
]


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


def build_clinic_site():
    """The page tree patients see, with the default Site pointing at its home page, in place
    of Wagtail's welcome page."""
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
        phone="(503) 555-0100",
        email="hello@lumbar.example",
        emergency_number="911",
        urgent_care_advice="Call 911 if you cannot feel your legs.",
    )

    for order, (wording, urgency, advice) in enumerate(WARNING_SIGNS):
        WarningSign.objects.create(
            wording=wording, urgency=urgency, advice=advice, sort_order=order
        )

    treatment_index = publish(
        home,
        TreatmentIndexPage(
            title="Treatments", slug="treatments", summary="What we offer.", show_in_menus=True
        ),
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
        home,
        SymptomIndexPage(
            title="Symptoms", slug="symptoms", summary="Read about symptoms.", show_in_menus=True
        ),
    )
    publish(
        home,
        TeamPage(title="Our team", slug="team", summary="The clinicians who will see you."),
    )
    reviewer = Practitioner.objects.create(
        name=REVIEWER,
        role="Chiropractor",
        credentials="DC, chiropractor",
        bio="Ana treats back pain with her hands and with exercise.",
    )
    reviewer.treatments = [joint]
    reviewer.save()
    make_article(
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


def new_install():
    """Undo build_clinic_site(): the database as a new Wagtail install leaves it, with the
    welcome page (as Wagtail's initial migration makes it) as the default site's root."""
    site = Site.objects.get(is_default_site=True)
    home = site.root_page
    welcome = Page.get_first_root_node().add_child(
        instance=Page(title="Welcome to your new Wagtail site!", slug="home")
    )
    site.root_page = welcome
    site.site_name = ""
    site.save()
    ClinicSettings.objects.filter(site=site).delete()
    home.delete()
    Practitioner.objects.filter(name=REVIEWER).delete()
    WarningSign.objects.filter(wording__in=[wording for wording, *_ in WARNING_SIGNS]).delete()


def pytest_collection_modifyitems(items):
    """pytest-django runs the tests that use the database first, and the rest after them. The
    browser tests must stay last (they replace the shared site with the shipped content), but
    tests that never touch the database go first instead: several wait on subprocesses for
    many seconds, and started late they would leave one worker busy while the others idle."""
    items.sort(key=uses_the_database)


def uses_the_database(item):
    return bool(item.get_closest_marker("django_db")) or "django_db_setup" in item.fixturenames


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """The test database, migrated, with the clinic's site built once for the whole run (once
    per worker under pytest-xdist, each with a database of its own); each test's changes are
    rolled back at its end.

    pytest-django's own fixture, replaced: it creates the database only when a selected test
    is marked for it, and the browser tests are not (they commit, for their server to see),
    so `pytest -m e2e` would find none. Its --reuse-db and --no-migrations are not supported.

    A test whose data another connection must see commits it (committed_db) and deletes it
    itself: a transactional test (django_db(transaction=True)) would empty the database for
    the tests after it.

    Where the test database is a SQLite file (the browser tests are selected), it starts as a
    copy of the run's migrated file (migrated_sqlite), kept as it is (keepdb: migrate finds
    nothing to do), rather than each worker migrating a database of its own."""
    from django.conf import settings
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    sqlite_file = sqlite_test_file(settings.DATABASES[DEFAULT_DB_ALIAS])
    if sqlite_file:
        shutil.copyfile(request.getfixturevalue("migrated_sqlite"), sqlite_file)
    with django_db_blocker.unblock():
        databases = setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=bool(sqlite_file),
            aliases={DEFAULT_DB_ALIAS},
            serialized_aliases=set(),
        )
        build_clinic_site()
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=verbosity)


def sqlite_test_file(database):
    """The file of the SQLite test database; None on PostgreSQL or where it is in memory."""
    if not database["ENGINE"].endswith("sqlite3"):
        return None
    return database.get("TEST", {}).get("NAME")


@pytest.fixture
def clinic_site(db):
    """The page tree patients see (build_clinic_site), read afresh for each test."""
    site = Site.objects.select_related("root_page").get(is_default_site=True)
    # The caches as building it left them (each test starts with empty ones): saved clinic
    # settings leave the phone number for the outage page there.
    remember_contact(ClinicSettings.objects.get(site=site))
    return SimpleNamespace(
        site=site,
        home=site.root_page.specific,
        treatment_index=TreatmentIndexPage.objects.get(slug="treatments"),
        joint=TreatmentPage.objects.get(slug="joint-manipulation"),
        exercise=TreatmentPage.objects.get(slug="exercise-therapy"),
        symptom_index=SymptomIndexPage.objects.get(slug="symptoms"),
        article=SymptomArticlePage.objects.get(slug="back-spasms"),
        team=TeamPage.objects.get(),
        reviewer=Practitioner.objects.get(name=REVIEWER),
    )


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """The test database with no transaction around the test: what it writes is committed at
    once, for another connection (a server's, a scheduler's) to see, and the test deletes it
    itself. pytest-django runs such tests after those it wraps in a transaction."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory, worker_id):
    """A SQLite file with every migration applied and nothing more, as `migrate` leaves a new
    database: made once for the run (the first worker to ask makes it, the others wait), so
    the tests that need a database file of their own start from a copy (migrated_copy)
    instead of migrating one from nothing, which takes seconds each."""
    folder = tmp_path_factory.getbasetemp()
    if worker_id != "master":
        folder = folder.parent  # the run's own folder, above each worker's
    path = folder / "migrated.sqlite3"
    with open(folder / "migrated.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            building = folder / "migrating.sqlite3"
            env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
            env.update(
                DJANGO_SETTINGS_MODULE="clinic.settings.test",
                DATABASE_URL=f"sqlite:///{building}",
            )
            run_python("manage.py", "migrate", "--noinput", "-v", "0", env=env, timeout=180)
            building.rename(path)
    return path


@pytest.fixture
def migrated_copy(migrated_sqlite, tmp_path):
    """The test's own copy of migrated_sqlite."""
    copy = tmp_path / "db.sqlite3"
    shutil.copyfile(migrated_sqlite, copy)
    return copy


@pytest.fixture
def wagtail_as_installed(db):
    """For tests of what starts from a new install (the content loader): the shared site is
    taken away for this test, and comes back when its changes are rolled back."""
    new_install()


@pytest.fixture(scope="class")
def shipped_content(django_db_setup, django_db_blocker):
    """The clinic's content as `make run` loads it on a new install, in place of the shared
    site, for the tests of one class (shipped_site): loaded once, in a transaction that each
    test's own changes are rolled back to and that is rolled back after the class."""
    with django_db_blocker.unblock(), transaction.atomic():
        new_install()
        report = StringIO()
        call_command("load_clinic_content", stdout=report)
        yield report.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def shipped_site(shipped_content, db):
    """The shipped content (shipped_content) for a test in a class; what the loader reported."""
    return shipped_content


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
    browser tests are selected (their server is a separate process), it is a file instead, in
    a temporary folder of each pytest-xdist worker's own. On PostgreSQL pytest-django names
    each worker's database after it (test_<name>_gw0, ...)."""
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


# Clinical review: both health sections under the workflow, an editor and a clinician


@pytest.fixture
def review_site(clinic_site):
    """The clinic's site with both health sections under Clinical review, as on a site
    whose content was loaded by `load_clinic_content`."""
    assign_clinical_review(clinic_site.treatment_index)
    assign_clinical_review(clinic_site.symptom_index)
    return clinic_site


@pytest.fixture
def editor_user(review_site):
    return make_user("erin", "Editors", first_name="Erin", last_name="Editor")


@pytest.fixture
def editor(editor_user):
    return logged_in(editor_user)


@pytest.fixture
def clinician_user(review_site):
    user = make_user("sam", "Clinicians", first_name="Sam", last_name="Lee")
    Practitioner.objects.create(
        name="Dr. Sam Lee", credentials="DC, chiropractor", bio="Sam treats backs.", user=user
    )
    return user


@pytest.fixture
def clinician(clinician_user):
    return logged_in(clinician_user)


@pytest.fixture
def front_desk(clinic_site):
    """A browser logged in as a member of the Front desk group."""
    return logged_in(make_user("dana", "Front desk"))
