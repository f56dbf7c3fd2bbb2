"""The LOGGING setting: JSON lines in production, plain text on a developer's machine."""

from pythonjsonlogger.core import RESERVED_ATTRS

# Django attaches the request to its log records; its text has the query string (a search
# can name symptoms), so it never reaches a log line.
HIDDEN_ATTRIBUTES = [*RESERVED_ATTRS, "request"]


def logging_config(*, json_lines, level="INFO"):
    formatter = (
        {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            "reserved_attrs": HIDDEN_ATTRIBUTES,
        }
        if json_lines
        else {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"}
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "clinic.base.logs.RequestIdFilter"},
            "cache_outage": {"()": "clinic.base.logs.CacheOutageFilter"},
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
        },
    }
