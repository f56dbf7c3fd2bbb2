"""The request's Site, found once for all workers.

Every page Django renders needs it, and Wagtail finds it with a query whose Python side (a
CASE over hostnames) costs more than rendering a short page. Sites change only when an
editor changes them, which empties the page store (page_store.py) as publishing does.
"""

from django.http.request import split_domain_port
from wagtail.models import Site

from . import page_store


class SiteMiddleware:
    """Finds the request's Site once for all workers; Wagtail's own lookups then reuse it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            page_store.end_request()

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not getattr(view_func, "needs_site", True):
            return None
        page_store.begin_request()
        # As Wagtail does: the raw host, since ALLOWED_HOSTS is checked elsewhere.
        hostname = split_domain_port(request._get_raw_host())[0]
        key = f"site:{hostname}:{request.get_port()}"
        site = page_store.cached(key, lambda: Site.find_for_request(request))
        # Site.find_for_request keeps its answer on the request under this name.
        request._wagtail_site = site
        return None


def without_site(view):
    """Marks a view that needs no Site: the health probes, which must not touch the
    database or the cache."""
    view.needs_site = False
    return view
