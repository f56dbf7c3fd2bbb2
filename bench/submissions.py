"""Locust: appointment requests sent the way patients' browsers send them.

Each simulated user is one connection that stands for many browsers: it opens the form
(getting the CSRF cookie and token and the signed ticket), and once a form has been open for
the minimum fill time it posts it with that browser's cookies, then follows the redirect to
the confirmation. So every post carries a real token and a ticket older than
APPOINTMENT_MIN_FILL_SECONDS, while the connection is never idle.

Run by bench/run.py, which reads the counts this writes to $BENCH_SUBMISSIONS_RESULT.
"""

import collections
import json
import os
import random
import re
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from locust import FastHttpUser, constant, events, task

FORM_URL = "/appointments/request/"
SENT_URL = "/appointments/request/sent/"
MIN_FILL_SECONDS = float(os.environ.get("BENCH_MIN_FILL_SECONDS", "3"))
PUBLIC_ORIGIN = os.environ["BENCH_PUBLIC_ORIGIN"]  # https://127.0.0.1:<port>, as the browser sees
QUERY_HEADER = "X-Bench-Queries"

TICKET = re.compile(r'name="ticket" value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The treatment question's options only: the location and practitioner questions list ids too.
TREATMENT_QUESTION = re.compile(r'<select name="treatment".*?</select>', re.DOTALL)
TREATMENT = re.compile(r'<option value="(\d+)"')
WARNING_SIGN = re.compile(r'name="red_flags" value="(\d+)"')

outcomes = collections.Counter()
queries = collections.defaultdict(lambda: [0, 0])  # request name -> [queries, responses]


@dataclass
class Browser:
    """One patient's browser: its cookies and the form it has open."""

    cookies: dict = field(default_factory=dict)
    csrf_token: str = ""
    ticket: str = ""
    treatments: list = field(default_factory=list)
    warning_signs: list = field(default_factory=list)
    opened_at: float = 0.0

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def keep_cookies(self, response):
        for header in response.headers.getlist("set-cookie"):
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value


def record(name, response):
    status = response.status_code or 0
    if status >= 500:
        outcomes["5xx"] += 1
    elif status == 0:
        outcomes["connection errors"] += 1
    count = response.headers.get(QUERY_HEADER) if response.headers else None
    if count is not None:
        queries[name][0] += int(count)
        queries[name][1] += 1


class Patient(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        # Cookies are kept per browser below, not per connection.
        self.client.client.cookiejar = None
        self.open_forms = collections.deque()

    def headers(self, browser, **extra):
        # TLS ends at the load balancer, which says so; the browser sends its origin on a post.
        headers = {"X-Forwarded-Proto": "https", **extra}
        if browser.cookies:
            headers["Cookie"] = browser.cookie_header()
        return headers

    @task
    def next_step(self):
        if self.open_forms and time.monotonic() - self.open_forms[0].opened_at >= MIN_FILL_SECONDS:
            self.send(self.open_forms.popleft())
        else:
            self.open_form()

    def open_form(self):
        browser = Browser()
        response = self.client.get(FORM_URL, headers=self.headers(browser), name="GET form")
        record("GET form", response)
        if response.status_code != 200:
            return
        browser.keep_cookies(response)
        page = response.text
        browser.ticket = TICKET.search(page).group(1)
        browser.csrf_token = CSRF.search(page).group(1)
        browser.treatments = TREATMENT.findall(TREATMENT_QUESTION.search(page).group(0))
        browser.warning_signs = WARNING_SIGN.findall(page)
        browser.opened_at = time.monotonic()
        self.open_forms.append(browser)

    def send(self, browser):
        name = f"Patient {uuid.uuid4().hex[:8]}"
        data = {
            "csrfmiddlewaretoken": browser.csrf_token,
            "ticket": browser.ticket,
            "treatment": random.choice([*browser.treatments, ""]),  # noqa: S311
            "full_name": name,
            "email": f"{name.split()[1]}@example.com",
            "phone": f"(503) 555-{random.randint(100, 199):04d}",  # noqa: S311
            "preferred_contact": random.choice(["phone", "text", "email"]),  # noqa: S311
            "patient_type": random.choice(["new", "returning"]),  # noqa: S311
            "preferred_days": random.sample(["mon", "tue", "wed", "thu", "fri"], 2),  # noqa: S311
            "message": "My lower back has been stiff for two weeks.",
            "consent": "on",
            "website": "",
        }
        if browser.warning_signs and random.random() < 0.04:  # noqa: S311
            data["red_flags"] = random.choice(browser.warning_signs)  # noqa: S311
        headers = self.headers(
            browser,
            Origin=PUBLIC_ORIGIN,
            Referer=PUBLIC_ORIGIN + FORM_URL,
            **{"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = self.client.post(
            FORM_URL,
            data=urlencode(data, doseq=True),
            headers=headers,
            allow_redirects=False,
            name="POST form",
        )
        record("POST form", response)
        if response.status_code != 302:
            outcomes[f"POST {response.status_code}"] += 1
            return
        outcomes["302"] += 1
        browser.keep_cookies(response)
        response = self.client.get(SENT_URL, headers=self.headers(browser), name="GET confirmation")
        record("GET confirmation", response)
        if response.status_code == 200 and 'class="reference">LB-' in response.text:
            outcomes["confirmations"] += 1


@events.test_stop.add_listener
def write_results(environment, **kwargs):
    # After the users have finished what they were doing (--stop-timeout), so every request
    # sent is counted.
    stats = {
        name: {
            "requests": entry.num_requests,
            "p50_ms": entry.get_response_time_percentile(0.5),
            "p99_ms": entry.get_response_time_percentile(0.99),
        }
        for (name, _method), entry in environment.stats.entries.items()
    }
    with open(os.environ["BENCH_SUBMISSIONS_RESULT"], "w") as results:
        json.dump(
            {
                "outcomes": dict(outcomes),
                "queries": {name: total / n for name, (total, n) in queries.items() if n},
                "stats": stats,
            },
            results,
        )
