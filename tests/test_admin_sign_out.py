"""Signing out of the admin ends the session on the server. Only the sign-out button's POST
does it: a GET of the address (a link, a prefetch, a typed URL) changes nothing, and never
tells the browser it is signed out while the session lives on."""

import pytest
from django.conf import settings
from django.test import Client

from tests.helpers import html, make_user, parse, text_of

LOGOUT_URL = "/admin/logout/"


@pytest.fixture
def boss(clinic_site):
    return make_user("boss", is_superuser=True)


def signed_in(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def session_works(session_key):
    """Whether a browser holding only this session cookie gets into the admin."""
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    return client.get("/admin/").status_code == 200


def test_a_get_of_the_sign_out_address_changes_nothing(boss):
    client = signed_in(boss)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.get(LOGOUT_URL)
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert "logged out" not in text_of(parse(response))
    assert response.status_code == 200

    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "logged out" not in text_of(parse(dashboard))
    assert session_works(session_key)


def test_a_get_offers_the_sign_out_button(boss):
    client = signed_in(boss)
    form = html(client.get(LOGOUT_URL)).select_one("main form[method='post']")
    assert form["action"] == LOGOUT_URL
    assert form.select_one("input[name='csrfmiddlewaretoken']")
    assert "Sign out" in text_of(form)


def test_the_sign_out_button_ends_the_session_on_the_server(boss):
    client = signed_in(boss)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    form = html(client.get(LOGOUT_URL)).select_one("main form[method='post']")
    token = form.select_one("input[name='csrfmiddlewaretoken']")["value"]

    response = client.post(form["action"], {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/"
    assert "logged out" in text_of(parse(client.get("/admin/login/")))
    assert not session_works(session_key)


def test_a_sign_out_posted_from_elsewhere_is_refused(boss):
    client = signed_in(boss)
    session_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.post(LOGOUT_URL).status_code == 403
    assert session_works(session_key)


def test_the_admin_menu_signs_out_through_the_same_address(boss):
    # Wagtail's menu posts to the URL named wagtailadmin_logout: the same address.
    assert LOGOUT_URL in signed_in(boss).get("/admin/").content.decode()
