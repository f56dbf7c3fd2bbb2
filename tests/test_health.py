"""The load balancer's probes: /healthz (alive, no database) and /readyz (database and cache)."""

import os
import socket
import threading
from types import SimpleNamespace
from unittest import mock
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from django.core.wsgi import get_wsgi_application
from django.db.utils import OperationalError

from clinic.web import health
from tests.helpers import run_python


def assert_never_cached(response):
    cache_control = response["Cache-Control"]
    assert "no-cache" in cache_control and "no-store" in cache_control


def assert_plain_reason(response, reason):
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.strip() == reason
    assert "Traceback" not in body and "Error" not in body


def test_healthz_answers_ok_without_touching_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert_never_cached(response)


def test_healthz_answers_even_when_the_database_and_cache_are_down(client, monkeypatch):
    # No database access allowed in this test at all: pytest-django fails any query.
    monkeypatch.setattr(health, "connection", SimpleNamespace(cursor=_raise_operational))
    monkeypatch.setattr(health, "cache", _BrokenCache())
    assert client.get("/healthz").status_code == 200


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_answer_on_the_exact_path_without_a_slash_redirect(client, path, db):
    response = client.get(path)
    assert response.status_code == 200  # not a 301 to path + "/"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_only_accept_get_and_head(client, path, db):
    assert client.head(path).status_code == 200
    assert client.post(path).status_code == 405


@pytest.mark.django_db
def test_readyz_is_ok_when_the_database_and_cache_answer(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_runs_one_query_and_leaves_no_key_behind(client, django_assert_num_queries):
    from django.core.cache import cache

    with (
        django_assert_num_queries(1),
        mock.patch.object(cache, "set", wraps=cache.set) as cache_set,
    ):
        assert client.get("/readyz").status_code == 200
    written = [call.args[0] for call in cache_set.call_args_list]
    assert written and all(cache.get(key) is None for key in written)


def _raise_operational(*args, **kwargs):
    raise OperationalError("could not connect to server: Connection refused (secret-host:5432)")


class _BrokenCache:
    def set(self, *args, **kwargs):
        raise ConnectionError("Error 111 connecting to redis:6379. Connection refused.")

    get = delete = set


class _ForgetfulCache:
    """A cache that accepts writes and returns nothing (e.g. a full or misrouted Redis)."""

    def set(self, *args, **kwargs):
        pass

    def get(self, *args, **kwargs):
        return None

    def delete(self, *args, **kwargs):
        pass


@pytest.mark.django_db
def test_readyz_is_503_with_a_short_reason_when_the_database_is_down(client, monkeypatch, caplog):
    monkeypatch.setattr(health, "connection", SimpleNamespace(cursor=_raise_operational))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert_plain_reason(response, "database unavailable")
    assert "secret-host" not in response.content.decode()
    assert_never_cached(response)
    assert "readyz: database check failed (OperationalError)" in caplog.text


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_query_fails(client, monkeypatch):
    class FailingCursor:
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def execute(self, sql):
            raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(health, "connection", SimpleNamespace(cursor=FailingCursor))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert_plain_reason(response, "database unavailable")


@pytest.mark.django_db
def test_readyz_is_503_with_a_short_reason_when_the_cache_is_down(client, monkeypatch):
    monkeypatch.setattr(health, "cache", _BrokenCache())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert_plain_reason(response, "cache unavailable")
    assert "redis" not in response.content.decode()
    assert_never_cached(response)


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_loses_what_it_was_given(client, monkeypatch):
    monkeypatch.setattr(health, "cache", _ForgetfulCache())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert_plain_reason(response, "cache unavailable")


def container_healthcheck(port, allowed_hosts):
    """`python -m clinic.healthcheck`, the web container's health check, as Docker runs it."""
    env = {"PATH": os.environ["PATH"], "PORT": str(port), "ALLOWED_HOSTS": allowed_hosts}
    return run_python("-m", "clinic.healthcheck", env=env, timeout=30, check=False)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@pytest.fixture
def site_port():
    """The site served on a loopback port in a thread; /healthz needs no database."""
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    server.server_close()


def test_container_healthcheck_passes_asking_for_the_sites_own_host(site_port, settings):
    settings.ALLOWED_HOSTS = [".clinic.example"]
    port = site_port

    assert container_healthcheck(port, ".clinic.example,www.other.example").returncode == 0

    refused = container_healthcheck(port, "elsewhere.example")
    assert refused.returncode == 1
    assert refused.stderr == "healthcheck: /healthz answered 400\n"


def test_container_healthcheck_fails_in_one_line_when_nothing_answers():
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    result = container_healthcheck(port, "clinic.example")
    assert result.returncode == 1
    assert result.stderr == "healthcheck: /healthz did not answer (ConnectionRefusedError)\n"
