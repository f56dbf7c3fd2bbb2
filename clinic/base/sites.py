"""The request's Site and its clinic settings, kept in the page cache store.

Every page Django renders needs both. Wagtail finds the Site with a query whose Python side
(a CASE over hostnames) costs more than rendering a short page, and reads the settings with
another. They change only when an editor changes a site, the settings or the pages, and each
of those empties the page store (clinic/base/signal_handlers.py), so one worker's lookup
serves every worker until then: the same rule that keeps cached pages current.
"""

import logging

from django.core.cache import caches
from django.http.request import split_domain_port
from wagtail.models import Site

STORE = "pages"
# Where django-redis reports a cache that is down; rate-limited to a line a minute.
logger = logging.getLogger("clinic.cache")


def cached(key, find):
    """What the page store holds under `key`, else `find()`, kept there (None is not kept).

    A store that fails is no reason to fail a page: `find()` answers instead."""
    store = caches[STORE]
    try:
        value = store.get(key)
    except Exception as error:
        logger.warning("Page store unavailable (%s)", type(error).__name__)
        return find()
    if value is None:
        value = find()
        if value is not None:
            try:
                store.set(key, value)
            except Exception as error:
                logger.warning("Page store unavailable (%s)", type(error).__name__)
    return value


class SiteMiddleware:
    """Finds the request's Site once for all workers; Wagtail's own lookups then reuse it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "needs_site", True):
            return None
        # As Wagtail does: the raw host, since ALLOWED_HOSTS is checked elsewhere.
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"site:{hostname}:{request.get_port()}"
        site = cached(key, lambda: Site.find_for_request(request))
        # Site.find_for_request keeps its answer on the request under this name.
        request._wagtail_site = site
        return None


def without_site(view):
    """Marks a view that needs no Site: the health probes, which must not touch the
    database or the cache."""
    view.needs_site = False
    return view
