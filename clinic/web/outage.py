"""What the site can still say when its database is down.

The outage page cannot read the clinic settings (they live in the database), so the phone
number a patient should call is remembered in the cache whenever the settings are saved; the
``CLINIC_PHONE`` setting is the fallback when the cache has nothing (a fresh cache, or no
shared cache at all).
"""

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError

CONTACT_CACHE_KEY = "clinic:outage-contact"
# Seconds a browser or load balancer should wait before asking again.
RETRY_AFTER_SECONDS = 120


def remember_contact(clinic_settings):
    contact = {"clinic_name": clinic_settings.clinic_name, "phone": clinic_settings.phone}
    cache.set(CONTACT_CACHE_KEY, contact, timeout=None)


def outage_contact():
    """The clinic's name and phone number, without touching the database."""
    remembered = cache.get(CONTACT_CACHE_KEY) or {}
    return {
        "clinic_name": remembered.get("clinic_name") or settings.CLINIC_NAME,
        "phone": remembered.get("phone") or settings.CLINIC_PHONE,
    }


def is_database_outage(error):
    """Could the database not be reached (as opposed to a bug in a query)?

    OperationalError covers refused and dropped connections, a server shutting down and a
    locked or missing SQLite file; InterfaceError a connection that was already closed.
    """
    return isinstance(error, OperationalError | InterfaceError)


def saving_begins(request):
    """Mark that this request is about to store what the visitor sent. From here on, a
    database failure may come after the data was stored (a commit that went through but
    whose answer was lost), so the outage page must not say that nothing was saved."""
    request.saving_begun = True


def may_have_saved(request):
    return getattr(request, "saving_begun", False)
