"""Values kept in a cache under a *version* that a change replaces, rather than deleted key by
key: the page store's generation (page_store.py) and the inbox's counts
(clinic/appointments/counts.py). What was filed under an old version is never read again.
"""

import secrets

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import transaction


def current_version(cache, key, timeout=DEFAULT_TIMEOUT):
    """The version kept in `cache` under `key`, starting one if there is none (the cache was
    emptied, or the key expired or was evicted). None while a cache that ignores its errors
    (django-redis) is down."""
    version = cache.get(key)
    if version is None:
        version = secrets.randbits(48)
        # Two workers may start one at the same moment: the first one stored wins.
        if not cache.add(key, version, timeout=timeout):
            version = cache.get(key)
    return version


def now_and_after_commit(renew):
    """Run `renew` now, so the change is seen on the next request, and again once the
    transaction commits: a request that read the old rows while the change was being saved
    may have filed what it made from them under the version renewed first."""
    renew()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(renew)
