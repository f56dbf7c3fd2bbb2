"""`make bench`: how fast the site is, measured the way it runs in production.

It recreates a PostgreSQL database, loads the clinic's content and generates articles and
appointment requests (generate_bench_data), then serves it with gunicorn and the production
settings on the loopback, behind a pretend load balancer (X-Forwarded-Proto: https), with
the shared cache at REDIS_URL and a real SMTP server for the emails. wrk measures plain GETs,
locust the appointment form; bench/RESULTS.md gets the figures, the targets of issues 6 and
16 and the machine. Then the form run is repeated on SQLite, what `make run` uses.

bench/settings.py is the production settings plus a response header with each request's query
count (and how many of them Wagtail ran finding the page), and the benchmark's app
(bench/apps.py), which brings the generate_bench_data command and that count's hook.

Environment (all optional):
  BENCH_DATABASE_URL     the database to recreate  [postgres://postgres@127.0.0.1:5432/lumbar_bench]
  BENCH_REDIS_URL        the site's REDIS_URL      [redis://127.0.0.1:6379/5]
  BENCH_PORT             gunicorn's port; the mail server takes the next one  [8800]
  BENCH_ARTICLES, BENCH_REQUESTS   how much to generate  [10000, 100000]
  BENCH_DURATION         seconds of load per URL  [15]
  BENCH_SUBMIT_DURATION  seconds of form submissions, per database  [30]
  BENCH_CONNECTIONS      wrk's connections for patient pages and search  [16]
  BENCH_QUICK=1          a short run while developing: less data, 3 s per URL, 10 s of
                         submissions; writes bench/RESULTS-quick.md instead
  BENCH_KEEP=1           keep the working directory (logs, mail, SQLite file) afterwards
"""

import contextlib
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus, urlsplit

import psycopg2

from bench.middleware import QUERY_HEADER, ROUTING_QUERY_HEADER
from tests.gunicorn_process import BIN, ROOT, gunicorn_command, running, serving

PAGES = [
    ("Home", "/"),
    ("Treatments", "/treatments/"),
    ("Joint manipulation", "/treatments/joint-manipulation/"),
    ("Back spasms article", "/symptoms/back-spasms/"),
    ("Symptoms", "/symptoms/"),
]
SEARCHES = [
    "sciatica",
    "lower back pain",
    "neck stiffness morning",
    "tendinitis",
    "knee swelling after running",
    "whiplash",
    "spasms",
    "frozen shoulder",
]
# A search's or a front-desk view's p50 is the time a person waits for it: measured with one
# request per core, so that it is the view's own cost, not the queue of a saturated server.
# Throughput is measured with more connections than cores too.
LATENCY_CONNECTIONS = os.cpu_count() or 1
INBOX = "/admin/appointment-requests/"
FRONT_DESK_CONNECTIONS = 4  # a front desk is a handful of people, all clicking at once
# How long the scheduler may take to send the emails of the last requests after a form run.
EMAILS_WAIT_SECONDS = 120

# The targets ("Simpler to change": speed from the page cache, the indexes and the joins).
PAGE_SHARE_OF_STATIC = 0.5
FIRST_VIEW_QUERIES = 10
SEARCH_P50_MS = 100
SEARCH_INDEX = "search_title_body"
INBOX_QUERIES = 20
INBOX_P50_MS = 150
SUBMISSIONS_PER_SECOND = 50
SUBMISSION_CLIENTS = 32
# The same count before "Simpler to change" took out the private-API speed-ups.
LINES_BEFORE = "5,640 at cb9632f, before the page store, kept counts and hand-rendered cells went"


@dataclass
class Config:
    database_url: str
    redis_url: str
    port: int
    articles: int
    requests: int
    duration: int
    submit_duration: int
    connections: int
    quick: bool

    @classmethod
    def from_env(cls):
        env = os.environ.get
        quick = env("BENCH_QUICK", "") not in ("", "0")
        return cls(
            database_url=env(
                "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/lumbar_bench"
            ),
            redis_url=env("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
            port=int(env("BENCH_PORT", "8800")),
            articles=int(env("BENCH_ARTICLES", "500" if quick else "10000")),
            requests=int(env("BENCH_REQUESTS", "5000" if quick else "100000")),
            duration=int(env("BENCH_DURATION", "3" if quick else "15")),
            submit_duration=int(env("BENCH_SUBMIT_DURATION", "10" if quick else "30")),
            connections=int(env("BENCH_CONNECTIONS", "16")),
            quick=quick,
        )

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.port}"

    @property
    def results_path(self):
        return ROOT / "bench" / ("RESULTS-quick.md" if self.quick else "RESULTS.md")


