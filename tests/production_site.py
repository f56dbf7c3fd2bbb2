"""The site as the Docker image runs it, for the gunicorn boot test and the real-outage test:
the image's command and environment (read from the Dockerfile), what a deploy adds to it, and
a throwaway PostgreSQL database."""

import os
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import pytest

from .gunicorn_process import ROOT, serving
from .helpers import dockerfile_cmd, dockerfile_env

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


def serving_image(env, log_path):
    """The image's command running with `env`, once it answers /healthz; stopped on exit."""
    return serving(start_command(), env, log_path)


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
    """A throwaway database for the gunicorn process, named for this test process (each
    pytest-xdist worker is one); dropped afterwards, pass or fail."""
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
    """The image's environment (its settings module among it), and what a deploy gives it."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "SECRET_KEY", "ALLOWED_HOSTS", "WEB_CONCURRENCY"))
    }
    env.update(dockerfile_env())
    env.update(
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
