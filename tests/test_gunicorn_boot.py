"""The production start command works: its config is production-safe, and gunicorn boots with
production settings against PostgreSQL, after migrate, the content command and collectstatic,
and serves pages.

The command is the Docker image's CMD, run with the image's ENV (its default settings among
them), both read from the Dockerfile; CI cannot run Docker, so it runs that command here.
The boot test needs PostgreSQL (production never runs on SQLite) and uses its own throwaway
database, because pytest-django's test database is invisible to another process.
"""

import json
import os
import re
import subprocess
import urllib.error
import urllib.request

from .gunicorn_process import GUNICORN, ROOT, free_port
from .production_site import (
    boot_database,  # noqa: F401 (a fixture)
    fetch,
    manage,
    needs_postgresql,
    production_env,
    serving_image,
    start_command,
)


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
def test_gunicorn_boots_with_production_settings_and_serves_pages(
    boot_database,  # noqa: F811 (the fixture)
    tmp_path,
):
    port = free_port()
    env = production_env(boot_database, tmp_path / "static", port)
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_clinic_content")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    assert (tmp_path / "static" / "staticfiles.json").exists()

    log_path = tmp_path / "gunicorn.log"
    base = f"http://127.0.0.1:{port}"
    with serving_image(env, log_path):
        assert fetch(f"{base}/healthz") == (200, "ok\n")
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
