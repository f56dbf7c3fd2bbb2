"""The LOGGING setting: JSON lines in production, plain text on a developer's machine."""

from pythonjsonlogger.core import RESERVED_ATTRS

# Django attaches the request to its log records; its text has the query string (a search
# can name symptoms), so it never reaches a log line.
HIDDEN_ATTRIBUTES = [*RESERVED_ATTRS, "request"]


def json_formatter(fields="%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s"):
    return {
        "()": "pythonjsonlogger.json.JsonFormatter",
        "fmt": fields,
        "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        "reserved_attrs": HIDDEN_ATTRIBUTES,
    }


def logging_config(*, json_lines, level="INFO"):
    formatter = (
        json_formatter()
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "clinic.web.logs.RequestIdFilter"},
            "cache_outage": {"()": "clinic.web.logs.CacheOutageFilter"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_id"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # django-redis logs each failed cache call; the filter keeps one warning a minute.
            "clinic.cache": {"filters": ["cache_outage"]},
            # Wagtail's background tasks (search index, references) run inline here and would
            # log two lines each per page saved.
            "django_tasks": {"level": "WARNING"},
        },
    }


def gunicorn_logging_config():
    """gunicorn's own logs (its access and error lines) as JSON lines too, on stdout."""
    handler = {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    logger = {"level": "INFO", "handlers": ["console"], "propagate": False}
    return {
        "formatters": {"json": json_formatter("%(asctime)s %(levelname)s %(name)s %(message)s")},
        "handlers": {"console": handler, "error_console": handler},
        "root": {"level": "INFO", "handlers": ["console"]},
        "loggers": {"gunicorn.error": logger, "gunicorn.access": logger},
    }
