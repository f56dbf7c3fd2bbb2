"""Browser tests: Debian's Chromium, driven by Playwright, against the site served by gunicorn
on the loopback from the test database.

The clinic's content is loaded once for these tests and committed, so the server process
sees it; each test adds its own uniquely named users, requests and pages, also committed. So these
tests run outside pytest-django's per-test transaction (they are not marked `django_db`, and
pytest-django runs them after the tests that are): what they write stays until the test
database is dropped at the end of the run. Under pytest-xdist each worker that runs some of
them has its own database, server and browser.

Without Chromium (or npm, for the audit) the tests are skipped, saying why; with
E2E_REQUIRED=1 (CI) they fail instead.
"""

import io
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection, connections

from clinic.settings.env import env_bool, env_str
from tests.conftest import new_install

from . import axe
from .server import serve

CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests may run as root, where Chromium's sandbox cannot start
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 800}
SERVER_ERRORS = re.compile(r'^.*(Traceback|"\s(5\d\d)\s).*$', re.MULTILINE)


def unavailable(reason):
    """Skip, or fail where the browser tests must run (E2E_REQUIRED=1, as in CI)."""
    if env_bool("E2E_REQUIRED"):
        pytest.fail(f"{reason} (E2E_REQUIRED is set, so the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def clinic_content(django_db_setup, django_db_blocker):
    """The test database with the clinic's content, as `make run` loads it, in place of the
    other tests' shared site: pytest-django runs the tests that use that site first."""
    with django_db_blocker.unblock():
        new_install()
        call_command("load_clinic_content", stdout=io.StringIO())


@pytest.fixture(scope="package")
def server(clinic_content, tmp_path_factory):
    folder = tmp_path_factory.mktemp("server")
    with serve(connection.settings_dict, folder / "media", folder / "gunicorn.log") as server:
        yield server


@pytest.fixture(scope="package")
def browser():
    if CHROMIUM is None:
        unavailable("Chromium is not installed (Debian: apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's synchronous API keeps an event loop open in this thread, so Django would
    # refuse the tests' (synchronous) queries; Django's docs suggest this switch for it. Only
    # while these tests run: the deploy check (in a later test) refuses it.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_script():
    try:
        script = axe.install()
    except Exception as error:  # noqa: BLE001 (npm's own message says what went wrong)
        unavailable(f"could not install axe-core {axe.PINNED_VERSION} with npm: {error}")
    if script is None:
        unavailable("npm is not installed, so axe-core cannot be (Debian: apt-get install npm)")
    return script


def csp_violations(page, message):
    """The console message, if it says the browser blocked something the page needs."""
    text = message.text
    if "Content Security Policy" in text and "Report Only" not in text:
        return [f"{page.url}: {text}"]
    return []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if call.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def new_page(request, browser, server, django_db_blocker, tmp_path):
    """Opens a page in a browser of its own (a new person), `viewport` wide; the test fails
    if meanwhile the server logged an error, a page threw one, or the browser blocked
    something under the Content-Security-Policy. When a test fails, a screenshot of each of
    its pages is saved, for the failure report.

    The test may use the database meanwhile: what it writes is committed at once, for the
    server process to see."""
    contexts = []
    page_errors = []
    log_start = server.log_size()

    def open_page(viewport=PHONE, init_script=None):
        context = browser.new_context(
            base_url=server.url,
            viewport=viewport,
            is_mobile=viewport["width"] < DESKTOP["width"],
            has_touch=viewport["width"] < DESKTOP["width"],
            locale="en-US",
        )
        context.set_default_timeout(10_000)
        # The site and nothing else: no request leaves the machine (the admin's Gravatar
        # avatars, say).
        context.route(lambda url: not url.startswith(server.url), lambda route: route.abort())
        if init_script:
            context.add_init_script(path=init_script)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: page_errors.append(f"{page.url}: {error}"))
        page.on("console", lambda message: page_errors.extend(csp_violations(page, message)))
        return page

    with django_db_blocker.unblock():
        yield open_page
        # Inside Playwright's synchronous API Django hands out connections of their own
        # (they are context-local, and Playwright switches contexts): closed after each
        # test, or one would stay open and the test database could not be dropped.
        connections.close_all()
    if getattr(request.node, "call_failed", False):
        pages = [page for context in contexts for page in context.pages]
        for number, page in enumerate(pages):
            path = tmp_path / f"failed-page-{number}.png"
            page.screenshot(path=path, full_page=True)
            print(f"{page.url} when the test failed: {path}")
    for context in contexts:
        context.close()
    errors = [match.group(0) for match in SERVER_ERRORS.finditer(server.log(log_start))]
    assert not errors, "the server failed:\n" + server.log(log_start)
    assert not page_errors, "a page threw an error:\n" + "\n".join(page_errors)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory):
    """Where screenshots go: E2E_SCREENSHOTS_DIR (docs/screenshots for the README), or a
    temporary folder."""
    folder = env_str("E2E_SCREENSHOTS_DIR")
    if folder is None:
        return tmp_path_factory.mktemp("screenshots")
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path
