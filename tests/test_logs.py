"""Logs: one JSON object a line in production, each with its request's id, and never a
patient's details."""

import io
import json
import logging
import logging.config

import pytest

from clinic.settings.logs import logging_config
from tests.appointment_data import answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def json_log(settings):
    """The production logging setup, writing to a buffer the test reads."""
    logging.config.dictConfig(logging_config(json_lines=True))
    buffer = io.StringIO()
    for handler in logging.getLogger().handlers:
        handler.setStream(buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    logging.config.dictConfig(settings.LOGGING)


def test_every_response_carries_a_request_id(client, clinic_site):
    first, second = client.get("/"), client.get("/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_the_load_balancers_request_id_is_kept_and_junk_replaced(client, clinic_site):
    kept = client.get("/", headers={"X-Request-ID": "lb-7f3a9c1e-0001"})
    assert kept["X-Request-ID"] == "lb-7f3a9c1e-0001"
    junk = client.get("/", headers={"X-Request-ID": "<script>\n"})
    assert junk["X-Request-ID"] != "<script>\n" and len(junk["X-Request-ID"]) == 32


def test_log_lines_are_json_with_the_request_id(client, clinic_site, json_log):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    (line,) = [entry for entry in json_log() if entry["logger"] == "django.request"]
    assert line["level"] == "WARNING"
    assert line["message"] == "Not Found: /no-such-page/"
    assert line["request_id"] == response["X-Request-ID"]
    assert line["time"]


def test_logs_never_hold_patient_details(
    client, clinic_site, json_log, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.appointment_data.BrokenEmailBackend"
    settings.APPOINTMENT_RATE_LIMIT = 100
    patient = answers(treatment=clinic_site.joint.pk)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/appointments/request/", patient)  # saved; its emails fail, are logged
    client.post("/appointments/request/", {**patient, "email": "not-an-email"})
    client.get("/search/", {"q": "sciatica numbness"})
    client.get("/appointments/request/nope/", {"name": patient["full_name"]})

    entries = json_log()
    assert any(
        "notifications not sent" in e["message"] or "was not sent" in e["message"] for e in entries
    ), "the failed email was not logged"
    logged = json.dumps(entries)
    for detail in ("Jamie", "Rivera", "jamie@example.com", "555-0123", "lower back", "sciatica"):
        assert detail not in logged
