"""The production settings, as deployed, plus a response header with each request's query
count (bench/middleware.py), which the benchmark reports as queries per request, and the
benchmark's own app with its data command (generate_bench_data) and the hook that tells how
many of a page's queries Wagtail ran finding it (bench/wagtail_hooks.py)."""

from clinic.settings.production import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
