"""Log records carry the request id; cache outages log one short warning, not tracebacks.

Log lines never hold patient details: the code logs references, ids and exception types,
never form values, and the access log has no query strings (clinic/gunicorn.conf.py).
"""

import contextvars
import logging
import time

# The id of the request this thread or task is serving ("-" outside a request).
request_id = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record, so a request's lines can be found together."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class CacheOutageFilter(logging.Filter):
    """Turns django-redis's "Exception ignored" tracebacks into one warning a minute.

    With the cache down every page still serves, straight from the database; each cache call
    would otherwise log a full traceback.
    """

    QUIET_SECONDS = 60

    def __init__(self):
        super().__init__()
        self.last_warning = float("-inf")

    def filter(self, record):
        now = time.monotonic()
        if now - self.last_warning < self.QUIET_SECONDS:
            return False
        self.last_warning = now
        error = record.exc_info[1] if record.exc_info else None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.msg = "cache unavailable (%s): serving pages without it"
        record.args = (type(error.__cause__ or error).__name__ if error else "unknown",)
        record.exc_info = record.exc_text = None
        return True
