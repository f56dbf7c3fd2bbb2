"""The Docker image, docker-compose.yml and the example configuration hold together.

CI cannot run Docker, so these read the files: the services a deploy needs, their start order
and health checks, no secret written down, an unprivileged image that installs the runtime
requirements only and collects the static files as it is built, and an example env file that
lists exactly the variables the site reads. The image's command and environment are run for
real by tests/test_gunicorn_boot.py.
"""

import ast
import re
from urllib.parse import urlsplit

import pytest
import yaml

from .helpers import ROOT, dockerfile_instructions

EXAMPLE_ENV = ROOT / "deploy" / "production.env.example"
APP_SERVICES = ["migrate", "web", "scheduler"]


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


def depends_on(service):
    return {name: rule["condition"] for name, rule in service["depends_on"].items()}


def environment(service):
    """A service's `environment:` as a dict, whichever form the file uses."""
    env = service.get("environment", {})
    if isinstance(env, list):
        return dict(item.partition("=")[::2] for item in env)
    return env


def volume_sources(service):
    for volume in service.get("volumes", []):
        yield volume.split(":")[0] if isinstance(volume, str) else volume["source"]


def interpolated_names(compose_text):
    return set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", compose_text))


def example_names():
    """Every NAME in the example env file, set (NAME=) or optional (# NAME=)."""
    return re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", EXAMPLE_ENV.read_text(), re.MULTILINE)


def settings_names():
    """Every variable the site reads: the names passed to clinic/settings/env.py's helpers
    anywhere under clinic/ (settings, gunicorn's config, the container health check)."""
    env_module = ast.parse((ROOT / "clinic" / "settings" / "env.py").read_text())
    helpers = {
        node.name: node.args.vararg is not None  # require_env(*names) takes several
        for node in env_module.body
        if isinstance(node, ast.FunctionDef)
    }
    names = set()
    for path in (ROOT / "clinic").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in helpers:
                arguments = node.args if helpers[node.func.id] else node.args[:1]
                names.update(arg.value for arg in arguments if isinstance(arg, ast.Constant))
    return names


# --- docker-compose.yml ---------------------------------------------------------------------


def test_compose_has_the_services_a_deploy_needs(services):
    assert {"db", "cache", "page-cache", "migrate", "web", "scheduler", "proxy"} <= set(services)


def test_every_named_volume_is_declared_and_every_mounted_file_exists(compose, services):
    declared = set(compose["volumes"])
    for name, service in services.items():
        for source in volume_sources(service):
            if source.startswith((".", "/")):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in declared, f"{name} uses undeclared volume {source}"


def test_database_and_cache_report_health(services):
    assert "pg_isready" in services["db"]["healthcheck"]["test"]
    assert "ping" in services["cache"]["healthcheck"]["test"]
    assert "ping" in services["page-cache"]["healthcheck"]["test"]
    assert "pgdata" in volume_sources(services["db"])


def redis_option(service, name):
    command = service["command"]
    return command[command.index(f"--{name}") + 1]


def test_pages_strangers_request_cannot_evict_the_rate_limits(services):
    """The page cache is a Redis of its own that drops old pages when full; the one holding
    the rate limits and the outage phone number never drops a key."""
    assert redis_option(services["page-cache"], "maxmemory-policy") == "allkeys-lru"
    assert redis_option(services["page-cache"], "maxmemory")
    assert redis_option(services["cache"], "maxmemory-policy") == "noeviction"
    example = dict(
        re.findall(r"^(REDIS_URL|PAGE_CACHE_REDIS_URL)=(.*)$", EXAMPLE_ENV.read_text(), re.M)
    )
    assert urlsplit(example["REDIS_URL"]).hostname == "cache"
    assert urlsplit(example["PAGE_CACHE_REDIS_URL"]).hostname == "page-cache"


