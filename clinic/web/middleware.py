"""Response headers every page gets, in every environment."""

import functools
import re
import uuid
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse

from .logs import request_id

# The site never needs these browser features; a page that asks for them has been tampered with.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class RequestIdMiddleware:
    """Gives each request an id, in the logs and in the ``X-Request-ID`` response header.

    The load balancer's id is kept when it sends a sane one, so its logs and ours line up.
    """

    HEADER = "X-Request-ID"
    INCOMING = re.compile(r"[A-Za-z0-9._-]{8,64}")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(self.HEADER, "")
        value = incoming if self.INCOMING.fullmatch(incoming) else uuid.uuid4().hex
        # Not reset on the way out: Django logs 4xx and 5xx responses after the middleware
        # has returned. The next request on this thread sets its own.
        request_id.set(value)
        response = self.get_response(request)
        response[self.HEADER] = value
        return response


def media_origin():
    """The origin media files come from when MEDIA_URL is absolute (a bucket or a CDN)."""
    url = urlsplit(settings.MEDIA_URL)
    return f"{url.scheme}://{url.netloc}" if url.scheme and url.netloc else None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with two policies: CONTENT_SECURITY_POLICY for the public site,
    CLINIC_ADMIN_CONTENT_SECURITY_POLICY for the Wagtail admin, whose scripts and styles need
    more than patient pages allow. Both also allow images from the media origin.

    get_policy_parts is django-csp's documented hook for this."""

    def process_response(self, request, response):
        # Wagtail renders a preview by sending a made-up request for the page's public URL
        # through the middleware; the real /admin/ request around it sets the admin policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        # A view that chose its own policy (django-csp's decorators) keeps it.
        if parts.config is None and is_admin(request):
            parts.config = settings.CLINIC_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        origin = media_origin()
        if origin:
            update = dict(parts.update or {})
            update["img-src"] = [*update.get("img-src", []), origin]
            parts.update = update
        return parts


@functools.cache
def admin_prefix():
    # Reversed once, on first use: the URL configuration is not ready at import time.
    return reverse("wagtailadmin_home")


def is_admin(request):
    return request.path_info.startswith(admin_prefix())
