"""Counting in the shared cache, for the rate limits: atomic, and keyed by digests.

A limit counts first and compares after, with the cache's atomic add and incr, so however
many requests arrive at once no two share a count.
"""

import hashlib

from django.core.cache import cache


def digest(text):
    """A key part standing for `text`: the cache holds no addresses, email or IP."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def count(key, seconds):
    """Count one more under `key`, kept `seconds`: the count, this one included; None while
    the cache is down (its errors are ignored), when the limits wait for it."""
    cache.add(key, 0, seconds)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add() and incr(): a new one starts
        cache.add(key, 1, seconds)
        return 1