def test_migrations_run_once_before_the_site_and_scheduler_start(services):
    assert services["migrate"]["restart"] == "no"
    assert "python manage.py migrate --noinput" in " ".join(services["migrate"]["command"])
    assert depends_on(services["migrate"]) == {
        "db": "service_healthy",
        "cache": "service_healthy",
        "page-cache": "service_healthy",
    }
    for name in ("web", "scheduler"):
        assert depends_on(services[name]) == {
            "db": "service_healthy",
            "cache": "service_healthy",
            "page-cache": "service_healthy",
            "migrate": "service_completed_successfully",
        }


def test_web_can_be_scaled_and_is_probed_by_the_health_check_module(services):
    web = services["web"]
    # A fixed name or host port would stop `docker compose up --scale web=3`.
    assert "container_name" not in web and "ports" not in web
    assert "command" not in web  # the image's CMD: gunicorn
    python, flag, module = web["healthcheck"]["test"][1:]
    assert (python, flag) == ("python", "-m")
    assert (ROOT / (module.replace(".", "/") + ".py")).exists()


def test_one_scheduler_runs_the_scheduler_command(services):
    scheduler = services["scheduler"]
    assert scheduler["command"] == ["python", "manage.py", "run_scheduler"]
    assert "deploy" not in scheduler  # never replicated
    # Emails yield the CPU to patients' pages on a shared host.
    assert scheduler["cpu_shares"] < services["web"].get("cpu_shares", 1024)
    assert (ROOT / "clinic/web/management/commands/run_scheduler.py").exists()


def test_app_services_share_one_image_configured_from_the_env_file(services):
    images = {services[name]["image"] for name in APP_SERVICES}
    assert len(images) == 1
    for name in APP_SERVICES:
        assert services[name]["env_file"] == ".env"
        assert services[name]["build"] == "."
        assert "environment" not in services[name]


def test_compose_writes_down_no_secret(services):
    secretive = re.compile(r"PASSWORD|SECRET|TOKEN|KEY")
    for name, service in services.items():
        for variable, value in environment(service).items():
            if secretive.search(variable):
                assert re.fullmatch(r"\$\{[A-Z_]+(:?\?[^}]*)?\}", str(value)), (
                    f"{name} sets {variable} in the compose file; put it in .env"
                )


def test_every_variable_compose_interpolates_is_in_the_example():
    compose_text = (ROOT / "docker-compose.yml").read_text()
    assert interpolated_names(compose_text) <= set(example_names())


# --- Dockerfile -----------------------------------------------------------------------------


def test_image_runs_as_an_unprivileged_user():
    users = [
        arguments for instruction, arguments in dockerfile_instructions() if instruction == "USER"
    ]
    assert users, "the image runs as root"
    assert users[-1].split(":")[0] not in {"root", "0"}


def test_image_installs_the_runtime_requirements_only():
    runs = [
        arguments for instruction, arguments in dockerfile_instructions() if instruction == "RUN"
    ]
    assert any("pip install -r requirements.txt" in run for run in runs)
    assert "requirements-dev" not in (ROOT / "Dockerfile").read_text()


def test_image_collects_static_files_at_build():
    runs = [
        arguments for instruction, arguments in dockerfile_instructions() if instruction == "RUN"
    ]
    assert any("manage.py collectstatic --noinput" in run for run in runs)


# The image's start command and its default settings: tests/test_gunicorn_boot.py starts
# gunicorn with that command and environment.


def test_build_context_leaves_out_secrets_and_local_data():
    ignored = (ROOT / ".dockerignore").read_text().split()
    for path in (".env", ".git", ".venv", "db.sqlite3", "media", "static", "tests"):
        assert path in ignored


# --- deploy/production.env.example ----------------------------------------------------------


def test_example_lists_each_variable_once():
    names = example_names()
    assert len(names) == len(set(names))


def test_example_documents_every_variable_the_site_reads():
    assert settings_names() <= set(example_names())


def test_example_has_only_variables_something_reads():
    compose_text = (ROOT / "docker-compose.yml").read_text()
    known = settings_names() | interpolated_names(compose_text)
    assert set(example_names()) <= known
