"""How many requests an inbox listing holds, kept in the cache until a request changes.

A listing page costs what its 25 rows cost, except its count ("1,234 appointment
requests", the number of pages; the menu's "N new"), which reads every row the filters let
through: about 15 ms of the database's time for 100,000 requests on PostgreSQL, more than
the rest of the page's queries together. The front desk opens listings far more often than
requests come in or change, so each listing's count is kept in the default cache, filed
under the requests' *version*: saving or deleting a request, or deleting a treatment (its
requests lose their treatment), starts a new version right away and again when the
transaction commits, as a count made in between could not see the change yet.

Searches are counted every time: their counts read only the matches the trigram indexes
find, and their keys would be made of what the front desk searched for, patients' names
among them."""

import hashlib
import logging
import secrets

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from clinic.base.cache_versions import current_version, now_and_after_commit

VERSION_KEY = "appointment-requests:version"

# Where django-redis reports a cache that is down: a warning a minute (clinic/web/logs.py).
logger = logging.getLogger("clinic.cache")


def kept_count(queryset):
    """queryset.count(), from the cache while no request has changed since it was counted."""
    sql, params = queryset.query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()
    key = f"appointment-requests:count:{digest}"
    try:
        # None while the cache is down (django-redis then answers None to everything):
        # nothing is read or kept then.
        version = current_version(cache, VERSION_KEY, timeout=None)
        count = None if version is None else cache.get(key, version=version)
    except Exception as error:
        cache_failed(error)
        version = count = None
    if count is None:
        count = queryset.count()
        if version is not None:
            try:
                cache.set(key, count, version=version)
            except Exception as error:
                cache_failed(error)
    return count


def forget_counts(**kwargs):
    """A signal receiver: a new version now, and again once the change is committed."""
    now_and_after_commit(new_version)


def new_version():
    try:
        cache.set(VERSION_KEY, secrets.randbits(48), timeout=None)
    except Exception as error:
        # The change is saved all the same; counts are kept no longer than the cache's
        # timeout, so the listing is right again soon after the cache is back.
        cache_failed(error)


def cache_failed(error):
    logger.warning("Inbox counts: cache unavailable (%s)", type(error).__name__)


def register_signal_handlers():
    from treatments.models import TreatmentPage

    from .models import AppointmentRequest

    for signal in (post_save, post_delete):
        signal.connect(forget_counts, sender=AppointmentRequest, dispatch_uid="inbox-counts")
    # Deleting a treatment sets its requests' treatment to NULL without saving them.
    post_delete.connect(forget_counts, sender=TreatmentPage, dispatch_uid="inbox-counts")
