"""Probes for the load balancer: is the process alive, and can it serve pages?

``/healthz`` never touches the database or the cache, so a database outage does not make the
load balancer restart healthy web processes. ``/readyz`` checks both, and says which one
failed in a short plain-text line (never a traceback or a setting name).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PLAIN_TEXT = "text/plain; charset=utf-8"


def _plain(text, status=200):
    return HttpResponse(f"{text}\n", content_type=PLAIN_TEXT, status=status)


@never_cache
@require_safe
def healthz(request):
    """Liveness: the process answers. No database query, no cache."""
    return _plain("ok")


def _database_answers():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_round_trips():
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=10)
    try:
        return cache.get(key) == "1"
    finally:
        cache.delete(key)


@never_cache
@require_safe
def readyz(request):
    """Readiness: the database answers ``SELECT 1`` and the cache stores and returns a key."""
    for name, check in (("database", _database_answers), ("cache", _cache_round_trips)):
        try:
            ok = check()
        except Exception as error:  # any failure means "not ready", whatever raised it
            logger.warning("readyz: %s check failed (%s)", name, type(error).__name__)
            ok = False
        if not ok:
            return _plain(f"{name} unavailable", status=503)
    return _plain("ok")
