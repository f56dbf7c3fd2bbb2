"""What bench/run.py asks of Django, run in the site's own environment:

    python -m bench.tasks login | samples | clear-cache | publish | last-pk | new-counts PK
                         | explain URL...
                         | search-plans URL...

Each prints one JSON document.
"""

import json
import random
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from clinic.appointments.models import AppointmentRequest, FrontDeskLocations  # noqa: E402
from clinic.locations.models import LocationPage  # noqa: E402
from education.models import SymptomArticlePage  # noqa: E402
from treatments.models import TreatmentPage  # noqa: E402

FRONT_DESK_USER = "bench-front-desk"
TABLE = AppointmentRequest._meta.db_table
SEARCH_TABLE = "wagtailsearch_indexentry"


def front_desk_user():
    user, _ = get_user_model().objects.get_or_create(
        username=FRONT_DESK_USER, defaults={"first_name": "Bench", "last_name": "Desk"}
    )
    user.groups.add(Group.objects.get(name="Front desk"))
    # Limited to two of the three locations (and requests naming none): the front desk of
    # a clinic group, whose listing filters by location on every view.
    limit, _ = FrontDeskLocations.objects.get_or_create(user=user)
    limit.locations.set(LocationPage.objects.live().order_by("path")[:2])
    return user


def front_desk_client():
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(front_desk_user())
    return client


def login():
    """A front-desk user's session cookie, stored in the database like any login."""
    client = front_desk_client()
    name = settings.SESSION_COOKIE_NAME
    return {"cookie": f"{name}={client.cookies[name].value}"}


def samples():
    """What the front desk looks up, taken from the stored requests; and the form's
    minimum fill time, which the load generator waits."""
    rng = random.Random(6)  # noqa: S311
    # What the bench's front-desk user may open: another location's request is not found.
    inbox = AppointmentRequest.objects.inbox().visible_to(front_desk_user())
    picked = list(inbox.order_by("?")[:20].values("pk", "reference", "phone", "full_name"))
    rng.shuffle(picked)
    treatment = TreatmentPage.objects.filter(slug="joint-manipulation").first()
    return {
        "request_pks": [row["pk"] for row in picked],
        "search_terms": [
            *(row["reference"] for row in picked[:5]),
            *(row["phone"] for row in picked[5:10]),
            *(row["full_name"].split()[-1] for row in picked[10:15]),
        ],
        "treatment_pk": treatment.pk if treatment else None,
        "min_fill_seconds": settings.APPOINTMENT_MIN_FILL_SECONDS,
    }


def clear_cache():
    """Empty every cache store, the page cache too, so the next view is an uncached render."""
    for store in caches.all():
        store.clear()
    return {"cleared": True}


def publish():
    """Publish the back-spasm article again, as an editor would: publishing empties the page
    cache (and what templates keep there), so the next view of each page is a first view."""
    article = SymptomArticlePage.objects.get(slug="back-spasms")
    article.save_revision().publish()
    return {"published": article.pk}


def last_pk():
    return {"pk": AppointmentRequest.objects.order_by("-pk").values_list("pk", flat=True).first()}


def new_counts(after_pk):
    """The requests stored after the one with `after_pk`, and how many look stored twice
    (each simulated patient has an email of their own)."""
    requests = AppointmentRequest.objects.filter(pk__gt=after_pk)
    return {
        "rows": requests.count(),
        "tokens": requests.values("submission_token").distinct().count(),
        "emails_stored_twice": requests.values("email")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count(),
        "spam": requests.filter(status=AppointmentRequest.Status.SPAM).count(),
        "urgent": requests.filter(is_urgent=True).count(),
        "notified": requests.filter(
            front_desk_notified_at__isnull=False, patient_notified_at__isnull=False
        ).count(),
    }


def explain(*urls):
    """For each front-desk URL, how PostgreSQL reads the requests table in each of its
    queries: the scans and indexes in the plan, and the time it took."""
    client = front_desk_client()
    plans = {}
    for url in urls:
        plans[url] = query_plans(
            client,
            url,
            TABLE,
            lambda sql: sql.startswith("SELECT") and f'FROM "{TABLE}"' in sql,
            lambda sql: "count" if sql.startswith("SELECT COUNT(*)") else "rows",
        )
    return plans


def search_plans(*urls):
    """For each search URL, how PostgreSQL reads the search index in its full-text queries:
    whether they find the pages through the index of what they match (title || body,
    clinic/base/migrations/0004_postgres_search_index.py) rather than read every page."""
    client = Client(HTTP_HOST="127.0.0.1")
    return {
        url: query_plans(
            client, url, SEARCH_TABLE, lambda sql: "@@" in sql, lambda sql: "full text"
        )
        for url in urls
    }


def query_plans(client, url, table, explained, kind):
    """The plans of the queries the page at `url` runs for which `explained(sql)` is true:
    `kind(sql)`, the scans of `table` and its indexes, and the milliseconds it took."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = %s", [table])
        names = [table, *(row[0] for row in cursor.fetchall())]
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url, secure=True).status_code
    plans = []
    if status != 200:
        plans.append({"query": f"(answered {status})", "scans": [], "ms": 0.0})
    for query in queries.captured_queries:
        sql = query["sql"]
        if not explained(sql):
            continue
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN ANALYZE " + sql)
            lines = [row[0].strip().removeprefix("->").strip() for row in cursor.fetchall()]
        scans = {
            line.split("  (")[0].replace(f" on {table}", "")
            for line in lines
            if "Scan" in line and any(f" {name} " in f"{line} " for name in names)
        }
        plans.append(
            {
                "query": kind(sql),
                "scans": sorted(scans),
                "ms": float(lines[-1].split(":")[1].split()[0]),
            }
        )
    return plans


COMMANDS = {
    "login": login,
    "samples": samples,
    "clear-cache": clear_cache,
    "publish": publish,
    "last-pk": last_pk,
    "new-counts": lambda after_pk: new_counts(int(after_pk)),
    "explain": explain,
    "search-plans": search_plans,
}

if __name__ == "__main__":
    command, *args = sys.argv[1:]
    print(json.dumps(COMMANDS[command](*args)))
