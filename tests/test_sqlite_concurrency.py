"""On SQLite (what `make run` uses), patients sending the form at the same moment all get
their request stored and notified: no "database is locked"."""

import json
import os

from tests.helpers import run_python

CLIENTS = 8
REQUESTS_EACH = 4

# Runs in its own process, against a migrated SQLite file holding the clinic's content:
# pytest's test database is an in-memory one, which threads cannot share the way a server's
# processes share a file.
SUBMIT_AT_ONCE = """
import json, re, sys, threading, time
import django
django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from clinic.appointments.models import AppointmentRequest

clients, each = int(sys.argv[1]), int(sys.argv[2])
start = threading.Barrier(clients)
outcomes = []

def patient(number):
    browser = Client()
    forms = []
    for _ in range(each):
        page = browser.get("/appointments/request/").content.decode()
        forms.append(re.search(r'name="ticket" value="([^"]+)"', page).group(1))
    time.sleep(settings.APPOINTMENT_MIN_FILL_SECONDS)  # as a person takes to fill it in
    start.wait()
    for ticket in forms:
        try:
            response = browser.post("/appointments/request/", {
                "ticket": ticket, "full_name": f"Patient {number}", "phone": "(503) 555-0147",
                "email": f"patient{number}@example.com", "preferred_contact": "phone",
                "patient_type": "new", "consent": "on",
            })
            outcomes.append(str(response.status_code))
        except Exception as error:
            outcomes.append(f"{type(error).__name__}: {error}")
    connection.close()

threads = [threading.Thread(target=patient, args=(n,)) for n in range(clients)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal_mode = cursor.fetchone()[0]
requests = AppointmentRequest.objects.all()
print(json.dumps({
    "journal_mode": journal_mode,
    "outcomes": sorted(set(outcomes)),
    "stored": requests.count(),
    "notified": sum(r.is_notified for r in requests),
}))
"""


def test_simultaneous_form_posts_are_all_stored_and_notified(migrated_copy):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="clinic.settings.test",
        DATABASE_URL=f"sqlite:///{migrated_copy}",
        APPOINTMENT_RATE_LIMIT="1000",
    )
    run_python("manage.py", "load_clinic_content", env=env, timeout=180)

    run = run_python("-c", SUBMIT_AT_ONCE, str(CLIENTS), str(REQUESTS_EACH), env=env, timeout=180)
    result = json.loads(run.stdout.splitlines()[-1])
    assert result["journal_mode"] == "wal"
    assert result["outcomes"] == ["302"]
    assert result["stored"] == result["notified"] == CLIENTS * REQUESTS_EACH
    assert "database is locked" not in run.stderr
