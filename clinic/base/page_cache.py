"""The anonymous page cache: what it may serve and store, what browsers and a CDN may keep,
and emptying it when content changes.

The cache itself is wagtail-cache's pair of middlewares, placed right after WhiteNoise so
that a hit is answered before sessions, authentication or the database are touched. It
keeps whole responses in the "pages" cache store for anonymous GETs. Publishing (or any
other change patients could see) empties that store whole: a clinic's site is small, and a
page's cards, navigation and footer show other pages and the clinic's settings, so working
out which pages one change affects is not worth its risk.
"""

import functools
import logging
import re
import time

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import parse_http_date_safe
from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends
from wagtail.models import Page, Site
from wagtailcache.cache import clear_cache
from wagtailcache.settings import wagtailcache_settings

from .models import ClinicSettings

logger = logging.getLogger(__name__)

# Statuses worth keeping: pages, permanent redirects, and "not found" (what crawlers and bots
# ask for most). Never a temporary redirect, an error or the 503 of a database outage.
CACHEABLE_STATUSES = {200, 301, 404}

# The query parameters cached pages read: a listing's ?page= and the symptom index's ?tag=.
PAGE_PARAMETERS = {"page", "tag"}


@functools.cache
def _never_cached_prefixes():
    # Reversed once, on first use: the URL configuration is not ready at import time.
    return (
        reverse("wagtailadmin_home"),
        reverse("appointments:request"),
        # Search results are not worth keeping (every query is a new address) and a query
        # can name a patient's symptoms.
        reverse("search"),
        # The load balancer's probes never wait on a cache, even a hanging one.
        reverse("healthz"),
        reverse("readyz"),
    )


def has_unknown_parameters(request):
    """Does the address carry a query parameter no cached page reads?

    Each address is an entry of its own, so a stranger adding ?x=1, ?x=2... would fill the
    cache with copies. Such a request is rendered afresh and not kept (rather than served the
    page without the parameter: a page that did read it would be served wrong). Tracking
    parameters (utm_* and the like) are not unknown: wagtail-cache leaves them out of the
    address (WAGTAIL_CACHE_IGNORE_QS).
    """
    tracking = wagtailcache_settings.WAGTAIL_CACHE_IGNORE_QS
    return any(
        name not in PAGE_PARAMETERS and not any(re.match(pattern, name) for pattern in tracking)
        for name in request.GET
    )


def request_is_cacheable(request):
    """False for requests that must neither be answered from, nor stored in, the shared
    cache; None to leave the decision to wagtail-cache (anonymous GET or HEAD)."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        # Logged in (an editor, or someone previewing): their pages are their own.
        return False
    if request.path.startswith(_never_cached_prefixes()):
        return False
    if has_unknown_parameters(request):
        return False
    try:
        request.get_host()
    except DisallowedHost:
        # The cache key is built from the host: leave the refusal to CommonMiddleware.
        return False
    return None


def response_is_cacheable(response):
    """False for responses that must not be stored; None to leave the decision to
    wagtail-cache (which already refuses private, no-cache and streaming responses)."""
    if response.cookies:
        # A cookie (a CSRF token, a session) belongs to one visitor: never hand it to others.
        return False
    if response.status_code not in CACHEABLE_STATUSES:
        return False
    return None


class PageCacheHeadersMiddleware:
    """What browsers and a CDN may keep of what the page cache saw.

    Pages it served or stored: `PAGE_CACHE_CONTROL` (a short max-age for browsers, which
    nothing can purge; a longer s-maxage for a CDN that is purged on publish). Responses it
    skipped (logged-in users, forms, search): private, so no shared cache keeps them.
    Sits just outside wagtail-cache's UpdateCacheMiddleware, so it sees its verdict.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        verdict = response.get(wagtailcache_settings.WAGTAIL_CACHE_HEADER)
        if verdict in ("hit", "miss"):
            # Expires: when the page cache's copy runs out, set by Django's cache utilities.
            expires = parse_http_date_safe(response.get("Expires", ""))
            response.headers.pop("Expires", None)
            response["Cache-Control"] = shared_cache_control(expires)
        elif verdict == "skip":
            patch_cache_control(response, private=True)
        return response


def shared_cache_control(expires):
    """PAGE_CACHE_CONTROL, each lifetime cut to the seconds left until `expires` (the page
    cache's copy runs out early when the site-wide notice appears or goes)."""
    if expires is None:
        return settings.PAGE_CACHE_CONTROL
    left = max(0, int(expires - time.time()))
    directives = []
    for directive in settings.PAGE_CACHE_CONTROL.split(","):
        name, _, seconds = directive.strip().partition("=")
        directives.append(f"{name}={min(int(seconds), left)}" if seconds else name)
    return ", ".join(directives)


class NoticeLifetimeMiddleware:
    """A rendered page shows the site-wide notice as it stands: the page cache keeps it no
    longer than until the notice appears or goes (its max-age, which wagtail-cache takes for
    the copy's timeout). Sits inside wagtail-cache's FetchFromCacheMiddleware, so it runs
    only when a page is rendered."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code in CACHEABLE_STATUSES
            and request_is_cacheable(request) is not False
            and Site.find_for_request(request) is not None
        ):
            lifetime = ClinicSettings.for_request(request).seconds_until_notice_changes()
            if lifetime is not None and lifetime < settings.PAGE_CACHE_SECONDS:
                patch_cache_control(response, max_age=lifetime)
        return response


def clear_page_cache(**kwargs):
    """Empty the page cache, and purge the CDN if one is configured.

    A signal receiver (it takes the signal's arguments). The cache is emptied now, for the
    next request, and again once the transaction commits: a page rendered meanwhile from the
    rows being changed may have been stored in between.
    """
    empty_wagtail_cache()
    transaction.on_commit(empty_wagtail_cache)
    transaction.on_commit(purge_frontend_cache, robust=True)


def empty_wagtail_cache():
    try:
        clear_cache()
    except Exception as error:  # a cache server that is down must not stop a publish
        logger.warning("Could not empty the page cache (%s)", type(error).__name__)


def purge_frontend_cache():
    """Purge every live page (and the contact page and sitemap) of every site from the CDN
    configured in WAGTAILFRONTENDCACHE; nothing to do without one."""
    if not get_backends():
        return
    batch = PurgeBatch()
    for site in Site.objects.all():
        pages = Page.objects.live().descendant_of(site.root_page, inclusive=True)
        batch.add_pages(pages.specific(defer=True))
        batch.add_urls(site.root_url + reverse(name) for name in ("contact", "sitemap"))
    logger.info("Purging %d addresses from the front-end cache", len(batch.urls))
    batch.purge()


def empty_on_change(model):
    """Empty the page cache whenever a row of `model` is saved or deleted: for things pages
    show that are not pages (settings, images, reviewers...)."""
    uid = f"page-cache-{model._meta.label_lower}"
    post_save.connect(clear_page_cache, sender=model, dispatch_uid=uid)
    post_delete.connect(clear_page_cache, sender=model, dispatch_uid=uid)
