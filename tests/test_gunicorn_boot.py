"""The production start command works: its config is production-safe, and gunicorn boots with
production settings against PostgreSQL, after migrate, the content command and collectstatic,
and serves pages.

The command is the Docker image's CMD, read from the Dockerfile; CI cannot run Docker, so it
runs that command here.
The boot test needs PostgreSQL (production never runs on SQLite) and uses its own throwaway
database, because pytest-django's test database is invisible to another process.
"""

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest

from .helpers import dockerfile_cmd

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).with_name("gunicorn")
DATABASE_URL = os.environ.get("DATABASE_URL", "")

needs_postgresql = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="the gunicorn boot test needs PostgreSQL: set DATABASE_URL=postgres://...",
)


def start_command():
    """The Docker image's CMD, with the program from this virtual environment. Run it from the
    project root: the image's working directory."""
    program, *arguments = dockerfile_cmd()
    return [str(Path(sys.executable).with_name(program)), *arguments]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def admin_connection():
    """A connection to the server's maintenance database, for CREATE/DROP DATABASE."""
    import psycopg2

    config = dj_database_url.parse(DATABASE_URL)
    connection = psycopg2.connect(
        dbname="postgres",
        user=config["USER"] or None,
        password=config["PASSWORD"] or None,
        host=config["HOST"] or None,
        port=config["PORT"] or None,
    )
    connection.autocommit = True
    return connection


@pytest.fixture
def boot_database():
    """A throwaway database for the gunicorn process; dropped afterwards, pass or fail."""
    name = f"lumbar_gunicorn_boot_{os.getpid()}"
    connection = admin_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        yield urlsplit(DATABASE_URL)._replace(path=f"/{name}").geturl()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.close()


def production_env(database_url, static_root, port):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS", "WEB_CONCURRENCY"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        STATIC_ROOT=str(static_root),
        SECURE_SSL_REDIRECT="false",  # plain http on the loopback, no load balancer
        BASE_URL=f"http://127.0.0.1:{port}",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    return env


def manage(env, *args):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stdout}\n{result.stderr}"


def fetch(url, timeout=5):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (http only)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def gunicorn_config(**env):
    """gunicorn's effective settings from clinic/gunicorn.conf.py, as name -> printed value."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "PORT", "HOST", "WEB_CONCURRENCY"}
    }
    clean.update(env)
    result = subprocess.run(
        [str(GUNICORN), "-c", str(ROOT / "clinic" / "gunicorn.conf.py"), "--print-config"],
        cwd="/",
        env=clean,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    lines = (line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    return {name.strip(): value.strip() for name, value in lines}


def test_gunicorn_config_defaults_to_production_and_logs_no_query_strings():
    config = gunicorn_config()
    assert config["wsgi_app"] == "clinic.wsgi:application"
    assert config["raw_env"] == "['DJANGO_SETTINGS_MODULE=clinic.settings.production']"
    assert config["bind"] == "['0.0.0.0:8000']"
    assert 1 <= int(config["workers"]) <= 8
    assert config["accesslog"] == "-"
    log_format = config["access_log_format"]
    assert "%(U)s" in log_format
    for leaky in ("%(r)s", "%(q)s", "%(f)s", "%(h)s"):  # request line, query, referrer, client
        assert leaky not in log_format


def test_gunicorn_config_reads_the_environment():
    config = gunicorn_config(
        DJANGO_SETTINGS_MODULE="clinic.settings.dev",
        PORT="8017",
        WEB_CONCURRENCY="3",
        FORWARDED_ALLOW_IPS="10.0.0.1,10.0.0.2",
    )
    assert config["raw_env"] == "[]"
    assert config["bind"] == "['0.0.0.0:8017']"
    assert config["workers"] == "3"
    assert config["forwarded_allow_ips"] == "['10.0.0.1', '10.0.0.2']"


def test_gunicorn_refuses_to_start_production_without_its_essentials():
    result = subprocess.run(
        start_command(),
        cwd=ROOT,
        env={"PATH": os.environ["PATH"], "PORT": str(free_port())},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert (
        "Lumbar cannot start: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL in the environment"
        in output
    )
    assert "Traceback" not in output
    assert "Booting worker" not in output


@needs_postgresql
def test_gunicorn_boots_with_production_settings_and_serves_pages(boot_database, tmp_path):
    port = free_port()
    env = production_env(boot_database, tmp_path / "static", port)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_clinic_content")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    assert (tmp_path / "static" / "staticfiles.json").exists()

    log_path = tmp_path / "gunicorn.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            start_command(),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert process.poll() is None, "gunicorn exited:\n" + log_path.read_text()
            try:
                if fetch(f"{base}/healthz", timeout=1) == (200, "ok\n"):
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "gunicorn never answered:\n" + log_path.read_text()
            time.sleep(0.2)

        assert fetch(f"{base}/readyz") == (200, "ok\n")

        status, home = fetch(f"{base}/")
        assert status == 200, home
        assert "Lumbar" in home

        status, page = fetch(f"{base}/treatments/joint-manipulation/")
        assert status == 200, page
        assert "Joint manipulation" in page

        # Static files come from collectstatic's manifest, with hashed names.
        stylesheet = re.search(r'href="(/static/css/clinic\.[0-9a-f]{12}\.css)"', home)
        assert stylesheet, "the home page does not link the hashed stylesheet"
        assert fetch(base + stylesheet.group(1))[0] == 200

        # The access log has the path, never the query string.
        searched = urllib.request.urlopen(f"{base}/search/?q=sciatica+numbness", timeout=5)  # noqa: S310
        assert searched.status == 200
        assert fetch(f"{base}/", timeout=5)[0] == 200
    finally:
        stop(process)

    log = log_path.read_text()
    assert "sciatica" not in log and "numbness" not in log
    assert "Traceback" not in log
    # One JSON object a line, gunicorn's lines and the site's alike.
    lines = [json.loads(line) for line in log.splitlines()]
    access = [line for line in lines if line["logger"] == "gunicorn.access"]
    request_id = searched.headers["X-Request-ID"]
    assert any(
        '"GET /search/" 200' in line["message"] and request_id in line["message"] for line in access
    )
