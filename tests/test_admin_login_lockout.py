"""Guessing an admin password is slow: five wrong passwords for one user name from one address
lock that pair out for an hour, with a page that says how to get back in. Other users, and
the same user elsewhere, can still sign in."""

import datetime
import io

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.utils import timezone

from tests.helpers import make_user, parse, text_of

LOGIN_URL = "/admin/login/"
ATTACKER = "203.0.113.9"
PASSWORD = "pw"  # make_user's


@pytest.fixture
def boss(clinic_site):
    return make_user("boss", is_superuser=True)


def sign_in(client, username, password, address=ATTACKER, **headers):
    return client.post(
        LOGIN_URL,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, times, username="boss", address=ATTACKER, **headers):
    return [
        sign_in(client, username, f"guess-{n}", address, **headers).status_code
        for n in range(times)
    ]


def is_signed_in(response):
    return response.status_code == 302 and response["Location"] == "/admin/"


def test_the_right_password_after_a_few_typos_signs_in(client, boss):
    assert fail(client, 4) == [200, 200, 200, 200]
    assert is_signed_in(sign_in(client, "boss", PASSWORD))


def test_a_wrong_password_says_so_on_the_sign_in_form(client, boss):
    response = sign_in(client, "boss", "not-it")
    assert response.status_code == 200
    assert parse(response).select_one("form.login-form")


def test_five_wrong_passwords_lock_the_account_out_even_with_the_right_one(client, boss):
    assert fail(client, 5) == [200, 200, 200, 200, 429]

    refused = sign_in(client, "boss", PASSWORD)
    assert refused.status_code == 429
    page = text_of(parse(refused))
    assert "Too many failed sign-in attempts" in page
    assert "Try again in an hour" in page
    assert "python manage.py axes_reset_username boss" in page
    assert "Traceback" not in refused.content.decode()
    # Not signed in: the admin still sends the browser to the sign-in page.
    assert client.get("/admin/", REMOTE_ADDR=ATTACKER)["Location"].startswith(LOGIN_URL)


def test_a_locked_out_user_name_does_not_lock_out_colleagues(client, boss):
    make_user("clerk", is_superuser=True)
    fail(client, 5)
    assert is_signed_in(sign_in(client, "clerk", PASSWORD))


def test_an_attacker_elsewhere_cannot_lock_a_user_out(client, boss):
    fail(client, 6)
    assert is_signed_in(sign_in(client, "boss", PASSWORD, address="198.51.100.20"))


def test_the_lockout_ends_after_an_hour(client, boss):
    fail(client, 5)
    assert sign_in(client, "boss", PASSWORD).status_code == 429

    an_hour_ago = timezone.now() - datetime.timedelta(hours=1, minutes=1)
    AccessAttempt.objects.update(attempt_time=an_hour_ago)
    assert is_signed_in(sign_in(client, "boss", PASSWORD))


def test_the_clinic_lead_can_unlock_an_account_at_once(client, boss):
    fail(client, 5)
    out = io.StringIO()
    call_command("axes_reset_username", "boss", stdout=out)
    assert "1 attempts removed" in out.getvalue()
    assert is_signed_in(sign_in(client, "boss", PASSWORD))


def test_behind_the_load_balancer_the_lockout_follows_the_real_client(client, boss, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"
    # The attacker forges an X-Forwarded-For entry each time; the load balancer appends the
    # address it saw, which is the one that counts.
    statuses = [
        sign_in(
            client, "boss", "guess", proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {ATTACKER}"
        ).status_code
        for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    colleague = sign_in(client, "boss", PASSWORD, proxy, HTTP_X_FORWARDED_FOR="198.51.100.20")
    assert is_signed_in(colleague)


def test_a_garbled_forwarded_for_header_is_not_an_error(client, boss, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    response = sign_in(client, "boss", "guess", HTTP_X_FORWARDED_FOR="not-an-address")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().ip_address == ATTACKER


def test_a_user_name_typed_on_the_lockout_page_is_quoted_for_the_shell(client, clinic_site):
    fail(client, 5, username="x; rm -rf ~")
    page = text_of(parse(sign_in(client, "x; rm -rf ~", "guess")))
    assert "axes_reset_username 'x; rm -rf ~'" in page


def test_failed_attempts_keep_no_password(client, boss):
    fail(client, 2)
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == (
        "boss",
        ATTACKER,
        2,
    )
    assert "guess" not in attempt.post_data
