"""Patients' pages come from the page cache after the first view, and never stale: a publish,
an unpublish, a move, a deletion or a change to the clinic's settings shows on the next view.
Editors, forms, posts and anything carrying a cookie never touch the shared cache."""

import http.server
import os
import threading

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from clinic.base.models import ClinicSettings
from education.models import SymptomIndexPage
from tests.appointment_data import answers
from tests.conftest import make_article, publish
from tests.helpers import html, make_user, run_python, text_of

CACHE_HEADER = "X-Wagtail-Cache"

PATIENT_PAGES = [
    "/",
    "/treatments/",
    "/treatments/joint-manipulation/",
    "/symptoms/",
    "/symptoms/?tag=lower-back",
    "/symptoms/?page=2",
    "/symptoms/back-spasms/",
    "/contact/",
]


def text(client, url):
    return text_of(html(client.get(url)))


def links_to(client, url, target):
    return html(client.get(url)).select_one(f"main a[href='{target}']") is not None


def cache_everything(client, urls=PATIENT_PAGES):
    for url in urls:
        client.get(url)
        assert client.get(url)[CACHE_HEADER] == "hit", url


@pytest.mark.parametrize("url", PATIENT_PAGES)
def test_a_second_view_comes_from_the_cache_without_a_database_query(
    client, clinic_site, url, django_assert_num_queries
):
    first = client.get(url)
    assert first.status_code == 200
    assert first[CACHE_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    # Browsers keep it a minute: nothing can purge them.
    assert second["Cache-Control"] == "max-age=60"
    assert "Expires" not in second


def test_a_page_that_is_not_there_is_cached_too(client, clinic_site, django_assert_num_queries):
    assert client.get("/no-such-page/").status_code == 404
    with django_assert_num_queries(0):
        response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response[CACHE_HEADER] == "hit"


def test_publishing_a_change_shows_on_the_next_view_of_every_page(client, clinic_site):
    cache_everything(client)

    article = clinic_site.article
    article.title = "Back spasms and cramps"
    article.summary = "Why the back locks up, and what eases it."
    article.save_revision().publish()

    page = text(client, "/symptoms/back-spasms/")
    assert "Back spasms and cramps" in page
    assert "Why the back locks up" in page
    # The cards of the article on other pages change with it.
    assert "Back spasms and cramps" in text(client, "/")
    assert "Back spasms and cramps" in text(client, "/symptoms/")
    assert "Back spasms and cramps" in text(client, "/treatments/joint-manipulation/")


def test_an_article_published_in_the_admin_shows_at_once(admin_client, clinic_site):
    patient = Client()
    cache_everything(patient, ["/symptoms/back-spasms/", "/symptoms/"])
    article = clinic_site.article
    form = nested_form_data(
        {
            "title": "Back spasms",
            "slug": "back-spasms",
            "summary": "Why the back locks up, and what eases it.",
            "body": streamfield([]),
            "signs": article.signs,
            "causes": article.causes,
            "treatment_links": inline_formset([]),
            "urgent_help": rich_text(article.urgent_help),
            "prevention": article.prevention,
            "tags": "",
            "seo_title": "",
            "search_description": "",
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{article.pk}/edit/", form)
    assert response.status_code == 302

    assert "Why the back locks up" in text(patient, "/symptoms/back-spasms/")
    assert "Why the back locks up" in text(patient, "/symptoms/")


def test_an_unpublished_page_is_gone_at_once(client, clinic_site):
    cache_everything(client)

    clinic_site.article.unpublish()

    assert client.get("/symptoms/back-spasms/").status_code == 404
    for url in ["/", "/symptoms/", "/treatments/joint-manipulation/"]:
        assert not links_to(client, url, "/symptoms/back-spasms/"), url


def test_a_deleted_page_is_gone_at_once(client, clinic_site):
    cache_everything(client)

    clinic_site.article.delete()

    assert client.get("/symptoms/back-spasms/").status_code == 404
    for url in ["/", "/symptoms/", "/treatments/joint-manipulation/"]:
        assert not links_to(client, url, "/symptoms/back-spasms/"), url


def test_a_moved_page_is_served_at_its_new_address_only(client, clinic_site):
    conditions = publish(
        clinic_site.home,
        SymptomIndexPage(title="Conditions", slug="conditions", summary="Conditions we see."),
    )
    cache_everything(client)
    assert client.get("/conditions/back-spasms/").status_code == 404

    clinic_site.article.move(conditions, pos="last-child")

    assert "Back spasms" in text(client, "/conditions/back-spasms/")
    old = client.get("/symptoms/back-spasms/")
    # Wagtail leaves a permanent redirect at the old address.
    assert old.status_code in (301, 404)
    if old.status_code == 301:
        assert old["Location"].endswith("/conditions/back-spasms/")
    assert not links_to(client, "/symptoms/", "/symptoms/back-spasms/")
    assert links_to(client, "/conditions/", "/conditions/back-spasms/")


def test_a_scheduled_page_shows_when_the_scheduler_publishes_it(client, clinic_site):
    article = make_article(clinic_site.symptom_index, "Sciatica", slug="sciatica")
    article.unpublish()
    assert client.get("/symptoms/sciatica/").status_code == 404
    assert client.get("/symptoms/sciatica/")[CACHE_HEADER] == "hit"
    cache_everything(client, ["/symptoms/"])

    revision = article.save_revision()
    revision.approved_go_live_at = revision.created_at
    revision.save()
    call_command("publish_scheduled")

    assert client.get("/symptoms/sciatica/").status_code == 200
    assert "Sciatica" in text(client, "/symptoms/")


def test_a_change_to_the_clinic_settings_shows_on_every_cached_page(client, clinic_site):
    cache_everything(client)

    clinic = ClinicSettings.objects.get()
    clinic.phone = "555-0177"
    clinic.save()

    for url in PATIENT_PAGES:
        page = text(client, url)
        assert "555-0177" in page, url
        assert "555-0100" not in page, url


def test_a_change_to_a_reviewer_shows_on_their_articles(client, clinic_site):
    cache_everything(client, ["/symptoms/back-spasms/"])

    clinic_site.reviewer.name = "Dr. Ana Ruiz-Moreno"
    clinic_site.reviewer.save()

    assert "Dr. Ana Ruiz-Moreno" in text(client, "/symptoms/back-spasms/")


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, clinic_site):
    cache_everything(client, ["/symptoms/back-spasms/"])

    PageViewRestriction.objects.create(
        page=clinic_site.article, restriction_type=PageViewRestriction.PASSWORD, password="pw"
    )

    response = client.get("/symptoms/back-spasms/")
    assert "Sudden tightness in the lower back" not in response.content.decode()
    assert response[CACHE_HEADER] != "hit"
    assert not links_to(client, "/symptoms/", "/symptoms/back-spasms/")


def test_a_logged_in_editor_sees_fresh_pages_and_never_fills_the_cache(client, clinic_site):
    editor = Client()
    editor.force_login(make_user("editor", "Editors"))

    response = editor.get("/symptoms/back-spasms/")
    assert response[CACHE_HEADER] == "skip"
    assert "private" in response["Cache-Control"]
    # The editor's view left nothing for patients.
    assert client.get("/symptoms/back-spasms/")[CACHE_HEADER] == "miss"

    # A change that reaches the database without a publish signal: patients keep the
    # cached page until it expires, the editor sees the database.
    type(clinic_site.article).objects.filter(pk=clinic_site.article.pk).update(
        summary="Changed behind the cache's back."
    )
    assert "Changed behind" not in text(client, "/symptoms/back-spasms/")
    assert "Changed behind" in text(editor, "/symptoms/back-spasms/")


def test_an_editors_draft_never_reaches_patients(admin_client, clinic_site):
    article = clinic_site.article
    article.summary = "A draft nobody has approved."
    article.save_revision()

    draft = text_of(html(admin_client.get(f"/admin/pages/{article.pk}/view_draft/")))
    assert "A draft nobody has approved." in draft
    assert "Treatments that can help Exercise therapy" in draft

    assert "A draft nobody has approved." not in text(Client(), "/symptoms/back-spasms/")


@pytest.fixture
def redis_pages(settings):
    """The page cache on a Redis database of these tests' own, whose keys can be counted."""
    from clinic.settings.base import redis_cache

    settings.CACHES = {
        **settings.CACHES,
        "pages": redis_cache("redis://127.0.0.1:6379/11", TIMEOUT=60),
    }
    pages = caches["pages"]
    pages.clear()
    yield pages
    pages.clear()


def test_unknown_query_parameters_never_make_page_cache_entries(client, clinic_site, redis_pages):
    cache_everything(client, ["/", "/symptoms/"])
    entries = len(redis_pages.keys("*"))

    for n in range(20):
        response = client.get(f"/?junk={n}")
        assert response.status_code == 200
        assert response[CACHE_HEADER] == "skip"  # rendered afresh, neither read nor stored
        assert "private" in response["Cache-Control"]  # nor kept by a CDN
    assert client.get("/?junk=0")[CACHE_HEADER] == "skip"
    assert client.get("/symptoms/?tag=lower-back&junk=1")[CACHE_HEADER] == "skip"
    assert len(redis_pages.keys("*")) == entries

    # The parameters the pages read still make entries of their own.
    assert client.get("/symptoms/?page=2")[CACHE_HEADER] == "miss"
    assert client.get("/symptoms/?page=2")[CACHE_HEADER] == "hit"
    assert len(redis_pages.keys("*")) > entries


def test_a_link_with_tracking_parameters_is_served_from_the_pages_entry(client, clinic_site):
    cache_everything(client, ["/treatments/"])
    response = client.get("/treatments/?utm_source=newsletter&utm_campaign=spring")
    assert response[CACHE_HEADER] == "hit"


def test_a_post_is_never_answered_from_the_cache(client, clinic_site):
    cache_everything(client, ["/symptoms/back-spasms/"])

    response = client.post("/symptoms/back-spasms/")
    assert response[CACHE_HEADER] == "skip"


def tickets_on_the_form(client):
    response = client.get("/appointments/request/")
    assert response[CACHE_HEADER] == "skip"
    assert "no-store" in response["Cache-Control"]
    form = html(response)
    return (
        form.select_one("input[name='ticket']")["value"],
        form.select_one("input[name='csrfmiddlewaretoken']")["value"],
    )


def test_the_appointment_form_is_never_cached(clinic_site):
    first_ticket, first_token = tickets_on_the_form(Client())
    second_ticket, second_token = tickets_on_the_form(Client())
    assert first_ticket != second_ticket
    assert first_token != second_token


def test_a_cached_page_never_carries_another_visitors_cookie(clinic_site):
    first = Client()
    first.get("/appointments/request/")
    assert "csrftoken" in first.cookies
    for url in PATIENT_PAGES:
        assert not first.get(url).cookies, url

    second = Client()
    for url in PATIENT_PAGES:
        response = second.get(url)
        assert response[CACHE_HEADER] == "hit", url
        assert not response.cookies, url
        assert "csrfmiddlewaretoken" not in response.content.decode(), url


def test_a_visitor_with_a_session_gets_their_own_pages(client, clinic_site, django_user_model):
    """An editor signed in to the admin has a session."""
    cache_everything(client, ["/treatments/"])
    editor = Client()
    editor.force_login(django_user_model.objects.create_user("editor", password="x" * 16))

    assert editor.get("/treatments/")[CACHE_HEADER] == "skip"


def test_a_patient_who_sent_a_request_still_reads_cached_pages(client, clinic_site):
    cache_everything(client, ["/treatments/"])
    patient = Client()
    assert patient.post("/appointments/request/", answers()).status_code == 302
    assert patient.get("/appointments/request/sent/").status_code == 200

    assert patient.get("/treatments/")[CACHE_HEADER] == "hit"


def test_pages_render_when_the_cache_store_fails(client, clinic_site, settings, tmp_path):
    store = tmp_path / "pages"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": store,
        },
    }
    caches["pages"]  # makes its directory
    # ...which becomes a file: every read and write of the page cache now fails.
    store.rmdir()
    store.write_text("")

    for url in PATIENT_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response[CACHE_HEADER] == "err", url
    form = html(client.get("/appointments/request/"))
    assert form.select_one("select[name='treatment']") and form.select_one("[name='ticket']")

    clinic_site.article.title = "Back spasms and cramps"
    clinic_site.article.save_revision().publish()
    assert "Back spasms and cramps" in text(client, "/symptoms/back-spasms/")


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    """A CDN that takes HTTP PURGE requests (as Varnish does) and notes what they name."""

    purged = []

    def do_PURGE(self):  # noqa: N802 - the HTTP method's name
        self.purged.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    PurgeRecorder.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "purge": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def test_publishing_purges_every_page_from_the_cdn(
    clinic_site, cdn, django_capture_on_commit_callbacks
):
    clinic_site.article.tags.add("lower back")
    with django_capture_on_commit_callbacks(execute=True):
        clinic_site.article.save_revision().publish()

    site = clinic_site.site.root_url
    for path in [
        "/",
        "/treatments/",
        "/treatments/joint-manipulation/",
        "/symptoms/",
        "/symptoms/?tag=lower-back",
        "/symptoms/back-spasms/",
        "/contact/",
        "/sitemap.xml",
    ]:
        assert site + path in cdn, path


