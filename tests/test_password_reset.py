"""The admin's "Forgotten password?" answers every address alike, and as fast: the page neither
looks up the account nor sends the email (the scheduler's send_password_resets does), so
neither its answer nor its time says whether an account uses the address. Requests are
limited per address asked about and per client address; a limited one gets the same answer
and sends nothing."""

import io
import re
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clinic.staff.models import PasswordResetRequest
from tests.helpers import html, make_user, text_of

RESET_URL = "/admin/password_reset/"
DONE_URL = "/admin/password_reset/done/"
KNOWN = "boss@example.com"  # make_user's address for "boss"
UNKNOWN = "nobody@example.com"


@pytest.fixture
def boss(clinic_site):
    return make_user("boss", is_superuser=True)


def ask(client, email, address="203.0.113.9"):
    return client.post(RESET_URL, {"email": email}, REMOTE_ADDR=address)


def send_password_resets():
    call_command("send_password_resets", stdout=io.StringIO())


def test_known_and_unknown_addresses_get_the_same_answer(client, boss):
    known = ask(client, KNOWN)
    unknown = ask(client, UNKNOWN)
    for response in [known, unknown]:
        assert response.status_code == 302
        assert response["Location"] == DONE_URL
    assert html(client.get(DONE_URL))


def test_the_page_does_the_same_work_for_any_address_and_sends_nothing_itself(client, boss):
    """What would make a known address slower (finding the account, talking to the mail
    server) happens later, in the scheduler: the page runs the same queries either way."""
    statements = {}
    for email in [KNOWN, UNKNOWN]:
        with CaptureQueriesContext(connection) as queries:
            ask(client, email)
        # The statements, without their values (the address, the time).
        statements[email] = [re.sub(r"'[^']*'|%s", "?", query["sql"]) for query in queries]
    assert statements[KNOWN] == statements[UNKNOWN]
    assert not any("auth_user" in sql for sql in statements[KNOWN])
    assert mail.outbox == []


def test_the_scheduler_emails_a_working_link_to_the_account_only(client, boss):
    ask(client, KNOWN.upper())
    ask(client, UNKNOWN)
    send_password_resets()

    [email] = mail.outbox
    assert email.to == [KNOWN]
    assert not PasswordResetRequest.objects.exists()
    [link] = [word for word in email.body.split() if "/admin/password_reset/confirm/" in word]
    form_page = client.get(link, follow=True)
    assert "new_password1" in form_page.content.decode()

    send_password_resets()
    assert len(mail.outbox) == 1  # each request once


def test_an_inactive_account_or_one_without_a_password_gets_nothing(client, clinic_site):
    make_user("gone", is_active=False)
    locked = make_user("locked")
    locked.set_unusable_password()
    locked.save()
    ask(client, "gone@example.com")
    ask(client, "locked@example.com")
    send_password_resets()
    assert mail.outbox == []


def test_requests_for_one_address_are_limited_whatever_client_asks(client, boss, settings):
    settings.PASSWORD_RESET_LIMIT_PER_EMAIL = 3
    answers = {ask(client, KNOWN, address=f"198.51.100.{n}")["Location"] for n in range(6)}
    assert answers == {DONE_URL}
    send_password_resets()
    assert len(mail.outbox) == 3


def test_requests_from_one_client_address_are_limited_whatever_address_they_name(
    client, clinic_site, settings
):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 4
    for n in range(6):
        make_user(f"clerk{n}")
    answers = {ask(client, f"clerk{n}@example.com")["Location"] for n in range(6)}
    assert answers == {DONE_URL}
    send_password_resets()
    assert len(mail.outbox) == 4
    # Another client is not held up by the first one's count.
    ask(client, "clerk5@example.com", address="198.51.100.7")
    send_password_resets()
    assert len(mail.outbox) == 5


def test_an_invalid_address_gets_the_form_again_with_the_reason(client, boss):
    response = ask(client, "not an address")
    assert response.status_code == 200
    assert "Enter a valid email address" in text_of(html(response))
    assert not PasswordResetRequest.objects.exists()


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_mail_server_that_is_down_keeps_the_resets_for_the_next_run(client, boss, settings):
    ask(client, KNOWN)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 1
    send_password_resets()
    assert PasswordResetRequest.objects.count() == 1

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_password_resets()
    assert [email.to for email in mail.outbox] == [[KNOWN]]
    assert not PasswordResetRequest.objects.exists()
