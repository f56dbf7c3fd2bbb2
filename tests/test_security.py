"""Production is locked down: the deploy check passes, every page sends the security headers
(Content-Security-Policy included), HTTPS is enforced behind the proxy (except for the load
balancer's probes), cookies are secure and short-lived, and an unknown Host gets a plain 400."""

import json
import os
import secrets

import pytest
from django.contrib.auth import get_user_model

from clinic.web.middleware import PERMISSIONS_POLICY
from tests.helpers import parse, run_python, text_of

PUBLIC_URLS = [
    "/",
    "/treatments/",
    "/treatments/joint-manipulation/",
    "/treatments/exercise-therapy/",
    "/symptoms/",
    "/symptoms/back-spasms/",
    "/appointments/request/",
    "/search/?q=back",
    "/contact/",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "ALLOWED_HOSTS": "clinic.example,www.clinic.example",
    "DATABASE_URL": "postgres://clinic@db:5432/clinic",
    "CSRF_TRUSTED_ORIGINS": "https://clinic.example,https://www.clinic.example",
}


def run_with_production_settings(args, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"}
    }
    clean.update(PRODUCTION_ENV, **env)
    return run_python(*args, env=clean, timeout=120, check=False)


def test_the_deploy_check_passes_with_production_settings():
    result = run_with_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SETTING_NAMES = [
    "DEBUG",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_SSL_REDIRECT",
    "SECURE_REDIRECT_EXEMPT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_AGE",
    "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "CSRF_TRUSTED_ORIGINS",
    "MIDDLEWARE",
]


def production_settings(**env):
    code = (
        "import json, django; django.setup(); from django.conf import settings;"
        f" print(json.dumps({{n: getattr(settings, n) for n in {SETTING_NAMES!r}}}))"
    )
    result = run_with_production_settings(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_settings_enforce_https_secure_cookies_and_headers():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_REDIRECT_EXEMPT"] == ["^healthz$", "^readyz$"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["SESSION_COOKIE_AGE"] <= 8 * 60 * 60
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["SECURE_REFERRER_POLICY"] == "strict-origin-when-cross-origin"
    assert values["CSRF_TRUSTED_ORIGINS"] == [
        "https://clinic.example",
        "https://www.clinic.example",
    ]
    assert "clinic.web.middleware.PermissionsPolicyMiddleware" in values["MIDDLEWARE"]
    assert "clinic.web.middleware.ContentSecurityPolicyMiddleware" in values["MIDDLEWARE"]
    assert "axes.middleware.AxesMiddleware" in values["MIDDLEWARE"]


def test_the_https_redirect_can_be_switched_off_for_a_plain_http_smoke_test():
    assert production_settings(SECURE_SSL_REDIRECT="false")["SECURE_SSL_REDIRECT"] is False


@pytest.fixture
def production_like(settings):
    """The test settings with production's HTTPS and cookie policy."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_AGE = 8 * 60 * 60
    return settings


HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def assert_strict_script_policy(response):
    """Scripts only from the site itself: no inline script (tests/test_content_security_policy.py
    has the whole policy)."""
    directives = dict(
        part.split(maxsplit=1) for part in response["Content-Security-Policy"].split("; ")
    )
    assert directives["script-src"] == "'self'"


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_sends_the_security_headers(client, clinic_site, production_like, url):
    response = client.get(url, **HTTPS)
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")
    assert_strict_script_policy(response)
    # Reading a page sets no cookie (nothing to track, nothing to keep it out of a shared
    # cache); the form's CSRF cookie is HTTPS-only and not sent from other sites.
    if url == "/appointments/request/":
        assert set(response.cookies) <= {"csrftoken"}
        for cookie in response.cookies.values():
            assert cookie["secure"] is True
            assert cookie["samesite"] == "Lax"
    else:
        assert not response.cookies, url


@pytest.mark.parametrize("url", ["/", "/no-such-page/"])
def test_headers_come_with_the_test_settings_too(client, clinic_site, url):
    """Not only production: the headers are set in base settings for every environment."""
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert_strict_script_policy(response)


def test_static_files_get_the_headers_that_matter_for_them(client, db):
    # WhiteNoise answers before the clickjacking middleware; a stylesheet cannot be framed.
    response = client.get("/static/css/clinic.css")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.parametrize("url", ["/", "/treatments/", "/search/?q=back", "/admin/"])
def test_plain_http_is_redirected_to_https(client, clinic_site, production_like, url):
    response = client.get(url)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{url}"


@pytest.mark.parametrize("url", ["/healthz", "/readyz"])
def test_the_probes_answer_over_plain_http(client, db, production_like, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    ("remember", "max_age"),
    [
        (False, ""),  # ends when the browser closes
        (True, 8 * 60 * 60),  # "remember me" lasts a working day at most
    ],
)
def test_the_admin_session_cookie_is_secure_http_only_and_short(
    client, clinic_site, production_like, remember, max_age
):
    get_user_model().objects.create_superuser("boss", "boss@example.com", "a-long-passphrase")
    data = {"username": "boss", "password": "a-long-passphrase"}
    if remember:
        data["remember"] = "on"
    response = client.post("/admin/login/", data, **HTTPS)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["max-age"] == max_age


def test_the_csrf_cookie_is_secure(client, clinic_site, production_like):
    response = client.get("/appointments/request/", **HTTPS)
    assert response.status_code == 200
    if "csrftoken" in response.cookies:
        assert response.cookies["csrftoken"]["secure"] is True


@pytest.mark.parametrize("url", ["/", "/treatments/", "/admin/", "/healthz"])
def test_an_unknown_host_gets_a_plain_400(client, clinic_site, url, caplog):
    response = client.get(url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    body = response.content.decode()
    assert "Traceback" not in body and "ALLOWED_HOSTS" not in body
    assert "evil.example" not in body
    assert "could not be understood" in text_of(parse(response))
    assert response["X-Content-Type-Options"] == "nosniff"
