"""A per-address limit on accepted appointment requests, kept in the shared cache."""

import hashlib

from django.conf import settings
from django.core.cache import cache

from clinic.web.addresses import client_address


def _key(request):
    # Hashed: the cache holds no addresses.
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    return f"appointments:submissions:{digest}"


def is_limited(request):
    return cache.get(_key(request), 0) >= settings.APPOINTMENT_RATE_LIMIT


def count_submission(request):
    key = _key(request)
    window = settings.APPOINTMENT_RATE_LIMIT_WINDOW
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, window)