@dataclass
class Measure:
    """One URL (or a rotation of URLs) under load."""

    name: str
    paths: list
    rps: float = 0.0
    p50_ms: float | None = None  # None: no request finished
    p99_ms: float | None = None
    errors: int = 0
    queries: float | None = None
    first_view_queries: int | None = None
    # Of those, the queries Wagtail ran finding the page and checking its view restrictions.
    first_view_routing_queries: int | None = None
    connections: int | None = None


def say(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# Processes


def run(command, env, timeout=1800, **kwargs):
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, **kwargs
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, command))} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def manage(env, *args):
    return run([sys.executable, "manage.py", *args], env)


def task(env, *args):
    """One of bench/tasks.py's commands, in the site's environment."""
    return json.loads(run([sys.executable, "-m", "bench.tasks", *args], env).splitlines()[-1])


def fetch(url, headers=None):
    """(status, headers); status 0 when the server did not answer in time."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return 0, {}


def ensure_wrk():
    if shutil.which("wrk"):
        return
    say("installing wrk with apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run([*sudo, "apt-get", "install", "-y", "wrk"], check=True)


# The site


def connect(url, database=None):
    parts = urlsplit(url)
    try:
        connection = psycopg2.connect(
            dbname=database or parts.path.lstrip("/"),
            user=parts.username,
            password=parts.password,
            host=parts.hostname,
            port=parts.port,
        )
    except psycopg2.OperationalError as error:
        raise SystemExit(f"No PostgreSQL at {url} (set BENCH_DATABASE_URL): {error}") from error
    connection.autocommit = True
    return connection


def recreate_database(url):
    name = urlsplit(url).path.lstrip("/")
    connection = connect(url, database="postgres")
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0]
    connection.close()
    return version.split(" on ")[0]


def check_redis(url):
    parts = urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=3).close()
    except OSError as error:
        raise SystemExit(f"No Redis at {url} (set BENCH_REDIS_URL): {error}") from error


def site_env(config, database_url, work):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "WEB_CONCURRENCY"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=config.redis_url,
        BASE_URL=config.origin,
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        HOST="127.0.0.1",
        PORT=str(config.port),
        FORWARDED_ALLOW_IPS="127.0.0.1",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(config.port + 1),
        # Every simulated patient comes from 127.0.0.1: the limit is raised, not removed.
        APPOINTMENT_RATE_LIMIT="1000000",
        PYTHONPATH=str(ROOT),
    )
    return env


def prepare(env, config, generate):
    manage(env, "migrate", "--noinput", "--verbosity", "0")
    manage(env, "load_clinic_content")
    if generate:
        started = time.monotonic()
        manage(
            env,
            "generate_bench_data",
            f"--articles={config.articles}",
            f"--requests={config.requests}",
            "--seed=1",
        )
        say(f"generated the data in {time.monotonic() - started:.0f} s")
        # What autovacuum does soon after a bulk load; a database that filled up over a year
        # has its statistics and visibility map up to date.
        connection = connect(env["DATABASE_URL"])
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connection.close()
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    # A page cache or rate-limit counters left from an earlier run would skew this one.
    task(env, "clear-cache")


@contextlib.contextmanager
def site(env, config, work, label):
    mailbox = work / f"mail-{label}"
    # The mail server stands for the clinic's mail provider, which is not on the web
    # server's machine: it gets only the CPU nothing else wants.
    smtp = ["nice", "-n", "19", sys.executable, "-m", "aiosmtpd", "-n"]
    smtp += ["-l", f"127.0.0.1:{config.port + 1}"]
    smtp += ["-c", "aiosmtpd.handlers.Mailbox", str(mailbox)]
    log_path = work / f"gunicorn-{label}.log"
    gunicorn = gunicorn_command("-c", str(ROOT / "clinic" / "gunicorn.conf.py"))
    # As in production, the scheduler sends the appointment emails.
    scheduler = [sys.executable, "manage.py", "run_scheduler"]
    with (
        running(smtp, env, work / f"smtp-{label}.log"),
        running(scheduler, env, work / f"scheduler-{label}.log"),
        serving(gunicorn, env, log_path, seconds=60),
    ):
        yield mailbox, log_path


# Load


def wrk(config, measure, connections, headers=(), seconds=None):
    """Runs wrk on the measure's paths and fills in its rate and latencies."""
    seconds = seconds or config.duration
    env = {**os.environ, "WRK_PATHS": "|".join(measure.paths)}
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["-s", str(ROOT / "bench" / "report.lua"), "-H", "X-Forwarded-Proto: https"]
    for header in headers:
        command += ["-H", header]
    command.append(f"http://127.0.0.1:{config.port}{measure.paths[0]}")
    output = run(command, env, timeout=seconds + 60)
    # wrk stops with requests still queued at the server: the next run starts once the
    # workers have finished them.
    time.sleep(2)
    result = json.loads(output.split("WRK_JSON ", 1)[1].splitlines()[0])
    measure.rps = result["requests"] / (result["duration_us"] / 1e6)
    if result["requests"]:
        measure.p50_ms = result["p50_us"] / 1000
        measure.p99_ms = result["p99_us"] / 1000
    measure.errors += sum(v for k, v in result.items() if k.endswith(("errors", "timeouts")))
    measure.errors += result["bad_status"]


