"""The production settings, as deployed, plus what the benchmark needs to see inside:
a header with each response's query count, and server errors logged with their traceback
(to tell a "database is locked" from any other failure)."""

from clinic.settings.production import *  # noqa: F403

MIDDLEWARE = ["bench.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
