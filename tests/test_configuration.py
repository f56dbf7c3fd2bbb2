"""The site is configured from the environment, and production refuses to run half-set."""

import os

import pytest

from tests.helpers import run_python


def django_check(settings_module, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    clean.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return run_python(
        "-c",
        "import django; django.setup(); from django.conf import settings;"
        " print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)",
        env=clean,
        check=False,
    )


def manage_py(*args, **env):
    """`python manage.py ...` in an environment holding only PATH and `env`."""
    return run_python("manage.py", *args, env={"PATH": os.environ["PATH"], **env}, check=False)


def test_production_refuses_to_start_in_one_line_naming_every_missing_variable():
    result = manage_py("check", DJANGO_SETTINGS_MODULE="clinic.settings.production")

    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("Lumbar cannot start: set SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL ")


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"])
@pytest.mark.parametrize("blank", ["", "  ", " , "])
def test_production_refuses_to_start_without_any_one_essential(missing, blank):
    env = {
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "clinic.example",
        "DATABASE_URL": "postgres://clinic@db/clinic",
    }
    env[missing] = blank
    result = manage_py("migrate", DJANGO_SETTINGS_MODULE="clinic.settings.production", **env)

    assert result.returncode != 0
    assert result.stderr.splitlines() == [
        f"Lumbar cannot start: set {missing} in the environment "
        "(see deploy/production.env.example)."
    ]


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