def sample_queries(config, measure, headers=None, first_view=False):
    """Queries per request, read from the server's header: each path twice, the mean of the
    second views; with first_view, the most any first view took (a publish just emptied the
    page cache, so a first view renders the page). A failed request counts as an error."""
    first, later = [], []
    for path in measure.paths[:10]:
        for views in (first, later):
            status, response_headers = fetch(f"http://127.0.0.1:{config.port}{path}", headers)
            if status == 200:
                routing = response_headers.get(ROUTING_QUERY_HEADER)
                views.append(
                    (
                        int(response_headers.get(QUERY_HEADER, 0)),
                        None if routing is None else int(routing),
                    )
                )
            else:
                say(f"{path} answered {status or 'nothing'}")
                measure.errors += 1
    if first_view:
        if first:
            measure.first_view_queries, measure.first_view_routing_queries = max(
                first, key=lambda view: view[0]
            )
        views = later
    else:
        views = first + later
    measure.queries = sum(total for total, _ in views) / len(views) if views else None


def warm_up(config, measure, connections, headers=()):
    """A second of load, so that every worker has served these paths once (the per-process
    caches a long-running server has are warm), and so has any page cache."""
    wrk(config, Measure(measure.name, measure.paths), connections, headers, seconds=1)


def measure_pages(config, env):
    static_path = (
        "/static/"
        + json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())["paths"][
            "css/clinic.css"
        ]
    )
    static = Measure("Static file (WhiteNoise)", [static_path])
    pages = [Measure(name, [path]) for name, path in PAGES]
    search_paths = [f"/search/?q={quote_plus(q)}" for q in SEARCHES]
    searches = [
        Measure("Search", search_paths, connections=LATENCY_CONNECTIONS),
        Measure("Search", search_paths, connections=config.connections),
    ]
    for measure in [static, *pages, searches[0]]:
        warm_up(config, measure, config.connections)
    # Each page's first view right after a publish: nothing of it kept, not even the header
    # and footer that any page viewed since would have left in the page cache.
    for measure in pages:
        task(env, "publish")
        sample_queries(config, measure, first_view=True)
    for measure in searches:
        sample_queries(config, measure, first_view=True)

    for measure in [static, *pages, *searches]:
        say(f"{measure.name}, {measure.connections or config.connections} connections")
        wrk(config, measure, measure.connections or config.connections)
    sample_queries(config, static)
    search_plans = {}
    if env["DATABASE_URL"].startswith("postgres"):
        search_plans = task(env, "search-plans", *search_paths)
    return static, pages, searches, search_plans


