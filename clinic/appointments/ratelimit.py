"""A per-address limit on appointment requests, kept in the shared cache.

Each address may send APPOINTMENT_RATE_LIMIT requests in each window of
APPOINTMENT_RATE_LIMIT_WINDOW seconds (windows start on the clock, at each full hour by
default, so the wait left is known without asking the cache). A submission is counted before
it is stored, with the cache's atomic add and incr: however many arrive at once, no more than
the limit get through.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache

from clinic.web.addresses import client_address


def _window(request):
    """The cache key counting this address's submissions in the current window, and the
    seconds left until that window ends."""
    length = settings.APPOINTMENT_RATE_LIMIT_WINDOW
    now = time.time()
    # Hashed: the cache holds no addresses.
    digest = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
    key = f"appointments:submissions:{digest}:{int(now // length)}"
    return key, max(1, math.ceil(length - now % length))


def admit(request):
    """Count a submission from this address. Returns None when it may be stored, or the
    seconds until this address may send again when it is over the limit."""
    key, seconds_left = _window(request)
    cache.add(key, 0, seconds_left)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr(): a new one starts
        return None
    # None when the cache is down and its errors are ignored: the limit waits for it.
    if count is None or count <= settings.APPOINTMENT_RATE_LIMIT:
        return None
    return seconds_left


def give_back(request):
    """Uncount an admitted submission that stored nothing new (the same form sent twice)."""
    key, _seconds_left = _window(request)
    try:
        cache.decr(key)
    except ValueError:  # that window is over
        pass
