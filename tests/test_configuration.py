"""The site is configured from the environment, and production refuses to run half-set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def django_check(settings_module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings;"
            " print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
def test_production_refuses_to_start_without_its_essentials(missing):
    env = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "clinic.example",
        "DATABASE_URL": "postgres://clinic@db/clinic",
    }
    env[missing] = ""
    result = django_check("clinic.settings.production", **env)
    assert result.returncode != 0
    assert f"Set the {missing} environment variable." in result.stderr


def test_production_reads_the_database_from_the_environment():
    result = django_check(
        "clinic.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="clinic.example",
        DATABASE_URL="postgres://clinic@db/clinic",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "False"]


def test_development_defaults_to_sqlite_with_debug():
    result = django_check("clinic.settings.dev")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]
