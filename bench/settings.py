"""The production settings, as deployed, plus a response header with each request's query
count (bench/middleware.py), which the benchmark reports as queries per request."""

from clinic.settings.production import *  # noqa: F403

MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
