"""When the database or the cache fails, patients get a clear page, never a traceback.

The database outage is simulated in-process (every query fails as a refused connection does)
and, on PostgreSQL, for real: gunicorn talks to the database through a proxy the test cuts
and restores, and the site comes back without a restart.
"""

import logging
import socket
import threading
import time
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client

from clinic.appointments.models import AppointmentRequest
from clinic.base.models import ClinicSettings
from clinic.settings.base import redis_cache
from clinic.web import cache as breaker
from tests.appointment_data import answers
from tests.gunicorn_process import free_port
from tests.helpers import SilentServer, parse, text_of
from tests.production_site import (
    boot_database,  # noqa: F401 (a fixture)
    fetch,
    manage,
    needs_postgresql,
    production_env,
    serving_image,
)

FORM_URL = "/appointments/request/"
PATIENT_PAGES = ["/", "/treatments/", "/treatments/joint-manipulation/", "/symptoms/back-spasms/"]
LEAKS = ("Traceback", "OperationalError", "DATABASE", "could not connect", "sqlite", "psycopg")


@pytest.fixture
def database_down():
    """Every query fails as it does when the database server cannot be reached."""
    refused = OperationalError("could not connect to server: Connection refused")
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=refused):
        yield


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("path", PATIENT_PAGES)
def test_pages_say_back_shortly_with_the_phone_number(browser, clinic_site, database_down, path):
    response = browser.get(path)

    assert response.status_code == 503
    assert response["Retry-After"] == "120"
    assert "no-store" in response["Cache-Control"]
    page = text_of(parse(response))
    assert "We'll be back shortly" in page
    assert "555-0100" in page  # the phone from the clinic settings, remembered in the cache
    for leak in LEAKS:
        assert leak not in response.content.decode()


def test_pages_in_the_page_cache_are_still_served(browser, clinic_site):
    assert browser.get("/treatments/joint-manipulation/").status_code == 200  # now cached
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    ):
        cached = browser.get("/treatments/joint-manipulation/")
        not_cached = browser.get("/treatments/exercise-therapy/")

    assert cached.status_code == 200
    assert "Joint manipulation" in text_of(parse(cached))
    assert not_cached.status_code == 503


def test_appointment_form_says_plainly_the_request_was_not_saved(browser, clinic_site):
    before = AppointmentRequest.objects.count()
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = browser.post(FORM_URL, answers(treatment=clinic_site.joint.pk))

    assert response.status_code == 503
    page = text_of(parse(response))
    assert "Your appointment request was not sent" in page
    assert "Nothing was stored" in page
    assert "call Lumbar Chiropractic on (503) 555-0100" in page
    assert "Jamie Rivera" not in page
    assert AppointmentRequest.objects.count() == before


def test_a_failed_commit_tells_the_patient_the_request_may_have_arrived(browser, clinic_site):
    # The connection drops as the commit is sent: the server may have stored the request
    # without the answer reaching us. (Inside the test's own transaction, the saving block
    # commits by releasing a savepoint.)
    dropped = OperationalError("server closed the connection unexpectedly")
    wrapper = "django.db.backends.base.base.BaseDatabaseWrapper"
    with (
        mock.patch(f"{wrapper}.commit", side_effect=dropped),
        mock.patch(f"{wrapper}.savepoint_commit", side_effect=dropped),
    ):
        response = browser.post(FORM_URL, answers(treatment=clinic_site.joint.pk))

    assert response.status_code == 503
    page = text_of(parse(response))
    assert "We could not confirm your appointment request" in page
    assert "may or may not have reached us" in page
    assert "call Lumbar Chiropractic on (503) 555-0100 before sending the form again" in page
    assert "Nothing was stored" not in page and "not sent" not in page
    assert "Jamie Rivera" not in page
    for leak in LEAKS:
        assert leak not in response.content.decode()


def test_without_a_remembered_phone_the_configured_one_is_shown(
    browser, clinic_site, database_down, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.CLINIC_PHONE = "(503) 555-0147"
    page = text_of(parse(browser.get("/")))
    assert "call Lumbar Chiropractic on (503) 555-0147" in page


def test_a_changed_phone_number_is_the_one_the_outage_page_shows(browser, clinic_site):
    clinic = ClinicSettings.objects.get()
    clinic.phone = "555-0111"
    clinic.save()
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.cursor",
        side_effect=OperationalError("the database system is shutting down"),
    ):
        page = text_of(parse(browser.get("/")))
    assert "555-0111" in page and "555-0100" not in page


def test_a_bug_is_still_a_500_not_an_outage(browser, clinic_site):
    with mock.patch("clinic.locations.views.render", side_effect=ValueError("a bug")):
        response = browser.get("/contact/")
    assert response.status_code == 500
    assert "Something went wrong on our side" in text_of(parse(response))
    assert "Retry-After" not in response