def test_nothing_is_purged_until_the_change_is_committed(
    clinic_site, cdn, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        clinic_site.article.save_revision().publish()
    assert callbacks
    assert cdn == []


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("CLOUDFLARE", "FRONTEND"))}
    clean.update(env, DJANGO_SETTINGS_MODULE="clinic.settings.dev")
    result = run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings;"
        " print(sorted(settings.WAGTAILFRONTENDCACHE), settings.PAGE_CACHE_CONTROL)",
        env=clean,
    )
    return result.stdout.strip()


def test_the_cdn_purge_is_off_unless_the_environment_names_one():
    assert settings_with() == "[] max-age=60"


def test_a_cdn_named_in_the_environment_is_purged_and_may_keep_pages_an_hour():
    configured = settings_with(
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",
        FRONTEND_CACHE_PURGE_URL="http://varnish",
    )
    assert configured == "['cloudflare', 'purge'] max-age=60, s-maxage=3600"


def test_on_redis_publishing_empties_the_pages_but_not_the_rate_limits(client, clinic_site):
    """Emptying the page store flushes its Redis database, so it must not be the one the rate
    limits live in: the settings give each store its own."""
    from django.test import override_settings

    from clinic.settings.base import next_redis_database, redis_cache

    default_url = "redis://127.0.0.1:6379/12"
    stores = {
        "default": redis_cache(default_url),
        "pages": redis_cache(next_redis_database(default_url), TIMEOUT=60),
    }
    assert stores["pages"]["LOCATION"] == "redis://127.0.0.1:6379/13"
    with override_settings(CACHES=stores):
        caches["default"].set("rate-limit:example", 3)
        cache_everything(client)
        assert client.get("/")["X-Wagtail-Cache"] == "hit"

        clinic_site.joint.save_revision().publish()

        assert client.get("/")["X-Wagtail-Cache"] == "miss"
        assert caches["default"].get("rate-limit:example") == 3
        for alias in stores:
            caches[alias].clear()


def test_a_new_phone_number_shows_at_once_on_pages_that_are_never_cached(client, clinic_site):
    """The clinic's settings are kept in the page store too, and emptied with it."""
    assert "555-0188" not in client.get("/appointments/request/").content.decode()
    clinic = ClinicSettings.for_site(clinic_site.site)
    clinic.phone = "555-0188"
    clinic.save()
    assert "555-0188" in client.get("/appointments/request/").content.decode()
