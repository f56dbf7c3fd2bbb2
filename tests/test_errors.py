"""Visitors who hit a dead end or a fault see the clinic's own pages, not a traceback."""

import pytest
from django.test import Client

from tests.helpers import parse, text_of

pytestmark = pytest.mark.django_db


def test_unknown_url_gets_the_branded_not_found_page(client, clinic_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    soup = parse(response)
    assert "Page not found" in text_of(soup)
    assert soup.select_one("nav a[href='/treatments/']")
    assert soup.select_one("input[name='q']")


def test_server_error_gets_the_branded_error_page(clinic_site, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr("clinic.locations.views.render", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/contact/")
    assert response.status_code == 500
    text = text_of(parse(response))
    assert "Something went wrong" in text
    assert "database on fire" not in text and "Traceback" not in text