def test_pages_serve_without_the_cache_and_a_warning_is_logged(
    client, clinic_site, caplog, settings
):
    for outage_filter in logging.getLogger("clinic.cache").filters:
        outage_filter.last_warning = float("-inf")  # a warning may have gone out a minute ago
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "clinic.cache"
    dead_redis = f"redis://127.0.0.1:{free_port()}"
    settings.CACHES = {
        alias: {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"{dead_redis}/{number}",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
        }
        for number, alias in enumerate(["default", "pages"])
    }
    with caplog.at_level(logging.WARNING):
        for path in PATIENT_PAGES * 2:  # twice: nothing was kept, nothing is served stale
            assert client.get(path).status_code == 200, path
        form = client.get(FORM_URL)
        assert form.status_code == 200
        assert client.get("/readyz").status_code == 503

    warnings = [r for r in caplog.records if r.name == "clinic.cache"]
    assert warnings, "no warning about the cache"
    assert warnings[0].levelname == "WARNING"
    assert "cache unavailable" in warnings[0].getMessage()
    assert warnings[0].exc_info is None  # one line, not a traceback per cache call
    assert len(warnings) == 1  # at most one a minute


def test_a_cache_that_never_answers_is_left_alone_and_every_page_answers_at_once(
    browser, clinic_site, settings
):
    """A Redis that accepts connections and never answers (a dead host, dropped packets): each
    process waits for it once, then leaves it alone, and the probes never wait for it."""

    def answered_within_a_second_or_two(method, path, *args):
        started = time.monotonic()
        response = getattr(browser, method)(path, *args)
        assert time.monotonic() - started < 2, path
        return response

    with SilentServer() as redis:
        settings.CACHES = {
            "default": redis_cache(f"redis://127.0.0.1:{redis.port}/0"),
            "pages": redis_cache(f"redis://127.0.0.1:{redis.port}/1", TIMEOUT=60),
        }

        assert answered_within_a_second_or_two("get", "/healthz").status_code == 200
        assert redis.connections == 0  # the liveness probe asked no cache

        for path in [*PATIENT_PAGES, *PATIENT_PAGES, FORM_URL]:
            assert answered_within_a_second_or_two("get", path).status_code == 200, path
        form = answers(treatment=clinic_site.joint.pk)
        assert answered_within_a_second_or_two("post", FORM_URL, form).status_code == 302
        ready = answered_within_a_second_or_two("get", "/readyz")
        assert (ready.status_code, ready.content) == (503, b"cache unavailable\n")
        assert answered_within_a_second_or_two("get", "/healthz").status_code == 200

        # Each store was waited for once; after that, nothing more was asked of it.
        assert redis.connections == 2


def test_a_cache_that_failed_is_asked_again_once_its_rest_is_over(settings, monkeypatch):
    with SilentServer() as redis:
        settings.CACHES = {
            **settings.CACHES,
            "default": redis_cache(f"redis://127.0.0.1:{redis.port}/0"),
        }
        cache = caches["default"]
        assert cache.get("clinic:outage-contact") is None
        assert cache.get("clinic:outage-contact") is None
        assert redis.connections == 1  # resting after the first failure

        later = time.monotonic() + breaker.REST_SECONDS + 1
        monkeypatch.setattr(breaker, "monotonic", lambda: later)
        assert cache.get("clinic:outage-contact") is None
        assert redis.connections == 2  # asked again, once
        assert cache.get("clinic:outage-contact") is None
        assert redis.connections == 2


class DatabaseLink:
    """A loopback TCP proxy to PostgreSQL: cutting it is the database going away."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.port = free_port()
        self.sockets = []
        self.listener = None

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        # shutdown() first: close() alone leaves a socket open while a thread waits on it.
        for sock in [self.listener, *self.sockets]:
            _shut(sock)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # the link was cut
                return
            server = socket.create_connection(self.target)
            self.sockets += [client, server]
            for source, sink in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    @staticmethod
    def _pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            _shut(source)
            _shut(sink)


def _shut(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already shut
        pass


def wait_until(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.2)


@needs_postgresql
def test_real_outage_answers_503_and_the_site_recovers_without_a_restart(
    boot_database,  # noqa: F811 (the fixture)
    tmp_path,
):
    from urllib.parse import urlsplit

    port = free_port()
    env = production_env(boot_database, tmp_path / "static", port)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_clinic_content")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")

    database = urlsplit(boot_database)
    link = DatabaseLink(database.hostname, database.port or 5432)
    link.restore()
    env["DATABASE_URL"] = database._replace(
        netloc=f"{database.username or 'postgres'}@127.0.0.1:{link.port}"
    ).geturl()
    env["WEB_CONCURRENCY"] = "1"
    env["CLINIC_PHONE"] = "(503) 555-0147"
    log_path = tmp_path / "gunicorn.log"
    cached = f"http://127.0.0.1:{port}/treatments/"
    page = f"http://127.0.0.1:{port}/treatments/joint-manipulation/"
    try:
        with serving_image(env, log_path) as process:
            assert fetch(cached)[0] == 200  # read once: now in the page cache

            link.cut()
            status, body = fetch(page)
            assert status == 503
            assert "We'll be back shortly" in body and "(503) 555-0147" in body
            assert fetch(cached)[0] == 200
            assert fetch(f"http://127.0.0.1:{port}/healthz") == (200, "ok\n")  # alive, not ready
            assert fetch(f"http://127.0.0.1:{port}/readyz") == (503, "database unavailable\n")

            link.restore()
            wait_until(lambda: _status(page) == 200)  # the same process, no restart
            assert process.poll() is None
    finally:
        link.cut()

    assert '\\"GET /treatments/joint-manipulation/\\" 503' in log_path.read_text()


def _status(url):
    try:
        return fetch(url, timeout=3)[0]
    except OSError:
        return None
