"""A per-address limit on appointment requests, kept in the shared cache.

Each address may send APPOINTMENT_RATE_LIMIT requests in each window of
APPOINTMENT_RATE_LIMIT_WINDOW seconds (windows start on the clock, at each full hour by
default, so the wait left is known without asking the cache). A submission is counted before
it is stored (clinic/web/counters.py): however many arrive at once, no more than the limit
get through.
"""

import math
import time

from django.conf import settings
from django.core.cache import cache

from clinic.web.addresses import client_address
from clinic.web.counters import count, digest


def _window(request):
    """The cache key counting this address's submissions in the current window, and the
    seconds left until that window ends."""
    length = settings.APPOINTMENT_RATE_LIMIT_WINDOW
    now = time.time()
    key = f"appointments:submissions:{digest(client_address(request))}:{int(now // length)}"
    return key, max(1, math.ceil(length - now % length))


def admit(request):
    """Count a submission from this address. Returns None when it may be stored, or the
    seconds until this address may send again when it is over the limit."""
    key, seconds_left = _window(request)
    submissions = count(key, seconds_left)
    if submissions is None or submissions <= settings.APPOINTMENT_RATE_LIMIT:
        return None
    return seconds_left


def give_back(request):
    """Uncount an admitted submission that stored nothing new (the same form sent twice)."""
    key, _seconds_left = _window(request)
    try:
        cache.decr(key)
    except ValueError:  # that window is over
        pass