def measure_front_desk(config, env):
    cookie = task(env, "login")["cookie"]
    samples = task(env, "samples")
    filtered = f"{INBOX}?status=open"
    if samples["treatment_pk"]:
        filtered += f"&treatment={samples['treatment_pk']}"
    paths = {
        "Listing": [INBOX],
        "Filtered listing (open, one treatment)": [filtered],
        "Search (references, phones, surnames)": [
            f"{INBOX}?q={quote_plus(term)}" for term in samples["search_terms"]
        ],
        "One request's page": [f"{INBOX}inspect/{pk}/" for pk in samples["request_pks"]],
    }
    views = [
        Measure(name, urls, connections=connections)
        for name, urls in paths.items()
        for connections in (LATENCY_CONNECTIONS, FRONT_DESK_CONNECTIONS)
    ]
    headers = [f"Cookie: {cookie}"]
    for measure in views:
        say(f"front desk: {measure.name}, {measure.connections} connections")
        warm_up(config, measure, measure.connections, headers)
        wrk(config, measure, measure.connections, headers)
        sample_queries(config, measure, {"Cookie": cookie})
    plans = {}
    if env["DATABASE_URL"].startswith("postgres"):
        listing, filtered_listing, searches, pages = paths.values()
        plans = task(env, "explain", listing[0], filtered_listing[0], *searches[:15:5], pages[0])
    return views, plans, samples["min_fill_seconds"]


def submissions(config, env, work, label, mailbox, log_path, min_fill_seconds):
    """SUBMISSION_CLIENTS locust users sending the form for the configured time."""
    say(f"appointment submissions on {label}")
    before = task(env, "last-pk")["pk"] or 0
    result_path = work / f"submissions-{label}.json"
    locust_env = {
        **env,
        "BENCH_PUBLIC_ORIGIN": config.origin,
        "BENCH_SUBMISSIONS_RESULT": str(result_path),
        "BENCH_MIN_FILL_SECONDS": str(min_fill_seconds),
    }
    command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "submissions.py"), "--headless"]
    command += [f"--users={SUBMISSION_CLIENTS}", f"--spawn-rate={SUBMISSION_CLIENTS}"]
    command += [f"--run-time={config.submit_duration}s", "--stop-timeout=30", "--only-summary"]
    command.append(f"--host=http://127.0.0.1:{config.port}")
    run(command, locust_env, timeout=config.submit_duration + 120)
    outcome = json.loads(result_path.read_text())
    # The scheduler sends the emails of the last requests within its interval.
    deadline = time.monotonic() + EMAILS_WAIT_SECONDS
    while True:
        stored = task(env, "new-counts", str(before))
        if stored["notified"] >= stored["rows"] or time.monotonic() > deadline:
            break
        time.sleep(2)
    mail = mailbox / "new"
    log = Path(log_path).read_text()
    return {
        "label": label,
        "outcomes": outcome["outcomes"],
        "queries": outcome["queries"],
        "stats": outcome["stats"],
        "stored": stored,
        "emails": len(list(mail.iterdir())) if mail.exists() else 0,
        # Tracebacks are logged where the production logging says; a failed email is a warning.
        "locked": sum(
            "database is locked" in line or "OperationalError" in line for line in log.splitlines()
        ),
        "duration": config.submit_duration,
    }


# Results


def machine():
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError):
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    system = platform.platform()
    with contextlib.suppress(OSError):
        release = Path("/etc/os-release").read_text()
        system = re.search(r'PRETTY_NAME="([^"]+)"', release)[1] + f" ({platform.release()})"
    wrk_version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    locust_version = run([str(BIN / "locust"), "--version"], os.environ).split()[1]
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "Memory": memory,
        "OS": system,
        "Python": platform.python_version(),
        "Load generators": f"wrk {wrk_version[1] if len(wrk_version) > 1 else '?'}, "
        f"locust {locust_version}, on the same machine",
    }


def application_lines():
    """Lines of the product's Python (clinic/, treatments/, education/, migrations left out),
    blank lines and comments not counted."""
    files = subprocess.run(
        ["git", "ls-files", "clinic", "treatments", "education"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    return sum(
        1
        for name in files
        if name.endswith(".py") and "/migrations/" not in name
        for line in (ROOT / name).read_text().splitlines()
        if line.strip() and not line.strip().startswith("#")
    )


def git_commit():
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{commit}{' (with uncommitted changes)' if dirty else ''}"


def at_most(value, limit):
    return value is not None and value <= limit


def latency_verdict(measure, p50_ms):
    """A p50 target is read at one connection per core; other runs measure throughput."""
    if measure.connections != LATENCY_CONNECTIONS:
        return "(throughput)"
    return verdict(at_most(measure.p50_ms, p50_ms) and not measure.errors)


def verdict(ok):
    return "PASS" if ok else "**FAIL**"


def ms(value):
    if value is None:
        return "–"
    return f"{value:.1f}" if value < 10 else f"{value:.0f}"


def queries_text(value):
    if value is None:
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def render(config, info, static, pages, searches, search_plans, views, plans, runs, workers):
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (bench/run.py); the README's Performance section says how it",
        "works. Targets are those of issues 6 and 16.",
        "",
    ]
    if config.quick:
        lines += [
            "**Quick run (BENCH_QUICK): less data and shorter loads than the targets ask.**",
            "",
        ]
    lines += ["| | |", "| --- | --- |"]
    lines += [f"| {key} | {value} |" for key, value in info.items()]
    lines += [
        "",
        f"Data: {config.articles:,} generated symptom articles and {config.requests:,} "
        "appointment requests, plus the clinic's content.",
        f"Server: gunicorn, {workers} sync workers (the config's default), production settings "
        "(bench/settings.py adds the query-count header), on 127.0.0.1 behind "
        "`X-Forwarded-Proto: https`.",
        f"Load: wrk, 2 threads, {config.duration} s per URL: {config.connections} connections "
        f"for patient pages, {LATENCY_CONNECTIONS} (one per core) and {config.connections} for "
        f"search, {LATENCY_CONNECTIONS} and {FRONT_DESK_CONNECTIONS} for the front desk; "
        f"locust, {SUBMISSION_CLIENTS} users for {config.submit_duration} s for the form.",
        "",
        "## Anonymous page views",
        "",
        "Queries: each page's first view right after a publish (the back-spasm article "
        "published again, which empties the page cache and the header and footer kept there: "
        "the uncached render; the server's per-process caches are warm), then the mean over "
        "later views. Of a first view's queries, “Wagtail finding the page” are those run "
        "before the page's own `serve()`: the Site, the page and each page above it, and the "
        "view-restriction check (counted by an `on_serve_page` hook of the benchmark's app, "
        "bench/wagtail_hooks.py); the rest are the page's own: the clinic settings, the menu, "
        "the footer and the content.",
        "",
        "| Page | URL | Requests/s | p50 ms | p99 ms | Errors | Queries, first view "
        "| Of those, Wagtail finding the page | Queries/request | Share of static "
        f"| Target: ≥ 50 % of static | Target: ≤ {FIRST_VIEW_QUERIES} queries |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
        f"| {static.name} | `{static.paths[0]}` | {static.rps:.0f} | {ms(static.p50_ms)} | "
        f"{ms(static.p99_ms)} | {static.errors} | – | – | {queries_text(static.queries)} | "
        "100 % | (the ceiling) | |",
    ]
    for page in pages:
        share = page.rps / static.rps if static.rps else 0
        lines.append(
            f"| {page.name} | `{page.paths[0]}` | {page.rps:.0f} | {ms(page.p50_ms)} | "
            f"{ms(page.p99_ms)} | {page.errors} | {queries_text(page.first_view_queries)} | "
            f"{queries_text(page.first_view_routing_queries)} | "
            f"{queries_text(page.queries)} | {share:.0%} | "
            f"{verdict(share >= PAGE_SHARE_OF_STATIC and not page.errors)} | "
            f"{verdict(at_most(page.first_view_queries, FIRST_VIEW_QUERIES))} |"
        )
    lines += [
        "",
        f"## Search ({config.articles:,} articles, PostgreSQL full-text search)",
        "",
        f"{len(SEARCHES)} queries in turn: " + ", ".join(f"“{q}”" for q in SEARCHES) + ".",
        "",
        f"The p50 target is read at {LATENCY_CONNECTIONS} connections, one per core: the "
        "time a patient waits for a search rather than for the searches queued before theirs. "
        "Search results are not cached (what patients search for is kept out of the cache, as "
        "out of the logs), so every search below ran its queries.",
        "",
        "| Connections | Requests/s | p50 ms | p99 ms | Errors | Queries, first view "
        f"| Queries/request | Target: p50 ≤ {SEARCH_P50_MS} ms "
        f"| Target: ≤ {FIRST_VIEW_QUERIES} queries |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for search in searches:
        latency = latency_verdict(search, SEARCH_P50_MS)
        lines.append(
            f"| {search.connections} | {search.rps:.0f} | {ms(search.p50_ms)} | "
            f"{ms(search.p99_ms)} | {search.errors} | "
            f"{queries_text(search.first_view_queries)} | {queries_text(search.queries)} | "
            f"{latency} | {verdict(at_most(search.first_view_queries, FIRST_VIEW_QUERIES))} |"
        )
    if search_plans:
        lines += [
            "",
            "Query plans on PostgreSQL (EXPLAIN ANALYZE of each full-text query). A search finds "
            f"its pages through the index of what it matches, `{SEARCH_INDEX}` on title || body "
            "(clinic/base/migrations/0004_postgres_search_index.py), rather than reading the "
            "vectors of every page.",
            "",
            "| URL | Reads | ms | Target: reads the index |",
            "| --- | --- | ---: | --- |",
        ]
        for url, queries in search_plans.items():
            for query in queries:
                uses_index = any(SEARCH_INDEX in scan for scan in query["scans"])
                lines.append(
                    f"| `{url}` | {'; '.join(query['scans'])} | {query['ms']:.1f} | "
                    f"{verdict(uses_index)} |"
                )
    lines += [
        "",
        f"## Front-desk inbox ({config.requests:,} requests)",
        "",
        "Logged in as a Front desk user. Search takes 15 terms in turn (5 references, 5 phone "
        "numbers, 5 surnames); the request's page, 20 requests in turn.",
        "",
        f"As for search, the p50 target is read at {LATENCY_CONNECTIONS} connections, one per "
        "core: the time a member of staff waits for a page. Each view is measured at "
        f"{FRONT_DESK_CONNECTIONS} connections too, every one clicking again the moment its "
        "page arrives (far more than a front desk does): there p50 is mostly the wait for "
        "the pages queued before.",
        "",
        "| View | Connections | Requests/s | p50 ms | p99 ms | Errors | Queries/request "
        f"| Target: ≤ {INBOX_QUERIES} queries | Target: p50 ≤ {INBOX_P50_MS} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for view in views:
        latency = latency_verdict(view, INBOX_P50_MS)
        lines.append(
            f"| {view.name} | {view.connections} | {view.rps:.0f} | {ms(view.p50_ms)} | "
            f"{ms(view.p99_ms)} | {view.errors} | {queries_text(view.queries)} | "
            f"{verdict(at_most(view.queries, INBOX_QUERIES) and not view.errors)} | {latency} |"
        )
    if plans:
        lines += [
            "",
            "Query plans on PostgreSQL (EXPLAIN ANALYZE of each query on the requests table). "
            "Every listing counts its matches and the menu's new requests from the database.",
            "",
            "| URL | Query | Reads | ms |",
            "| --- | --- | --- | ---: |",
        ]
        for url, queries in plans.items():
            for query in queries:
                reads = "; ".join(query["scans"])
                lines.append(f"| `{url}` | {query['query']} | {reads} | {query['ms']:.1f} |")
    lines += [
        "",
        "## Appointment submissions",
        "",
        f"{SUBMISSION_CLIENTS} locust users, each standing for many browsers: it opens the form "
        "(CSRF cookie and token, signed ticket), posts it once it has been open for the "
        "minimum fill time, and follows the redirect to the confirmation. The rate limit is "
        "raised through APPOINTMENT_RATE_LIMIT. The scheduler (`run_scheduler`, as in production) "
        "sends the emails to a local SMTP server (aiosmtpd); Notified and Emails received are "
        "counted once it has sent those of the last requests.",
        "",
        "| Database | Accepted/s (302s over the run) | 302s | Rows stored | Stored twice "
        "| 5xx | Other answers | “database is locked” in the log | Notified | Emails received "
        "| POST p50/p99 ms | Queries: form, post, confirmation | Target |",
        "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for result in runs:
        outcomes, stored = result["outcomes"], result["stored"]
        accepted = outcomes.get("302", 0)
        rate = accepted / result["duration"]
        post = result["stats"].get("POST form", {})
        others = {k: v for k, v in outcomes.items() if k.startswith("POST ")}
        queries = result["queries"]
        exact = (
            stored["rows"] == accepted
            and stored["tokens"] == stored["rows"]
            and not stored["emails_stored_twice"]
            and not outcomes.get("5xx")
        )
        if result["label"] == "PostgreSQL":
            target = f"≥ {SUBMISSIONS_PER_SECOND}/s, each stored once: " + verdict(
                exact and rate >= SUBMISSIONS_PER_SECOND
            )
        else:
            target = "no “database is locked”, each stored once: " + verdict(
                exact and not result["locked"]
            )
        lines.append(
            f"| {result['label']} | {rate:.1f} | {accepted} | {stored['rows']} | "
            f"{stored['emails_stored_twice']} | {outcomes.get('5xx', 0)} | "
            f"{', '.join(f'{k}: {v}' for k, v in others.items()) or '–'} | {result['locked']} | "
            f"{stored['notified']} | {result['emails']} | "
            f"{post.get('p50_ms', '–')}/{post.get('p99_ms', '–')} | "
            f"{queries_text(queries.get('GET form'))}, {queries_text(queries.get('POST form'))}, "
            f"{queries_text(queries.get('GET confirmation'))} | {target} |"
        )
    lines += [
        "",
        "The load generators share the machine's cores with gunicorn, PostgreSQL and the mail "
        "server, so these figures are a floor for a server of the same size.",
        "",
    ]
    return "\n".join(lines)


def main():
    config = Config.from_env()
    check_redis(config.redis_url)
    ensure_wrk()
    info = machine()
    work = Path(tempfile.mkdtemp(prefix="lumbar-bench-"))
    say(f"working in {work}")
    try:
        say(f"recreating {config.database_url}")
        info["PostgreSQL"] = recreate_database(config.database_url)
        info["Date"] = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
        # Other work on the machine takes cores from the server: say how busy it was.
        info["Load average at the start"] = " / ".join(f"{n:.1f}" for n in os.getloadavg())
        info["Commit"] = git_commit()
        info["Application code"] = (
            f"{application_lines():,} lines of Python outside migrations ({LINES_BEFORE})"
        )
        env = site_env(config, config.database_url, work)
        say("migrating, loading the content and generating the data")
        prepare(env, config, generate=True)
        workers = run(
            [str(BIN / "gunicorn"), "--print-config", "-c", "clinic/gunicorn.conf.py"], env
        )
        workers = re.search(r"^workers\s*=\s*(\d+)", workers, re.M)[1]
        with site(env, config, work, "postgresql") as (mailbox, log_path):
            static, pages, searches, search_plans = measure_pages(config, env)
            views, plans, min_fill = measure_front_desk(config, env)
            runs = [submissions(config, env, work, "PostgreSQL", mailbox, log_path, min_fill)]

        sqlite_env = site_env(config, f"sqlite:///{work / 'bench.sqlite3'}", work)
        say("SQLite: migrating and loading the content")
        prepare(sqlite_env, config, generate=False)
        with site(sqlite_env, config, work, "sqlite") as (mailbox, log_path):
            runs.append(
                submissions(config, sqlite_env, work, "SQLite", mailbox, log_path, min_fill)
            )

        info["Load average at the end"] = " / ".join(f"{n:.1f}" for n in os.getloadavg())
        config.results_path.write_text(
            render(config, info, static, pages, searches, search_plans, views, plans, runs, workers)
        )
        say(f"wrote {config.results_path.relative_to(ROOT)}")
    except BaseException:
        say(f"failed: the logs are in {work}")
        raise
    else:
        if os.environ.get("BENCH_KEEP", "") in ("", "0"):
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
